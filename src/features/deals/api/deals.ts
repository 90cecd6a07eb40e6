// Deals and pipelines: the board's data (one pipeline's stages and open cards), moves
// through the move_deal RPC (the database places the card between its real neighbours
// under a column lock), and the deal record itself.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import {
  ilikeContains,
  ilikePattern,
  isoDateParam,
  pageRange,
  zonedDayStart,
  type ServerTableState,
} from '@/lib/table-state.ts';
import { applyRemoteChange, moveDealLocally, type BoardData, type BoardDeal, type BoardStage } from './board-state.ts';

export const dealsKey = (orgId: string) => [...orgKey(orgId), 'deals'] as const;
export const pipelinesKey = (orgId: string) => [...orgKey(orgId), 'pipelines'] as const;
export const boardKey = (orgId: string, pipelineId: string) => [...dealsKey(orgId), 'board', pipelineId] as const;

export const BOARD_DEAL_COLUMNS =
  'id, org_id, pipeline_id, stage_id, title, amount, currency, probability, expected_close_date, owner_id, account_id, contact_id, tags, rank, version, status, stage_changed_at, archived_at, updated_at';

export interface Pipeline {
  id: string;
  name: string;
  position: number;
  is_default: boolean;
  archived_at: string | null;
  stages: (BoardStage & { pipeline_id: string })[];
}

export async function fetchPipelines(supabase: SupabaseClient, orgId: string): Promise<Pipeline[]> {
  const { data, error } = await supabase
    .from('pipelines')
    .select(
      'id, name, position, is_default, archived_at, stages:pipeline_stages(id, pipeline_id, name, position, probability, kind, rotting_days)',
    )
    .eq('org_id', orgId)
    .order('position')
    .order('name');
  if (error) throw toAppError(error);
  return data.map((p) => ({ ...p, stages: [...p.stages].sort((a, b) => a.position - b.position) })) as Pipeline[];
}

export function usePipelines(orgId: string) {
  const supabase = useSupabase();
  return useQuery({ queryKey: pipelinesKey(orgId), queryFn: () => fetchPipelines(supabase, orgId) });
}

/**
 * The board of a pipeline (the one asked for, else the org's default): its stages and every
 * card not archived (won and lost ones included: they sit in their columns), in one request
 * that does not wait for the pipelines list. Null when the org has no active pipeline.
 */
export async function fetchBoard(
  supabase: SupabaseClient,
  orgId: string,
  pipelineId: string | null,
): Promise<BoardData | null> {
  const { data, error } = await supabase.rpc('deal_board', {
    p_org_id: orgId,
    ...(pipelineId ? { p_pipeline_id: pipelineId } : {}),
  });
  if (error) throw toAppError(error);
  if (!data) return null;
  const board = data as unknown as {
    pipeline_id: string;
    stages: BoardStage[];
    deals: Omit<BoardDeal, 'org_id' | 'pipeline_id' | 'archived_at'>[];
  };
  return {
    pipelineId: board.pipeline_id,
    stages: board.stages,
    deals: board.deals.map((d) => ({ ...d, org_id: orgId, pipeline_id: board.pipeline_id, archived_at: null })),
  };
}

/** The cache key of a board as asked for: a pipeline id from the URL, or 'default'. */
export const boardQueryKey = (orgId: string, requestedPipelineId: string | null) =>
  boardKey(orgId, requestedPipelineId ?? 'default');

export function useBoard(orgId: string, requestedPipelineId: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: boardQueryKey(orgId, requestedPipelineId),
    queryFn: () => fetchBoard(supabase, orgId, requestedPipelineId),
  });
}

export interface MoveRequest {
  dealId: string;
  stageId: string;
  /** The card above and below the drop place (null at a column edge). */
  afterId: string | null;
  beforeId: string | null;
  lostReason?: string;
}

