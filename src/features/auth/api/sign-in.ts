import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@supabase/supabase-js';
import { useSupabase } from '@/lib/supabase.ts';
import type { SignInValues } from '@/features/auth/schemas/sign-in.ts';
import { sessionQueryKey } from '@/lib/session.ts';

export function useSignIn() {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ email, password }: SignInValues): Promise<Session> => {
      const { data, error } = await supabase.auth.signInWithPassword({ email, password });
      if (error) throw error;
      return data.session;
    },
    onSuccess: (session) => {
      queryClient.setQueryData<Session | null>(sessionQueryKey, session);
    },
  });
}
