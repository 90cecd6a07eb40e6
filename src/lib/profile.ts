import { useQuery } from '@tanstack/react-query';
import type { Database } from '@/lib/database.types.ts';
import { myProfileKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';

export type Profile = Database['public']['Tables']['profiles']['Row'];

/** The signed-in user's profile row (created by a trigger on auth.users, so normally always there). */
export function useMyProfile(userId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: myProfileKey(userId),
    queryFn: async (): Promise<Profile | null> => {
      const { data, error } = await supabase.from('profiles').select('*').eq('id', userId).maybeSingle();
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** Remembers the user's current organisation on their profile, so another device opens it too. */
export async function saveDefaultOrg(supabase: SupabaseClient, userId: string, orgId: string): Promise<void> {
  const { error } = await supabase.from('profiles').update({ default_org_id: orgId }).eq('id', userId);
  if (error) throw toAppError(error);
}
