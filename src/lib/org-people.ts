// Everyone in the current organisation (name, e-mail, avatar, role), for owner and
// assignee pickers and presence. Memberships are readable in full only by owners and
// admins, so this reads the org_member_profiles RPC, which any member may call.
import { useQuery } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { AppRole } from '@/lib/roles.ts';

export interface OrgPerson {
  id: string;
  full_name: string | null;
  email: string | null;
  avatar_path: string | null;
  role: AppRole;
}

export const orgPeopleKey = (orgId: string) => [...orgKey(orgId), 'people'] as const;

export function useOrgPeople(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: orgPeopleKey(orgId),
    queryFn: async (): Promise<OrgPerson[]> => {
      const { data, error } = await supabase.rpc('org_member_profiles', { p_org_id: orgId });
      if (error) throw toAppError(error);
      return data;
    },
    staleTime: 60_000,
  });
}

export function personName(person: Pick<OrgPerson, 'full_name' | 'email'> | null | undefined): string {
  return person?.full_name || person?.email || 'Unknown';
}