/** Optimistic move: the card moves at once; the server's row (with the real rank) replaces it; errors put it back. */
export function useMoveDeal(key: readonly unknown[]) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ dealId, stageId, afterId, beforeId, lostReason }: MoveRequest) => {
      const { data, error } = await supabase
        .rpc('move_deal', {
          p_deal_id: dealId,
          p_stage_id: stageId,
          p_after_id: afterId ?? undefined,
          p_before_id: beforeId ?? undefined,
          p_lost_reason: lostReason ?? undefined,
        })
        .single();
      if (error) throw toAppError(error);
      return data as unknown as BoardDeal;
    },
    onMutate: async ({ dealId, stageId, afterId, beforeId }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<BoardData>(key);
      if (previous) queryClient.setQueryData(key, moveDealLocally(previous, dealId, stageId, afterId, beforeId));
      return { previous };
    },
    onSuccess: (row) => {
      queryClient.setQueryData<BoardData>(key, (board) =>
        board ? applyRemoteChange(board, { eventType: 'UPDATE', new: row }) : board,
      );
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
  });
}

// ---------------------------------------------------------------------------
// The deal list (same deals, as a table) and the deal record.

export type DealFilter =
  | 'q'
  | 'owner'
  | 'status'
  | 'pipeline'
  | 'tag'
  | 'close_from'
  | 'close_to'
  | 'min'
  | 'max'
  | 'stage'
  | 'team'
  | 'closed_from'
  | 'closed_to'
  | 'created_from'
  | 'created_to'
  | 'reached';
export const DEAL_SORTABLE = ['title', 'amount', 'expected_close_date', 'created_at', 'stage_changed_at'] as const;
const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
type DealStatus = (typeof DEAL_STATUSES)[number];

export interface DealListRow {
  id: string;
  title: string;
  amount: number;
  currency: string;
  status: 'open' | 'won' | 'lost';
  expected_close_date: string | null;
  tags: string[];
  created_at: string;
  closed_at: string | null;
  account: { id: string; name: string } | null;
  owner: { full_name: string | null } | null;
  stage: { name: string; probability: number } | null;
  pipeline: { name: string } | null;
}

/**
 * The deal list's URL filters, checked and resolved once for both the rows (REST) and their totals
 * (deal_list_totals): dates that are not dates and amounts that are not numbers are dropped, "reached"
 * becomes the stages that count as reaching it. Null when a filter cannot be resolved yet (the
 * pipelines are still loading).
 */
export interface DealQuery {
  q: string | null;
  ownerId: string | null;
  teamId: string | null;
  status: DealStatus | null;
  pipelineId: string | null;
  stageId: string | null;
  tag: string | null;
  closeFrom: string | null;
  closeTo: string | null;
  min: number | null;
  max: number | null;
  /** Org-calendar days, and the instants they start and end at in the org's time zone. */
  closedFrom: string | null;
  closedTo: string | null;
  createdFrom: string | null;
  createdTo: string | null;
  closedRange: { gte?: string; lt?: string };
  createdRange: { gte?: string; lt?: string };
  /** The stage asked for, and the stages whose entry means a deal reached it (empty: none do). */
  reachedStageId: string | null;
  reachedStageIds: string[] | null;
}

const numberParam = (v: string | undefined) => (v && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);

/**
 * Stages whose entry means a deal reached `stageId`: for an open stage, the open stages of its
 * pipeline at or after its position; the won stages always (they come after every open stage).
 * Lost stages count for nothing. As the funnel of sales_kpis counts, and deal_list_totals
 * (20261202211000_list_totals.sql) filters.
 */
export function stagesReaching(pipelines: readonly Pipeline[], stageId: string): string[] | null {
  for (const pipeline of pipelines) {
    const stage = pipeline.stages.find((s) => s.id === stageId);
    if (!stage) continue;
    return pipeline.stages
      .filter((s) => s.kind === 'won' || (stage.kind === 'open' && s.kind === 'open' && s.position >= stage.position))
      .map((s) => s.id);
  }
  return null;
}

