// What the dashboard filters choose from: the org's sales teams (with their members) and its
// warehouses. Kept outside the dashboard's key, so a live refresh of the figures leaves them be.
import { useQuery } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { orgKey } from '@/lib/current-org.ts';

export interface SalesTeam {
  id: string;
  name: string;
  members: { user_id: string }[];
}

export const teamsKey = (orgId: string) => [...orgKey(orgId), 'sales-teams'] as const;

export function useSalesTeams(orgId: string, enabled = true) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: teamsKey(orgId),
    enabled,
    staleTime: 60_000,
    queryFn: async (): Promise<SalesTeam[]> => {
      const { data, error } = await supabase
        .from('sales_teams')
        .select('id, name, members:sales_team_members(user_id)')
        .eq('org_id', orgId)
        .order('name');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export interface WarehouseChoice {
  id: string;
  code: string;
  name: string;
}

export function useWarehouseChoices(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...orgKey(orgId), 'dashboard-warehouses'],
    staleTime: 60_000,
    queryFn: async (): Promise<WarehouseChoice[]> => {
      const { data, error } = await supabase
        .from('warehouses')
        .select('id, code, name')
        .eq('org_id', orgId)
        .eq('active', true)
        .order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}
