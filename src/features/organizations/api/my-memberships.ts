import { useQuery } from '@tanstack/react-query';
import { myMembershipsKey, type OrgMembership } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';

/**
 * The organisations the user belongs to, with their role in each. Filtered to the user's own rows:
 * an owner or admin may read every membership of their organisations under RLS.
 */
export function useMyMemberships(userId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: myMembershipsKey(userId),
    queryFn: async (): Promise<OrgMembership[]> => {
      const { data, error } = await supabase
        .from('memberships')
        .select('role, organization:organizations(*)')
        .eq('user_id', userId);
      if (error) throw toAppError(error);
      return data
        .filter((row) => row.organization !== null)
        .map((row) => ({ role: row.role, organization: row.organization! }))
        .sort((a, b) => a.organization.name.localeCompare(b.organization.name));
    },
  });
}
