import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import type { Database } from '@/lib/database.types.ts';
import { AppError, toAppError } from '@/lib/errors.ts';
import { invokeFunction } from '@/lib/functions.ts';
import type { AppRole } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { pageRange, type ServerTableState } from '@/lib/table-state.ts';

export type Invitation = Pick<
  Database['public']['Tables']['invitations']['Row'],
  'id' | 'email' | 'role' | 'created_at' | 'expires_at' | 'invited_by'
>;

export interface InvitationsPage {
  rows: Invitation[];
  count: number;
}

export type InvitationFilter = 'role';
export const INVITATION_SORTABLE = ['created_at', 'expires_at', 'email'] as const;

export const invitationsKey = (orgId: string) => [...orgKey(orgId), 'invitations'] as const;

/** Open invitations: neither accepted nor revoked (expired ones included, marked as such). */
export function usePendingInvitations(orgId: string, state: ServerTableState<InvitationFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...invitationsKey(orgId), state],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<InvitationsPage> => {
      let query = supabase
        .from('invitations')
        .select('id, email, role, created_at, expires_at, invited_by', { count: 'exact' })
        .eq('org_id', orgId)
        .is('accepted_at', null)
        .is('revoked_at', null);
      if (state.filters.role) query = query.eq('role', state.filters.role as AppRole);
      for (const rule of state.sorting) {
        query = query.order(rule.id as (typeof INVITATION_SORTABLE)[number], { ascending: !rule.desc });
      }
      query = query.order('id', { ascending: true });
      const [from, to] = pageRange(state);
      const { data, error, count } = await query.range(from, to);
      if (error) throw toAppError(error);
      return { rows: data, count: count ?? data.length };
    },
  });
}

export interface InviteResult {
  invitation_id: string;
  expires_at: string;
  new_user: boolean;
}

/**
 * The invite-member edge function: creates the invitation as the caller (so the database decides who
 * may invite whom) and e-mails it. Re-inviting an address replaces its open invitation.
 */
export function useInviteMember(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, role }: { email: string; role: AppRole }) =>
      invokeFunction<InviteResult>(supabase, 'invite-member', {
        org_id: orgId,
        email,
        role,
        // The accept link in the e-mail points back at this app, wherever it is served from.
        app_url: window.location.origin,
      }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: invitationsKey(orgId) }),
        queryClient.invalidateQueries({ queryKey: [...orgKey(orgId), 'outbox'] }),
        queryClient.invalidateQueries({ queryKey: [...orgKey(orgId), 'audit-log'] }),
      ]);
    },
  });
}

/** Revoking sets revoked_at (the only column members may change); the token stops working at once. */
export function useRevokeInvitation(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id }: { id: string }) => {
      const { data, error } = await supabase
        .from('invitations')
        .update({ revoked_at: new Date().toISOString() })
        .eq('org_id', orgId)
        .eq('id', id)
        .is('revoked_at', null)
        .select('id');
      if (error) throw toAppError(error);
      if (data.length === 0) {
        throw new AppError(
          'This invitation could not be revoked: it was accepted or revoked meanwhile, or you lack permission.',
        );
      }
    },
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: invitationsKey(orgId) }),
        queryClient.invalidateQueries({ queryKey: [...orgKey(orgId), 'audit-log'] }),
      ]);
    },
  });
}