export function resolveDealQuery(
  filters: ServerTableState<DealFilter>['filters'],
  { timeZone, pipelines }: { timeZone: string; pipelines: readonly Pipeline[] | undefined },
): DealQuery | null {
  const f = filters;
  const day = (key: DealFilter) => isoDateParam(f[key]);
  const closedFrom = day('closed_from');
  const closedTo = day('closed_to');
  const createdFrom = day('created_from');
  const createdTo = day('created_to');
  const range = (from: string | null, to: string | null) => ({
    ...(from ? { gte: zonedDayStart(from, timeZone) } : {}),
    ...(to ? { lt: zonedDayStart(to, timeZone, { nextDay: true }) } : {}),
  });
  let reachedStageIds: string[] | null = null;
  if (f.reached) {
    if (!pipelines) return null;
    reachedStageIds = stagesReaching(pipelines, f.reached) ?? [];
  }
  return {
    q: f.q?.trim() || null,
    ownerId: f.owner || null,
    teamId: f.team || null,
    status: DEAL_STATUSES.includes(f.status as DealStatus) ? (f.status as DealStatus) : null,
    pipelineId: f.pipeline || null,
    stageId: f.stage || null,
    tag: f.tag || null,
    closeFrom: day('close_from'),
    closeTo: day('close_to'),
    min: numberParam(f.min),
    max: numberParam(f.max),
    closedFrom,
    closedTo,
    createdFrom,
    createdTo,
    closedRange: range(closedFrom, closedTo),
    createdRange: range(createdFrom, createdTo),
    reachedStageId: f.reached || null,
    reachedStageIds,
  };
}

/** The owners in a sales team (the team filter lists their deals). */
async function fetchTeamMemberIds(supabase: SupabaseClient, orgId: string, teamId: string): Promise<string[]> {
  const { data, error } = await supabase
    .from('sales_team_members')
    .select('user_id')
    .eq('org_id', orgId)
    .eq('team_id', teamId);
  if (error) throw toAppError(error);
  return data.map((m) => m.user_id);
}

export async function fetchDealList(
  supabase: SupabaseClient,
  orgId: string,
  state: Omit<ServerTableState<DealFilter>, 'filters'>,
  d: DealQuery,
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: DealListRow[]; count: number }> {
  const teamMembers = d.teamId ? await fetchTeamMemberIds(supabase, orgId, d.teamId) : null;
  // Nobody in the team, or no stage that counts as reaching: nothing can match.
  if (teamMembers?.length === 0 || d.reachedStageIds?.length === 0) return { rows: [], count: 0 };
  let query = supabase
    .from('deals')
    .select(
      `id, title, amount, currency, status, expected_close_date, tags, created_at, closed_at, account:accounts(id, name), owner:profiles(full_name), stage:pipeline_stages!deals_org_id_stage_id_fkey(name, probability), pipeline:pipelines!deals_org_id_pipeline_id_fkey(name)${
        d.reachedStageIds ? ', reached:deal_stage_history!inner()' : ''
      }`,
      { count: 'exact' },
    )
    .eq('org_id', orgId)
    .is('archived_at', null);
  if (d.q) query = query.ilike('title', ilikePattern(d.q));
  if (d.ownerId) query = query.eq('owner_id', d.ownerId);
  if (teamMembers) query = query.in('owner_id', teamMembers);
  if (d.status) query = query.eq('status', d.status);
  if (d.pipelineId) query = query.eq('pipeline_id', d.pipelineId);
  if (d.stageId) query = query.eq('stage_id', d.stageId);
  if (d.tag) query = query.contains('tags', [d.tag]);
  if (d.closeFrom) query = query.gte('expected_close_date', d.closeFrom);
  if (d.closeTo) query = query.lte('expected_close_date', d.closeTo);
  if (d.min !== null) query = query.gte('amount', d.min);
  if (d.max !== null) query = query.lte('amount', d.max);
  if (d.closedRange.gte) query = query.gte('closed_at', d.closedRange.gte);
  if (d.closedRange.lt) query = query.lt('closed_at', d.closedRange.lt);
  if (d.createdRange.gte) query = query.gte('created_at', d.createdRange.gte);
  if (d.createdRange.lt) query = query.lt('created_at', d.createdRange.lt);
  // Reached: the deal's stage history has an entry into one of those stages.
  if (d.reachedStageIds) query = query.in('reached.to_stage_id', d.reachedStageIds);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof DEAL_SORTABLE)[number], { ascending: !rule.desc });
  query = query.order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as DealListRow[], count: count ?? data.length };
}

export function useDealList(orgId: string, state: ServerTableState<DealFilter>, d: DealQuery | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...dealsKey(orgId), 'list', { ...state, filters: d }],
    queryFn: () => fetchDealList(supabase, orgId, state, d!),
    enabled: d !== null,
    placeholderData: keepPreviousData,
  });
}

