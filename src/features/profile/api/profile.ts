import { useMutation, useQueryClient } from '@tanstack/react-query';
import { myProfileKey } from '@/lib/current-org.ts';
import { AppError, toAppError } from '@/lib/errors.ts';
import type { Profile } from '@/lib/profile.ts';
import { forgetUserData } from '@/lib/session.ts';
import { useSupabase } from '@/lib/supabase.ts';

export function useUpdateProfile(userId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ fullName }: { fullName: string }): Promise<Profile> => {
      const { data, error } = await supabase
        .from('profiles')
        .update({ full_name: fullName || null })
        .eq('id', userId)
        .select()
        .maybeSingle();
      if (error) throw toAppError(error);
      if (!data) throw new AppError('Your profile could not be found.');
      return data;
    },
    onSuccess: (profile) => {
      queryClient.setQueryData(myProfileKey(userId), profile);
    },
  });
}

/**
 * GDPR erasure (rpc erase_person): anonymises the user's personal data everywhere and ends all their
 * sessions on the server. This browser's session is then forgotten locally; a sign-out call would only
 * be refused, since the session no longer exists.
 */
export function useEraseMyData(userId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { error } = await supabase.rpc('erase_person', { p_user_id: userId });
      if (error) throw toAppError(error);
      await supabase.auth.signOut({ scope: 'local' }).catch(() => undefined);
    },
    onSuccess: () => forgetUserData(queryClient),
  });
}
