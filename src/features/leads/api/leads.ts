// Leads: the list (scored by the org's rules, live), one lead, conversion into account +
// contact + deal (one database transaction), the scoring rules and the round-robin rotation.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { ilikeContains, isoDateParam, pageRange, zonedDayStart, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import type { LeadFormValues, ScoringRuleValues } from '../schemas/lead.ts';

export type LeadStatus = Database['public']['Enums']['lead_status'];
export type LeadRow = Database['public']['Tables']['leads']['Row'] & {
  owner: { full_name: string | null; email: string | null } | null;
  campaign: { name: string } | null;
};
export type ScoringRule = Database['public']['Tables']['lead_scoring_rules']['Row'];
export type LeadAssignee = Database['public']['Tables']['lead_assignees']['Row'];

export const leadsKey = (orgId: string) => [...orgKey(orgId), 'leads'] as const;
export type LeadFilter = 'q' | 'status' | 'owner' | 'team' | 'campaign' | 'source' | 'created_from' | 'created_to';
export const LEAD_SORTABLE = ['score', 'created_at', 'estimated_value', 'company_name'] as const;

export function leadTitle(lead: Pick<LeadRow, 'company_name' | 'contact_name' | 'email'>): string {
  return lead.company_name ?? lead.contact_name ?? lead.email ?? 'Lead';
}

const LEAD_COLUMNS = '*, owner:profiles(full_name, email), campaign:campaigns(name)';

/** `source=none` in the URL: leads without a source (the dashboard's "no source" group). */
export const NO_SOURCE = 'none';

/**
 * The status the list shows: the one in the URL, else open leads; but a list of the leads created
 * between two days (the dashboards' click-through) shows every status, as the lead figures count
 * every lead created then.
 */
export function leadStatusFilter(f: ServerTableState<LeadFilter>['filters']): string {
  if (f.status) return f.status;
  return f.created_from || f.created_to ? 'all' : 'open';
}

export async function fetchLeads(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<LeadFilter>,
  { userId, timeZone }: { userId: string; timeZone: string },
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: LeadRow[]; count: number }> {
  const f = state.filters;
  let teamMembers: string[] | null = null;
  if (f.team) {
    const { data, error } = await supabase
      .from('sales_team_members')
      .select('user_id')
      .eq('org_id', orgId)
      .eq('team_id', f.team);
    if (error) throw toAppError(error);
    teamMembers = data.map((m) => m.user_id);
    if (teamMembers.length === 0) return { rows: [], count: 0 };
  }
  let query = supabase
    .from('leads')
    .select(LEAD_COLUMNS, { count: 'exact' })
    .eq('org_id', orgId)
    .is('archived_at', null);
  if (f.q?.trim()) {
    const p = ilikeContains(f.q.trim());
    query = query.or(`company_name.ilike.${p},contact_name.ilike.${p},email.ilike.${p},phone.ilike.${p}`);
  }
  const status = leadStatusFilter(f);
  if (status === 'open') query = query.in('status', ['new', 'contacted', 'qualified']);
  else if (status !== 'all') query = query.eq('status', status as LeadStatus);
  if (f.owner === 'me') query = query.eq('owner_id', userId);
  else if (f.owner === 'nobody') query = query.is('owner_id', null);
  else if (f.owner) query = query.eq('owner_id', f.owner);
  if (teamMembers) query = query.in('owner_id', teamMembers);
  if (f.campaign) query = query.eq('campaign_id', f.campaign);
  if (f.source === NO_SOURCE) query = query.is('source', null);
  else if (f.source) query = query.eq('source', f.source);
  // Created between org-calendar days (the org's time zone), as the lead figures count.
  const createdFrom = isoDateParam(f.created_from);
  const createdTo = isoDateParam(f.created_to);
  if (createdFrom) query = query.gte('created_at', zonedDayStart(createdFrom, timeZone));
  if (createdTo) query = query.lt('created_at', zonedDayStart(createdTo, timeZone, { nextDay: true }));
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof LEAD_SORTABLE)[number], { ascending: !rule.desc, nullsFirst: false });
  query = query.order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as LeadRow[], count: count ?? data.length };
}

/** Live: any change to the org's leads (a colleague's edit, a rescore) refetches what is shown. */
function useLiveLeads(orgId: string) {
  useLiveRefetch('leads', `org_id=eq.${orgId}`, leadsKey(orgId));
}

export function useLeads(
  orgId: string,
  state: ServerTableState<LeadFilter>,
  context: { userId: string; timeZone: string },
) {
  const supabase = useSupabase();
  useLiveLeads(orgId);
  return useQuery({
    queryKey: [...leadsKey(orgId), 'list', state, context],
    placeholderData: keepPreviousData,
    queryFn: () => fetchLeads(supabase, orgId, state, context),
  });
}

/** A sales team's name (for the team filter's chip). */
export function useTeamName(orgId: string, teamId: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...leadsKey(orgId), 'team-name', teamId],
    enabled: !!teamId,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('sales_teams')
        .select('name')
        .eq('org_id', orgId)
        .eq('id', teamId!)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data?.name ?? null;
    },
  });
}

export function useLead(orgId: string, id: string) {
  const supabase = useSupabase();
  useLiveLeads(orgId);
  return useQuery({
    queryKey: [...leadsKey(orgId), 'record', id],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('leads')
        .select(LEAD_COLUMNS)
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data as unknown as LeadRow | null;
    },
  });
}

