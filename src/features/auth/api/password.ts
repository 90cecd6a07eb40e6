import { useMutation } from '@tanstack/react-query';
import { useSupabase } from '@/lib/supabase.ts';

/** Sends the recovery e-mail; its link lands on /reset-password with a recovery session. */
export function useRequestPasswordReset() {
  const supabase = useSupabase();
  return useMutation({
    mutationFn: async ({ email }: { email: string }) => {
      const { error } = await supabase.auth.resetPasswordForEmail(email, {
        redirectTo: `${window.location.origin}/reset-password`,
      });
      if (error) throw error;
    },
  });
}

/** Sets a new password for the signed-in user (after a recovery link, or an invitation). */
export function useSetPassword() {
  const supabase = useSupabase();
  return useMutation({
    mutationFn: async ({ password }: { password: string }) => {
      const { error } = await supabase.auth.updateUser({ password });
      if (error) throw error;
    },
  });
}
