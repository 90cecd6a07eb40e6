// The SPA uses zod/mini: it tree-shakes to a few KB, where classic zod adds ~20 KB gzipped to the first load.
import * as z from 'zod/mini';

/** The configuration the SPA needs at start-up; everything else comes from the API. */
export interface AppEnv {
  supabaseUrl: string;
  supabaseAnonKey: string;
}

export type EnvResult = { ok: true; env: AppEnv } | { ok: false; problems: string[] };

const notSet = (name: string) => `${name} is not set.`;

const requiredString = (name: string) =>
  z.string({ error: notSet(name) }).check(z.trim(), z.minLength(1, notSet(name)));

const envSchema = z.object({
  VITE_SUPABASE_URL: z.pipe(
    requiredString('VITE_SUPABASE_URL'),
    z.url({
      protocol: /^https?$/,
      error: 'VITE_SUPABASE_URL must be an http(s) URL, for example http://127.0.0.1:54321.',
    }),
  ),
  VITE_SUPABASE_ANON_KEY: requiredString('VITE_SUPABASE_ANON_KEY'),
});

/**
 * Validates the build-time environment (Vite inlines `import.meta.env.VITE_*`).
 * Returns every problem at once so the error screen can list them all.
 */
export function parseEnv(source: Record<string, unknown>): EnvResult {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((issue) => issue.message) };
  }
  return {
    ok: true,
    env: {
      // supabase-js appends /auth/v1 etc.; a trailing slash would double it.
      supabaseUrl: result.data.VITE_SUPABASE_URL.replace(/\/+$/, ''),
      supabaseAnonKey: result.data.VITE_SUPABASE_ANON_KEY,
    },
  };
}
