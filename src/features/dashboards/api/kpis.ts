// One react-query hook per dashboard RPC. Each reads the chosen period and, in parallel, the
// period just before it (same length) for the comparison; answers are checked with the zod
// schemas of schemas/kpis.ts, and an answer of another shape is an error state, not a crash.
// Every key starts with ['dashboard', orgId], which useDashboardLive invalidates on a change.
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { z } from 'zod';
import { AppError, toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import {
  customerKpisSchema,
  financeKpisSchema,
  inventoryKpisSchema,
  leadKpisSchema,
  salesKpisSchema,
  supportKpisSchema,
  type CustomerKpis,
  type FinanceKpis,
  type InventoryKpis,
  type LeadKpis,
  type SalesKpis,
  type SupportKpis,
} from '../schemas/kpis.ts';
import { previousRange, type DateRange } from '../schemas/range.ts';

export const dashboardKey = (orgId: string) => ['dashboard', orgId] as const;

export interface SalesFilters {
  owner?: string;
  team?: string;
  pipeline?: string;
}

type RpcResult = PromiseLike<{
  data: unknown;
  error: { message: string; code?: string; details?: string | null; hint?: string | null } | null;
}>;

// Optional filters are left out when unset (undefined is not sent), so the functions' defaults apply.
const CALLS = {
  sales_kpis: (sb: SupabaseClient, orgId: string, r: DateRange, f: SalesFilters): RpcResult =>
    sb.rpc('sales_kpis', {
      p_org_id: orgId,
      p_from: r.from,
      p_to: r.to,
      p_owner_id: f.owner,
      p_team_id: f.team,
      p_pipeline_id: f.pipeline,
    }),
  lead_kpis: (sb: SupabaseClient, orgId: string, r: DateRange, f: SalesFilters): RpcResult =>
    sb.rpc('lead_kpis', { p_org_id: orgId, p_from: r.from, p_to: r.to, p_owner_id: f.owner, p_team_id: f.team }),
  finance_kpis: (sb: SupabaseClient, orgId: string, r: DateRange): RpcResult =>
    sb.rpc('finance_kpis', { p_org_id: orgId, p_from: r.from, p_to: r.to }),
  inventory_kpis: (sb: SupabaseClient, orgId: string, r: DateRange, f: { warehouse?: string }): RpcResult =>
    sb.rpc('inventory_kpis', { p_org_id: orgId, p_from: r.from, p_to: r.to, p_warehouse_id: f.warehouse }),
  support_kpis: (sb: SupabaseClient, orgId: string, r: DateRange, f: { assignee?: string }): RpcResult =>
    sb.rpc('support_kpis', { p_org_id: orgId, p_from: r.from, p_to: r.to, p_assignee_id: f.assignee }),
  customer_kpis: (sb: SupabaseClient, orgId: string, r: DateRange): RpcResult =>
    sb.rpc('customer_kpis', { p_org_id: orgId, p_from: r.from, p_to: r.to }),
};

type RpcName = keyof typeof CALLS;

/** Calls one dashboard RPC and checks its answer against the contract. */
async function fetchKpis<T>(call: () => RpcResult, fn: RpcName, schema: z.ZodType<T>): Promise<T> {
  const { data, error } = await call();
  if (error) throw toAppError(error);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the answer';
    throw new AppError(`The figures came back in a shape this page does not understand (${fn}: ${where}).`, {
      code: 'DASHBOARD_SHAPE',
    });
  }
  return parsed.data;
}

export interface KpiResult<T> {
  /** The chosen period's figures. */
  data: T | undefined;
  /** The period before it, for the comparison (undefined while loading or if it failed). */
  previous: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  /** A refetch is under way (after a live change, or a new period). */
  isFetching: boolean;
  /** When the shown figures were read (ms since the epoch; 0 before the first answer). */
  dataUpdatedAt: number;
  refetch(): void;
}

function combine<T>(current: UseQueryResult<T>, previous: UseQueryResult<T>): KpiResult<T> {
  return {
    data: current.data,
    previous: previous.data,
    isPending: current.isPending,
    isError: current.isError,
    error: current.error,
    isFetching: current.isFetching || previous.isFetching,
    dataUpdatedAt: current.dataUpdatedAt,
    refetch: () => {
      void current.refetch();
      void previous.refetch();
    },
  };
}

function useKpiPair<T, F extends object>(
  fn: RpcName,
  schema: z.ZodType<T>,
  orgId: string,
  range: DateRange | null,
  filters: F,
  { enabled = true, compare = true }: { enabled?: boolean; compare?: boolean } = {},
): KpiResult<T> {
  const supabase = useSupabase();
  const call = CALLS[fn] as (sb: SupabaseClient, orgId: string, r: DateRange, f: F) => RpcResult;
  // Filters are small objects of ids: their JSON is a stable key part.
  const filterKey = JSON.stringify(filters);
  const before = range ? previousRange(range) : null;
  const current = useQuery({
    queryKey: [...dashboardKey(orgId), fn, range?.from, range?.to, filterKey],
    enabled: enabled && !!range,
    placeholderData: keepPreviousData,
    queryFn: () => fetchKpis(() => call(supabase, orgId, range!, filters), fn, schema),
  });
  const previous = useQuery({
    queryKey: [...dashboardKey(orgId), fn, before?.from, before?.to, filterKey],
    enabled: enabled && compare && !!before,
    placeholderData: keepPreviousData,
    queryFn: () => fetchKpis(() => call(supabase, orgId, before!, filters), fn, schema),
  });
  return combine(current, previous);
}

export const useSalesKpis = (orgId: string, range: DateRange | null, filters: SalesFilters, enabled = true) =>
  useKpiPair<SalesKpis, SalesFilters>('sales_kpis', salesKpisSchema, orgId, range, filters, { enabled });

export const useLeadKpis = (
  orgId: string,
  range: DateRange | null,
  filters: Omit<SalesFilters, 'pipeline'>,
  enabled = true,
) =>
  useKpiPair<LeadKpis, Omit<SalesFilters, 'pipeline'>>('lead_kpis', leadKpisSchema, orgId, range, filters, { enabled });

export const useFinanceKpis = (orgId: string, range: DateRange | null, enabled = true) =>
  useKpiPair<FinanceKpis, object>('finance_kpis', financeKpisSchema, orgId, range, {}, { enabled });

export const useInventoryKpis = (
  orgId: string,
  range: DateRange | null,
  filters: { warehouse?: string },
  enabled = true,
) =>
  useKpiPair<InventoryKpis, { warehouse?: string }>('inventory_kpis', inventoryKpisSchema, orgId, range, filters, {
    enabled,
  });

export const useSupportKpis = (
  orgId: string,
  range: DateRange | null,
  filters: { assignee?: string },
  enabled = true,
) =>
  useKpiPair<SupportKpis, { assignee?: string }>('support_kpis', supportKpisSchema, orgId, range, filters, {
    enabled,
  });

export const useCustomerKpis = (orgId: string, range: DateRange | null, enabled = true) =>
  useKpiPair<CustomerKpis, object>('customer_kpis', customerKpisSchema, orgId, range, {}, { enabled });