/** deal_list_totals' answer: the count, amounts per currency and the base-currency total. */
export const dealTotalsSchema = z.object({
  count: z.number().int().nonnegative(),
  currency: z.string().nullable(),
  total: z.number().nullable(),
  missing_rates: z.array(z.string()),
  by_currency: z.array(z.object({ currency: z.string(), count: z.number().int(), amount: z.number() })),
});
export type DealTotals = z.infer<typeof dealTotalsSchema>;

/** Totals over every deal matching the list's filters (not only the page shown). */
export function useDealTotals(orgId: string, d: DealQuery | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...dealsKey(orgId), 'list-totals', d],
    enabled: d !== null,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<DealTotals> => {
      const q = d!;
      const { data, error } = await supabase.rpc('deal_list_totals', {
        p_org_id: orgId,
        ...(q.q ? { p_q: q.q } : {}),
        ...(q.ownerId ? { p_owner_id: q.ownerId } : {}),
        ...(q.teamId ? { p_team_id: q.teamId } : {}),
        ...(q.status ? { p_status: q.status } : {}),
        ...(q.pipelineId ? { p_pipeline_id: q.pipelineId } : {}),
        ...(q.stageId ? { p_stage_id: q.stageId } : {}),
        ...(q.tag ? { p_tag: q.tag } : {}),
        ...(q.closeFrom ? { p_close_from: q.closeFrom } : {}),
        ...(q.closeTo ? { p_close_to: q.closeTo } : {}),
        ...(q.min !== null ? { p_min: q.min } : {}),
        ...(q.max !== null ? { p_max: q.max } : {}),
        ...(q.closedFrom ? { p_closed_from: q.closedFrom } : {}),
        ...(q.closedTo ? { p_closed_to: q.closedTo } : {}),
        ...(q.createdFrom ? { p_created_from: q.createdFrom } : {}),
        ...(q.createdTo ? { p_created_to: q.createdTo } : {}),
        ...(q.reachedStageId ? { p_reached_stage_id: q.reachedStageId } : {}),
      });
      if (error) throw toAppError(error);
      const parsed = dealTotalsSchema.safeParse(data);
      if (!parsed.success) throw new Error('The deal totals came back in an unexpected shape');
      return parsed.data;
    },
  });
}

/** A sales team's name (for the team filter's chip). */
export function useSalesTeamName(orgId: string, teamId: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...dealsKey(orgId), 'team-name', teamId],
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

export interface DealRecord {
  id: string;
  org_id: string;
  pipeline_id: string;
  stage_id: string;
  title: string;
  amount: number;
  currency: string;
  probability: number | null;
  expected_close_date: string | null;
  owner_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  tags: string[];
  notes: string | null;
  status: 'open' | 'won' | 'lost';
  lost_reason: string | null;
  closed_at: string | null;
  stage_changed_at: string;
  created_at: string;
  version: number;
  account: { id: string; name: string } | null;
  contact: { id: string; full_name: string | null; email: string | null } | null;
  lines: DealLine[];
  participants: {
    contact_id: string;
    role: string | null;
    contact: { full_name: string | null; email: string | null } | null;
  }[];
  history: {
    id: number;
    from_stage_id: string | null;
    to_stage_id: string;
    changed_at: string;
    seconds_in_from_stage: number | null;
  }[];
}

export interface DealLine {
  id: string;
  position: number;
  product_id: string | null;
  description: string;
  quantity: number;
  unit_price: number;
  discount_pct: number;
  tax_rate: number;
  net_amount: number;
}

export const dealKey = (orgId: string, dealId: string) => [...dealsKey(orgId), 'record', dealId] as const;

