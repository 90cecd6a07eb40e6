import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { myMembershipsKey, storeOrgId } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { saveDefaultOrg } from '@/lib/profile.ts';
import type { AppRole } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';

/**
 * The open invitation addressed to the signed-in user's e-mail for this organisation, if RLS shows it
 * (invitees may read invitations sent to their own address). Only used to say which role is offered.
 */
export function useMyOpenInvitation(orgId: string, email: string | undefined) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: ['invitation', orgId, email],
    enabled: !!email,
    queryFn: async (): Promise<{ role: AppRole; expires_at: string } | null> => {
      const { data, error } = await supabase
        .from('invitations')
        .select('role, expires_at')
        .eq('org_id', orgId)
        .eq('email', email!.toLowerCase())
        .is('accepted_at', null)
        .is('revoked_at', null)
        .order('created_at', { ascending: false })
        .limit(1)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** rpc accept_invitation: refuses unknown, expired, revoked, used, other-organisation and other-address tokens. */
export function useAcceptInvitation(userId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ orgId, token }: { orgId: string; token: string }) => {
      const { data, error } = await supabase.rpc('accept_invitation', { p_org_id: orgId, p_token: token });
      if (error) throw toAppError(error);
      return data;
    },
    onSuccess: async (_membership, { orgId }) => {
      storeOrgId(userId, orgId);
      await saveDefaultOrg(supabase, userId, orgId).catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: myMembershipsKey(userId) });
    },
  });
}
