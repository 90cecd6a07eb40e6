import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@supabase/supabase-js';
import { sessionQueryKey } from '@/lib/session.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { SignUpValues } from '@/features/auth/schemas/sign-up.ts';

/**
 * GoTrue signUp. With e-mail confirmations off (the local stack's default, `enable_confirmations`)
 * the session comes back at once; with them on, the answer has no session and the user confirms by
 * e-mail first.
 */
export function useSignUp() {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ fullName, email, password }: SignUpValues): Promise<Session | null> => {
      const { data, error } = await supabase.auth.signUp({
        email,
        password,
        options: {
          data: { full_name: fullName },
          emailRedirectTo: `${window.location.origin}/`,
        },
      });
      if (error) throw error;
      return data.session;
    },
    onSuccess: (session) => {
      if (session) queryClient.setQueryData<Session | null>(sessionQueryKey, session);
    },
  });
}
