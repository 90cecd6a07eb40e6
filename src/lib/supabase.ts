import { createContext, useContext } from 'react';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { AppEnv } from '@/lib/env.ts';

export type { SupabaseClient };

/** The one browser client; the SPA talks to Supabase (or the local stack) only through it. */
export function createSupabaseClient(env: AppEnv): SupabaseClient {
  return createClient(env.supabaseUrl, env.supabaseAnonKey, {
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