export function useDeal(orgId: string, dealId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: dealKey(orgId, dealId),
    queryFn: async (): Promise<DealRecord | null> => {
      const { data, error } = await supabase
        .from('deals')
        .select(
          `id, org_id, pipeline_id, stage_id, title, amount, currency, probability, expected_close_date, owner_id, account_id, contact_id,
           tags, notes, status, lost_reason, closed_at, stage_changed_at, created_at, version,
           account:accounts(id, name), contact:contacts!deals_org_id_contact_id_fkey(id, full_name, email),
           lines:deal_lines(id, position, product_id, description, quantity, unit_price, discount_pct, tax_rate, net_amount),
           participants:deal_contacts(contact_id, role, contact:contacts(full_name, email)),
           history:deal_stage_history(id, from_stage_id, to_stage_id, changed_at, seconds_in_from_stage)`,
        )
        .eq('org_id', orgId)
        .eq('id', dealId)
        .maybeSingle();
      if (error) throw toAppError(error);
      if (!data) return null;
      const record = data as unknown as DealRecord;
      record.lines.sort((a, b) => a.position - b.position);
      record.history.sort((a, b) => a.id - b.id);
      return record;
    },
  });
}

export interface DealInput {
  title: string;
  pipeline_id: string;
  stage_id: string;
  account_id: string | null;
  contact_id: string | null;
  amount: number;
  currency: string;
  expected_close_date: string | null;
  owner_id: string | null;
  tags: string[];
  probability: number | null;
  notes?: string | null;
}

export function useCreateDeal(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: DealInput) => {
      const { data, error } = await supabase
        .from('deals')
        .insert({ ...input, org_id: orgId })
        .select('id')
        .single();
      if (error) throw toAppError(error);
      return data.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dealsKey(orgId) }),
  });
}

export function useUpdateDeal(orgId: string, dealId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (
      changes: Partial<DealInput> & {
        archived_at?: string | null;
        lost_reason?: string | null;
        promised_delivery_date?: string | null;
      },
    ) => {
      const { error } = await supabase.from('deals').update(changes).eq('org_id', orgId).eq('id', dealId);
      if (error) throw toAppError(error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dealsKey(orgId) }),
  });
}

/** Moves a deal to a stage from the record page (won, lost, or any column), at the end of that column. */
export function useSetDealStage(orgId: string, dealId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ stageId, lostReason }: { stageId: string; lostReason?: string }) => {
      const { error } = await supabase.rpc('move_deal', {
        p_deal_id: dealId,
        p_stage_id: stageId,
        p_lost_reason: lostReason ?? undefined,
      });
      if (error) throw toAppError(error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dealsKey(orgId) }),
  });
}

export function useSaveDealLines(orgId: string, dealId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      upserts,
      deletes,
    }: {
      upserts: (Omit<DealLine, 'id' | 'net_amount'> & { id?: string })[];
      deletes: string[];
    }) => {
      if (deletes.length) {
        const { error } = await supabase.from('deal_lines').delete().eq('org_id', orgId).in('id', deletes);
        if (error) throw toAppError(error);
      }
      for (const line of upserts) {
        const row = { ...line, org_id: orgId, deal_id: dealId };
        const { error } = line.id
          ? await supabase.from('deal_lines').update(row).eq('id', line.id)
          : await supabase.from('deal_lines').insert(row);
        if (error) throw toAppError(error);
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dealsKey(orgId) }),
  });
}

export function useDealParticipants(orgId: string, dealId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return {
    add: useMutation({
      mutationFn: async ({ contactId, role }: { contactId: string; role: string | null }) => {
        const { error } = await supabase
          .from('deal_contacts')
          .insert({ org_id: orgId, deal_id: dealId, contact_id: contactId, role });
        if (error) throw toAppError(error);
      },
      onSuccess: () => queryClient.invalidateQueries({ queryKey: dealKey(orgId, dealId) }),
    }),
    remove: useMutation({
      mutationFn: async (contactId: string) => {
        const { error } = await supabase
          .from('deal_contacts')
          .delete()
          .eq('deal_id', dealId)
          .eq('contact_id', contactId);
        if (error) throw toAppError(error);
      },
      onSuccess: () => queryClient.invalidateQueries({ queryKey: dealKey(orgId, dealId) }),
    }),
  };
}

