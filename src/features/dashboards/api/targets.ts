// Monthly sales targets per rep (public.sales_targets) for the targets screen, and the sales teams
// managers set up there. Saved with a plain upsert on (org_id, user_id, month); clearing a cell
// deletes the target. Both follow the database live, so two managers see each other's edits.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { salesTargetSchema } from '../schemas/kpis.ts';
import { dashboardKey } from './kpis.ts';
import { teamsKey } from './lookups.ts';

export interface SalesTarget {
  user_id: string;
  month: string;
  amount: number;
}

export const targetsKey = (orgId: string, year: number) => [...orgKey(orgId), 'sales-targets', year] as const;

export function useSalesTargets(orgId: string, year: number) {
  const supabase = useSupabase();
  const key = targetsKey(orgId, year);
  useLiveRefetch('sales_targets', `org_id=eq.${orgId}`, [...orgKey(orgId), 'sales-targets']);
  return useQuery({
    queryKey: key,
    queryFn: async (): Promise<SalesTarget[]> => {
      const { data, error } = await supabase
        .from('sales_targets')
        .select('user_id, month, amount')
        .eq('org_id', orgId)
        .gte('month', `${year}-01-01`)
        .lte('month', `${year}-12-01`);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useSaveTarget(orgId: string, year: number) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    /** `amount` as typed; '' removes the month's target. */
    mutationFn: async ({ userId, month, amount }: { userId: string; month: string; amount: string }) => {
      if (amount.trim() === '') {
        const { error } = await supabase
          .from('sales_targets')
          .delete()
          .eq('org_id', orgId)
          .eq('user_id', userId)
          .eq('month', month);
        if (error) throw toAppError(error);
        return null;
      }
      const input = salesTargetSchema.parse({ user_id: userId, month, amount: amount.trim() });
      const { error } = await supabase
        .from('sales_targets')
        .upsert({ org_id: orgId, ...input }, { onConflict: 'org_id,user_id,month' });
      if (error) throw toAppError(error);
      return input;
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: targetsKey(orgId, year) });
      // Target gauges and coverage on the dashboards.
      void queryClient.invalidateQueries({ queryKey: dashboardKey(orgId) });
    },
  });
}

export function useLiveTeams(orgId: string) {
  useLiveRefetch('sales_teams', `org_id=eq.${orgId}`, teamsKey(orgId));
  useLiveRefetch('sales_team_members', `org_id=eq.${orgId}`, teamsKey(orgId));
}

export function useTeamMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const onSettled = () => void queryClient.invalidateQueries({ queryKey: teamsKey(orgId) });
  const createTeam = useMutation({
    mutationFn: async (name: string) => {
      const { error } = await supabase.from('sales_teams').insert({ org_id: orgId, name: name.trim() });
      if (error) throw toAppError(error);
    },
    onSettled,
  });
  const deleteTeam = useMutation({
    mutationFn: async (teamId: string) => {
      const { error } = await supabase.from('sales_teams').delete().eq('org_id', orgId).eq('id', teamId);
      if (error) throw toAppError(error);
    },
    onSettled,
  });
  const addMember = useMutation({
    mutationFn: async ({ teamId, userId }: { teamId: string; userId: string }) => {
      const { error } = await supabase
        .from('sales_team_members')
        .insert({ org_id: orgId, team_id: teamId, user_id: userId });
      if (error) throw toAppError(error);
    },
    onSettled,
  });
  const removeMember = useMutation({
    mutationFn: async ({ teamId, userId }: { teamId: string; userId: string }) => {
      const { error } = await supabase
        .from('sales_team_members')
        .delete()
        .eq('org_id', orgId)
        .eq('team_id', teamId)
        .eq('user_id', userId);
      if (error) throw toAppError(error);
    },
    onSettled,
  });
  return { createTeam, deleteTeam, addMember, removeMember };
}
