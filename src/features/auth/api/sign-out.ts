import { hashKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@supabase/supabase-js';
import { useSupabase } from '@/lib/supabase.ts';
import { sessionQueryKey } from '@/features/auth/api/session.ts';

export function useSignOut() {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { error } = await supabase.auth.signOut();
      if (error) throw error;
    },
    onSuccess: () => {
      queryClient.setQueryData<Session | null>(sessionQueryKey, null);
      // Nothing cached for this user may leak to whoever signs in next on this browser; the session
      // entry itself stays, now null, so the route guard keeps watching it.
      queryClient.removeQueries({ predicate: (query) => query.queryHash !== hashKey(sessionQueryKey) });
    },
  });
}
