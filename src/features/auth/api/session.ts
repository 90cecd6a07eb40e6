import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@supabase/supabase-js';
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
