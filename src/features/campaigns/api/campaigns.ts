// Campaigns: the list with each campaign's figures (campaign_stats: leads, deals, won revenue,
// cost per lead, return on budget; members counted from campaign_members), one campaign with its
// members and the leads and deals attributed to it, and the writes (sales roles and up).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { AppError, toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { ilikeContains, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import type { CampaignFormValues } from '../schemas/campaign.ts';

export type CampaignChannel = Database['public']['Enums']['campaign_channel'];
export type CampaignStatus = Database['public']['Enums']['campaign_status'];
export type CampaignRow = Database['public']['Tables']['campaigns']['Row'];
export type CampaignFilter = 'q' | 'status' | 'archived';
export const CAMPAIGN_SORTABLE = ['name', 'starts_on', 'budget', 'created_at'] as const;

export const campaignsKey = (orgId: string) => [...orgKey(orgId), 'campaigns'] as const;

export interface CampaignStats {
  members: number;
  leads: number;
  converted_leads: number;
  deals: number;
  won_amount: number;
  cost_per_lead: number | null;
  return_on_budget: number | null;
}

export interface CampaignListRow extends CampaignRow {
  stats: CampaignStats;
}

const EMPTY_STATS: CampaignStats = {
  members: 0,
  leads: 0,
  converted_leads: 0,
  deals: 0,
  won_amount: 0,
  cost_per_lead: null,
  return_on_budget: null,
};

/** The figures of the given campaigns: the campaign_stats view plus a count of members. */
async function fetchStats(supabase: SupabaseClient, orgId: string, ids: string[]) {
  const stats = new Map<string, CampaignStats>();
  if (ids.length === 0) return stats;
  const [view, members] = await Promise.all([
    supabase
      .from('campaign_stats')
      .select('campaign_id, leads, converted_leads, deals, won_amount, cost_per_lead, return_on_budget')
      .eq('org_id', orgId)
      .in('campaign_id', ids),
    supabase.from('campaign_members').select('campaign_id').eq('org_id', orgId).in('campaign_id', ids),
  ]);
  if (view.error) throw toAppError(view.error);
  if (members.error) throw toAppError(members.error);
  const counts = new Map<string, number>();
  for (const m of members.data) counts.set(m.campaign_id, (counts.get(m.campaign_id) ?? 0) + 1);
  for (const id of ids) stats.set(id, { ...EMPTY_STATS, members: counts.get(id) ?? 0 });
  for (const s of view.data) {
    if (!s.campaign_id) continue;
    stats.set(s.campaign_id, {
      members: counts.get(s.campaign_id) ?? 0,
      leads: Number(s.leads ?? 0),
      converted_leads: Number(s.converted_leads ?? 0),
      deals: Number(s.deals ?? 0),
      won_amount: Number(s.won_amount ?? 0),
      cost_per_lead: s.cost_per_lead,
      return_on_budget: s.return_on_budget,
    });
  }
  return stats;
}

export async function fetchCampaigns(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<CampaignFilter>,
  { all = false }: { all?: boolean } = {},
) {
  let q = supabase.from('campaigns').select('*', { count: 'exact' }).eq('org_id', orgId);
  const f = state.filters;
  if (f.archived === 'yes') q = q.not('archived_at', 'is', null);
  else q = q.is('archived_at', null);
  if (f.status) q = q.eq('status', f.status as CampaignStatus);
  if (f.q?.trim()) q = q.or(`name.ilike.${ilikeContains(f.q.trim())}`);
  for (const rule of state.sorting)
    q = q.order(rule.id as (typeof CAMPAIGN_SORTABLE)[number], { ascending: !rule.desc, nullsFirst: false });
  q = q.order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    q = q.range(from, to);
  }
  const { data, error, count } = await q;
  if (error) throw toAppError(error);
  const stats = await fetchStats(
    supabase,
    orgId,
    data.map((c) => c.id),
  );
  const rows: CampaignListRow[] = data.map((c) => ({ ...c, stats: stats.get(c.id) ?? EMPTY_STATS }));
  return { rows, count: count ?? rows.length };
}

export function useCampaigns(orgId: string, state: ServerTableState<CampaignFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...campaignsKey(orgId), 'list', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchCampaigns(supabase, orgId, state),
  });
}

export type MemberStatus = 'planned' | 'sent' | 'responded' | 'unsubscribed';

export interface CampaignMember {
  id: string;
  status: MemberStatus;
  created_at: string;
  contact: { id: string; full_name: string | null; email: string | null } | null;
  lead: { id: string; company_name: string | null; contact_name: string | null; email: string | null } | null;
}

export interface AttributedLead {
  id: string;
  company_name: string | null;
  contact_name: string | null;
  email: string | null;
  status: Database['public']['Enums']['lead_status'];
  score: number;
  estimated_value: number | null;
  created_at: string;
}

export interface AttributedDeal {
  id: string;
  title: string;
  amount: number;
  currency: string;
  status: string;
  created_at: string;
}

export interface CampaignDetail extends CampaignListRow {
  members: CampaignMember[];
  leads: AttributedLead[];
  deals: AttributedDeal[];
}