// Pickers: accounts and contacts of the org (by name).
export function useAccountOptions(orgId: string, text: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...orgKey(orgId), 'account-options', text],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      let q = supabase
        .from('accounts')
        .select('id, name')
        .eq('org_id', orgId)
        .is('archived_at', null)
        .is('merged_into', null);
      if (text.trim()) q = q.ilike('name', ilikePattern(text.trim()));
      const { data, error } = await q.order('name').limit(20);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useContactOptions(orgId: string, accountId: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...orgKey(orgId), 'contact-options', accountId],
    queryFn: async () => {
      let q = supabase
        .from('contacts')
        .select('id, full_name, email')
        .eq('org_id', orgId)
        .is('archived_at', null)
        .is('merged_into', null);
      if (accountId) q = q.eq('account_id', accountId);
      const { data, error } = await q.order('last_name').limit(200);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

// ---------------------------------------------------------------------------
// Pipeline settings (owners, admins and managers).

export function usePipelineAdmin(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: orgKey(orgId) });
  return {
    createPipeline: useMutation({
      mutationFn: async (name: string) => {
        const { data, error } = await supabase
          .from('pipelines')
          .insert({ org_id: orgId, name, position: 100 })
          .select('id')
          .single();
        if (error) throw toAppError(error);
        // A new pipeline starts with the usual closing stages.
        const { error: stageError } = await supabase.from('pipeline_stages').insert([
          { org_id: orgId, pipeline_id: data.id, name: 'New', position: 0, probability: 10, kind: 'open' as const },
          { org_id: orgId, pipeline_id: data.id, name: 'Won', position: 1, probability: 100, kind: 'won' as const },
          { org_id: orgId, pipeline_id: data.id, name: 'Lost', position: 2, probability: 0, kind: 'lost' as const },
        ]);
        if (stageError) throw toAppError(stageError);
        return data.id;
      },
      onSuccess: done,
    }),
    updatePipeline: useMutation({
      mutationFn: async ({
        id,
        ...changes
      }: {
        id: string;
        name?: string;
        archived_at?: string | null;
        is_default?: boolean;
      }) => {
        if (changes.is_default) {
          const { error } = await supabase
            .from('pipelines')
            .update({ is_default: false })
            .eq('org_id', orgId)
            .eq('is_default', true);
          if (error) throw toAppError(error);
        }
        const { error } = await supabase.from('pipelines').update(changes).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    saveStage: useMutation({
      mutationFn: async (stage: {
        id?: string;
        pipeline_id: string;
        name: string;
        position: number;
        probability: number;
        kind: 'open' | 'won' | 'lost';
        rotting_days: number | null;
      }) => {
        const { error } = stage.id
          ? await supabase.from('pipeline_stages').update(stage).eq('id', stage.id)
          : await supabase.from('pipeline_stages').insert({ ...stage, org_id: orgId });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    reorderStages: useMutation({
      mutationFn: async (ids: string[]) => {
        for (const [position, id] of ids.entries()) {
          const { error } = await supabase.from('pipeline_stages').update({ position }).eq('id', id);
          if (error) throw toAppError(error);
        }
      },
      onSuccess: done,
    }),
    deleteStage: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('pipeline_stages').delete().eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}

// ---------------------------------------------------------------------------
// Products on quote lines: search the catalogue, and price a product for the deal's customer.

export interface ProductOption {
  id: string;
  sku: string;
  name: string;
  uom: string;
}

export function useProductOptions(orgId: string, text: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...orgKey(orgId), 'product-options', text],
    enabled: text.trim().length > 0,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<ProductOption[]> => {
      const p = ilikeContains(text.trim());
      const { data, error } = await supabase
        .from('products')
        .select('id, sku, name, uom')
        .eq('org_id', orgId)
        .eq('active', true)
        .is('archived_at', null)
        .or(`sku.ilike.${p},name.ilike.${p},barcode.eq.${JSON.stringify(text.trim())}`)
        .order('name')
        .limit(8);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export interface ProductPrice {
  unit_price: number;
  currency: string;
  tax_rate: number;
  price_list_name: string | null;
}

/** The product's price for the customer (their price list, the default list, else its sale price). */
export async function fetchProductPrice(
  supabase: SupabaseClient,
  orgId: string,
  productId: string,
  accountId: string | null,
): Promise<ProductPrice | null> {
  const { data, error } = await supabase.rpc('product_price', {
    p_org_id: orgId,
    p_product_id: productId,
    ...(accountId ? { p_account_id: accountId } : {}),
  });
  if (error) throw toAppError(error);
  return (data as ProductPrice[])[0] ?? null;
}