/** Campaigns to attribute a lead to (names only; the campaigns feature owns the rest). */
export function useCampaignChoices(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...leadsKey(orgId), 'campaign-choices'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('campaigns')
        .select('id, name')
        .eq('org_id', orgId)
        .is('archived_at', null)
        .order('name');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useLeadMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: leadsKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: LeadFormValues) => {
        const { data, error } = await supabase
          .from('leads')
          .insert({ ...values, org_id: orgId })
          .select('id')
          .single();
        if (error) throw toAppError(error);
        return data.id;
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: async ({ id, ...changes }: Partial<LeadFormValues> & { id: string }) => {
        const { error } = await supabase.from('leads').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    archive: useMutation({
      mutationFn: async ({ id, archived }: { id: string; archived: boolean }) => {
        const { error } = await supabase
          .from('leads')
          .update({ archived_at: archived ? new Date().toISOString() : null })
          .eq('org_id', orgId)
          .eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}

export interface ConvertLeadInput {
  leadId: string;
  /** An existing account to attach the contact (and deal) to; null creates one from the lead. */
  accountId: string | null;
  createDeal: boolean;
  stageId: string | null;
  dealTitle: string | null;
  amount: number | null;
}

export function useConvertLead(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ConvertLeadInput) => {
      const { data, error } = await supabase
        .rpc('convert_lead', {
          p_lead_id: input.leadId,
          ...(input.accountId ? { p_account_id: input.accountId } : {}),
          p_create_deal: input.createDeal,
          ...(input.stageId ? { p_stage_id: input.stageId } : {}),
          ...(input.dealTitle ? { p_deal_title: input.dealTitle } : {}),
          ...(input.amount != null ? { p_amount: input.amount } : {}),
        })
        .single();
      if (error) throw toAppError(error);
      return data as { converted_account_id: string | null; converted_deal_id: string | null };
    },
    // Conversion creates accounts, contacts and deals too: refresh everything of the org.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKey(orgId) }),
  });
}

/** Accounts and open stages to convert into (read here so the dialog needs no other feature). */
export function useConversionChoices(orgId: string, accountSearch: string) {
  const supabase = useSupabase();
  const accounts = useQuery({
    queryKey: [...leadsKey(orgId), 'convert-accounts', accountSearch],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      let query = supabase
        .from('accounts')
        .select('id, name')
        .eq('org_id', orgId)
        .is('archived_at', null)
        .is('merged_into', null);
      if (accountSearch.trim()) query = query.ilike('name', `%${accountSearch.trim().replace(/[\\%_]/g, '\\$&')}%`);
      const { data, error } = await query.order('name').limit(20);
      if (error) throw toAppError(error);
      return data;
    },
  });
  const stages = useQuery({
    queryKey: [...leadsKey(orgId), 'convert-stages'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('pipeline_stages')
        .select('id, name, position, pipeline:pipelines!inner(id, name, is_default, archived_at)')
        .eq('org_id', orgId)
        .eq('kind', 'open')
        .is('pipeline.archived_at', null)
        .order('position');
      if (error) throw toAppError(error);
      return data as unknown as {
        id: string;
        name: string;
        position: number;
        pipeline: { id: string; name: string; is_default: boolean };
      }[];
    },
  });
  return { accounts, stages };
}

/**
 * Toggles show at once: the cached row changes before the request, and changes back if the
 * database refuses.
 */
function optimisticRowUpdate<Row extends { id: string }>(
  queryClient: ReturnType<typeof useQueryClient>,
  key: readonly unknown[],
) {
  return {
    onMutate: async ({ id, ...changes }: Partial<Row> & { id: string }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Row[]>(key);
      queryClient.setQueryData<Row[]>(key, (rows) => rows?.map((r) => (r.id === id ? { ...r, ...changes } : r)));
      return { previous };
    },
    onError: (_error: unknown, _vars: unknown, context: { previous?: Row[] } | undefined) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
  };
}

export function useScoringRules(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...leadsKey(orgId), 'scoring-rules'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('lead_scoring_rules')
        .select('*')
        .eq('org_id', orgId)
        .order('created_at');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useScoringRuleMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: leadsKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: ScoringRuleValues) => {
        const { error } = await supabase.from('lead_scoring_rules').insert({ ...values, org_id: orgId });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: async ({ id, ...changes }: Partial<ScoringRuleValues> & { id: string; active?: boolean }) => {
        const { error } = await supabase.from('lead_scoring_rules').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      ...optimisticRowUpdate<ScoringRule>(queryClient, [...leadsKey(orgId), 'scoring-rules']),
      onSettled: done,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('lead_scoring_rules').delete().eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}

export function useLeadAssignees(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...leadsKey(orgId), 'assignees'],
    queryFn: async () => {
      const { data, error } = await supabase.from('lead_assignees').select('*').eq('org_id', orgId).order('created_at');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useLeadAssigneeMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: [...leadsKey(orgId), 'assignees'] });
  return {
    add: useMutation({
      mutationFn: async (userId: string) => {
        const { error } = await supabase.from('lead_assignees').insert({ org_id: orgId, user_id: userId });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    setActive: useMutation({
      mutationFn: async ({ id, active }: { id: string; active: boolean }) => {
        const { error } = await supabase.from('lead_assignees').update({ active }).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      ...optimisticRowUpdate<LeadAssignee>(queryClient, [...leadsKey(orgId), 'assignees']),
      onSettled: done,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('lead_assignees').delete().eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}