/** A lead's name as people know it: company, person or e-mail address. */
export function leadName(lead: Pick<AttributedLead, 'company_name' | 'contact_name' | 'email'>): string {
  if (lead.company_name && lead.contact_name) return `${lead.contact_name} (${lead.company_name})`;
  return lead.company_name ?? lead.contact_name ?? lead.email ?? 'Lead';
}

export function useCampaign(orgId: string, id: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...campaignsKey(orgId), 'record', id],
    queryFn: async (): Promise<CampaignDetail | null> => {
      const { data, error } = await supabase
        .from('campaigns')
        .select('*')
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      if (!data) return null;
      const [stats, members, leads, deals] = await Promise.all([
        fetchStats(supabase, orgId, [id]),
        supabase
          .from('campaign_members')
          .select(
            'id, status, created_at, contact:contacts!campaign_members_org_id_contact_id_fkey(id, full_name, email), lead:leads!campaign_members_org_id_lead_id_fkey(id, company_name, contact_name, email)',
          )
          .eq('org_id', orgId)
          .eq('campaign_id', id)
          .order('created_at'),
        supabase
          .from('leads')
          .select('id, company_name, contact_name, email, status, score, estimated_value, created_at')
          .eq('org_id', orgId)
          .eq('campaign_id', id)
          .is('archived_at', null)
          .order('created_at', { ascending: false })
          .limit(100),
        supabase
          .from('deals')
          .select('id, title, amount, currency, status, created_at')
          .eq('org_id', orgId)
          .eq('campaign_id', id)
          .is('archived_at', null)
          .order('created_at', { ascending: false })
          .limit(100),
      ]);
      if (members.error) throw toAppError(members.error);
      if (leads.error) throw toAppError(leads.error);
      if (deals.error) throw toAppError(deals.error);
      return {
        ...data,
        stats: stats.get(id) ?? EMPTY_STATS,
        members: members.data as unknown as CampaignMember[],
        leads: leads.data as AttributedLead[],
        deals: deals.data as unknown as AttributedDeal[],
      };
    },
  });
}

export interface MemberCandidate {
  kind: 'contact' | 'lead';
  id: string;
  name: string;
  detail: string | null;
}

/** Contacts or leads matching `text`, for adding to a campaign. */
export function useMemberCandidates(orgId: string, kind: 'contact' | 'lead', text: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...campaignsKey(orgId), 'candidates', kind, text],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<MemberCandidate[]> => {
      const p = text.trim() ? ilikeContains(text.trim()) : null;
      if (kind === 'contact') {
        let q = supabase
          .from('contacts')
          .select('id, full_name, email')
          .eq('org_id', orgId)
          .is('merged_into', null)
          .is('archived_at', null);
        if (p) q = q.or(`full_name.ilike.${p},email.ilike.${p}`);
        const { data, error } = await q.order('full_name').limit(8);
        if (error) throw toAppError(error);
        return data.map((c) => ({
          kind,
          id: c.id,
          name: c.full_name ?? c.email ?? 'Contact',
          detail: c.full_name ? c.email : null,
        }));
      }
      let q = supabase
        .from('leads')
        .select('id, company_name, contact_name, email')
        .eq('org_id', orgId)
        .is('archived_at', null);
      if (p) q = q.or(`company_name.ilike.${p},contact_name.ilike.${p},email.ilike.${p}`);
      const { data, error } = await q.order('created_at', { ascending: false }).limit(8);
      if (error) throw toAppError(error);
      return data.map((l) => ({ kind, id: l.id, name: leadName(l), detail: l.email }));
    },
  });
}

type CampaignWrite = Partial<CampaignFormValues> & { archived_at?: string | null };

function toColumns(values: CampaignWrite) {
  const { currency, ...rest } = values;
  // An empty currency is the organisation's (the database fills it in).
  return currency === undefined ? rest : { ...rest, currency: currency ?? '' };
}

export function useCampaignMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: campaignsKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: CampaignFormValues) => {
        const { data, error } = await supabase
          .from('campaigns')
          .insert({ ...toColumns(values), name: values.name, org_id: orgId })
          .select('id')
          .single();
        if (error) throw toAppError(error);
        return data.id;
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: async ({ id, values }: { id: string; values: CampaignWrite }) => {
        const { data, error } = await supabase
          .from('campaigns')
          .update(toColumns(values))
          .eq('org_id', orgId)
          .eq('id', id)
          .select('id');
        if (error) throw toAppError(error);
        // RLS turns a refused update into zero rows.
        if (data.length === 0) throw new AppError("The campaign was not saved: it is gone or you can't edit it.");
      },
      onSuccess: done,
    }),
    addMember: useMutation({
      mutationFn: async (values: { campaign_id: string; contact_id?: string; lead_id?: string }) => {
        const { error } = await supabase.from('campaign_members').insert({ ...values, org_id: orgId });
        if (error) {
          if (error.code === '23505') throw new AppError('Already a member of this campaign.');
          throw toAppError(error);
        }
      },
      onSuccess: done,
    }),
    updateMember: useMutation({
      mutationFn: async ({ id, status }: { id: string; status: MemberStatus }) => {
        const { error } = await supabase.from('campaign_members').update({ status }).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    removeMember: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('campaign_members').delete().eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}
