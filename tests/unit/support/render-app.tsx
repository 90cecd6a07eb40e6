import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createClient, type SupportedStorage } from '@supabase/supabase-js';
import type { Database } from '@/lib/database.types.ts';
import type { SupabaseClient } from '@/lib/supabase.ts';
import { AppProviders } from '@/app/providers.tsx';
import { appRoutes } from '@/app/routes.tsx';
import { SUPABASE_URL } from './msw.ts';

let clients = 0;

/**
 * A Supabase client pointed at msw, with its own in-memory auth storage (and storage key, so auth-js
 * does not warn about several clients sharing one). `session` starts it signed in, as after a reload.
 */
export function createTestSupabase({ session }: { session?: object } = {}): SupabaseClient {
  const storageKey = `unit-test-auth-${++clients}`;
  const data = new Map<string, string>(session ? [[storageKey, JSON.stringify(session)]] : []);
  const storage: SupportedStorage = {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
  return createClient<Database>(SUPABASE_URL, 'anon-key-for-unit-tests', {
    auth: { storage, storageKey, persistSession: true, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

/** Renders the real route tree (guards, lazy pages) in a memory router at `path`. */
export function renderApp(path: string, supabase: SupabaseClient = createTestSupabase()) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const view = render(
    <AppProviders supabase={supabase} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, supabase, queryClient };
}
