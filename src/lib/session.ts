import { createContext, useContext, useEffect } from 'react';
import { hashKey, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Session, User } from '@supabase/supabase-js';
import { useSupabase } from '@/lib/supabase.ts';

export const sessionQueryKey = ['auth', 'session'] as const;

/**
 * The current session, kept in the react-query cache so every screen reads one source.
 * auth-js owns the session (storage, refresh); this mirrors its events into the cache.
 */
export function useSession() {
  const supabase = useSupabase();
  const queryClient = useQueryClient();

  useEffect(() => {
    const { data } = supabase.auth.onAuthStateChange((_event, session) => {
      // Only update the cache here: auth-js forbids awaiting its own calls inside this callback.
      queryClient.setQueryData<Session | null>(sessionQueryKey, session);
    });
    return () => data.subscription.unsubscribe();
  }, [supabase, queryClient]);

  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: async (): Promise<Session | null> => {
      const { data, error } = await supabase.auth.getSession();
      if (error) throw error;
      return data.session;
    },
    // Freshness comes from auth events, not from refetching.
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** Provided by the auth guard (src/app/auth-guard.tsx) to everything it lets through. */
export const UserContext = createContext<User | null>(null);

/** The signed-in user; only for screens behind the auth guard, which renders them only with a session. */
export function useUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser() is only for signed-in screens (behind RequireAuth).');
  return user;
}

/** Forgets everything cached for the user, so nothing leaks to whoever signs in next on this browser. */
export function forgetUserData(queryClient: QueryClient): void {
  queryClient.setQueryData<Session | null>(sessionQueryKey, null);
  // The session entry itself stays, now null, so the route guard keeps watching it.
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== hashKey(sessionQueryKey) });
}

/**
 * Signs out. `local` ends this browser's session (its refresh token is revoked on the server);
 * `global` ends every session of the user on every device.
 */
export function useSignOut() {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ scope = 'local' }: { scope?: 'local' | 'global' } = {}) => {
      const { error } = await supabase.auth.signOut({ scope });
      if (error) throw error;
    },
    onSuccess: () => forgetUserData(queryClient),
  });
}
