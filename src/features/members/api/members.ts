// Members of the current organisation: memberships (role, since when) and the people's profiles.
// memberships.user_id references auth.users, not profiles, so PostgREST cannot embed the profile;
// the page of memberships is read first, then the profiles of just those people.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { myMembershipsKey, orgKey } from '@/lib/current-org.ts';
import { AppError, toAppError } from '@/lib/errors.ts';
import type { AppRole } from '@/lib/roles.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { ilikeContains, pageRange, type ServerTableState } from '@/lib/table-state.ts';

export interface MemberProfile {
  id: string;
  full_name: string | null;
  email: string | null;
  avatar_path: string | null;
}

export interface Member {
  user_id: string;
  role: AppRole;
  created_at: string;
  profile: MemberProfile | null;
}

export interface MembersPage {
  rows: Member[];
  count: number;
}

export type MemberFilter = 'q' | 'role';
export const MEMBER_SORTABLE = ['role', 'created_at'] as const;

export const membersKey = (orgId: string) => [...orgKey(orgId), 'members'] as const;

/** Ids of people whose name or e-mail contains `text` (RLS shows only people who share an organisation). */
async function findPeople(supabase: SupabaseClient, text: string, limit: number): Promise<string[]> {
  const pattern = ilikeContains(text);
  const { data, error } = await supabase
    .from('profiles')
    .select('id')
    .or(`full_name.ilike.${pattern},email.ilike.${pattern}`)
    .limit(limit);
  if (error) throw toAppError(error);
  return data.map((row) => row.id);
}

async function profilesOf(supabase: SupabaseClient, ids: string[]): Promise<Map<string, MemberProfile>> {
  if (ids.length === 0) return new Map();
  const { data, error } = await supabase.from('profiles').select('id, full_name, email, avatar_path').in('id', ids);
  if (error) throw toAppError(error);
  return new Map(data.map((profile) => [profile.id, profile]));
}

export async function fetchMembers(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<MemberFilter>,
): Promise<MembersPage> {
  const text = state.filters.q?.trim();
  let userIds: string[] | undefined;
  if (text) {
    userIds = await findPeople(supabase, text, 500);
    if (userIds.length === 0) return { rows: [], count: 0 };
  }

  let query = supabase.from('memberships').select('user_id, role, created_at', { count: 'exact' }).eq('org_id', orgId);
  if (state.filters.role) query = query.eq('role', state.filters.role as AppRole);
  if (userIds) query = query.in('user_id', userIds);
  for (const rule of state.sorting) {
    query = query.order(rule.id as (typeof MEMBER_SORTABLE)[number], { ascending: !rule.desc });
  }
  // A stable order within equal roles or dates, so pages never overlap.
  query = query.order('user_id', { ascending: true });
  const [from, to] = pageRange(state);
  const { data, error, count } = await query.range(from, to);
  if (error) throw toAppError(error);

  const profiles = await profilesOf(
    supabase,
    data.map((row) => row.user_id),
  );
  return {
    rows: data.map((row) => ({ ...row, profile: profiles.get(row.user_id) ?? null })),
    count: count ?? data.length,
  };
}

export function useMembers(orgId: string, state: ServerTableState<MemberFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...membersKey(orgId), state],
    queryFn: () => fetchMembers(supabase, orgId, state),
    placeholderData: keepPreviousData,
  });
}

/** Up to `limit` members of the organisation whose name or e-mail contains `text` (command palette). */
export function useMemberSearch(orgId: string, text: string, enabled: boolean) {
  const supabase = useSupabase();
  const trimmed = text.trim();
  return useQuery({
    queryKey: [...membersKey(orgId), 'search', trimmed],
    enabled: enabled && trimmed.length >= 2,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (
        await fetchMembers(supabase, orgId, {
          pageIndex: 0,
          pageSize: 8,
          sorting: [{ id: 'created_at', desc: false }],
          filters: { q: trimmed },
        })
      ).rows,
  });
}

/** Changes a member's role. RLS filters a change the caller may not make down to zero rows. */
export function useChangeRole(orgId: string, currentUserId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: AppRole }) => {
      const { data, error } = await supabase
        .from('memberships')
        .update({ role })
        .eq('org_id', orgId)
        .eq('user_id', userId)
        .select('user_id, role');
      if (error) throw toAppError(error);
      if (data.length === 0) {
        throw new AppError("You don't have permission to change this member's role.", { code: '42501' });
      }
      return data[0]!;
    },
    onSuccess: async (_data, { userId }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: membersKey(orgId) }),
        queryClient.invalidateQueries({ queryKey: [...orgKey(orgId), 'audit-log'] }),
        // One's own role decides what the app shows.
        userId === currentUserId
          ? queryClient.invalidateQueries({ queryKey: myMembershipsKey(currentUserId) })
          : Promise.resolve(),
      ]);
    },
  });
}

/** Removes a member (or, for one's own membership, leaves the organisation). */
export function useRemoveMember(orgId: string, currentUserId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId }: { userId: string }) => {
      const { data, error } = await supabase
        .from('memberships')
        .delete()
        .eq('org_id', orgId)
        .eq('user_id', userId)
        .select('user_id');
      if (error) throw toAppError(error);
      if (data.length === 0) {
        throw new AppError("You don't have permission to remove this member.", { code: '42501' });
      }
    },
    onSuccess: async (_data, { userId }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: membersKey(orgId) }),
        queryClient.invalidateQueries({ queryKey: [...orgKey(orgId), 'audit-log'] }),
        userId === currentUserId
          ? queryClient.invalidateQueries({ queryKey: myMembershipsKey(currentUserId) })
          : Promise.resolve(),
      ]);
    },
  });
}
