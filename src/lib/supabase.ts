import { createContext, useContext } from 'react';
import { createClient, type SupabaseClient as BaseSupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@/lib/database.types.ts';
import type { AppEnv } from '@/lib/env.ts';

/** Typed with the generated schema (`npm run gen:types`), so queries and RPCs are checked by tsc. */
export type SupabaseClient = BaseSupabaseClient<Database>;

/** The one browser client; the SPA talks to Supabase (or the local stack) only through it. */
export function createSupabaseClient(env: AppEnv): SupabaseClient {
  return createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, {
    auth: {
      persistSession: true,
      autoRefreshToken: true,
      // Recovery and invitation links land on the SPA with tokens in the URL.
      detectSessionInUrl: true,
    },
  });
}

/** Provided by the app shell; tests provide their own client pointed at msw. */
export const SupabaseContext = createContext<SupabaseClient | null>(null);

export function useSupabase(): SupabaseClient {
  const client = useContext(SupabaseContext);
  if (!client) throw new Error('useSupabase() needs a SupabaseContext provider (see src/app/providers.tsx).');
  return client;
}
