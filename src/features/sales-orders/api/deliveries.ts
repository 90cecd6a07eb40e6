// Posted deliveries against their order's promised date (public.delivery_punctuality), the list
// behind the warehouse dashboard's on-time figure: delivered between two days, per warehouse, on
// time or late, with how many of them were on time over every matching delivery (not one page).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { isoDateParam, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { salesOrdersKey } from './sales-orders.ts';

export type DeliveryFilter = 'from' | 'to' | 'warehouse' | 'on_time';
export const DELIVERY_SORTABLE = ['delivery_date', 'days_late', 'number'] as const;

export interface DeliveryRow {
  delivery_id: string;
  number: string | null;
  sales_order_id: string;
  order_number: string | null;
  account_id: string | null;
  customer: string | null;
  warehouse_id: string;
  delivery_date: string;
  promised_date: string;
  days_late: number;
  on_time: boolean;
}

const COLUMNS =
  'delivery_id, number, sales_order_id, order_number, account_id, warehouse_id, delivery_date, promised_date, days_late, on_time';

/** The filtered query: only deliveries whose order promised a date are measured (as the dashboard counts). */
function filtered(supabase: SupabaseClient, orgId: string, f: Partial<Record<DeliveryFilter, string>>, head: boolean) {
  let query = supabase
    .from('delivery_punctuality')
    .select(COLUMNS, { count: 'exact', head })
    .eq('org_id', orgId)
    .not('promised_date', 'is', null);
  const from = isoDateParam(f.from);
  const to = isoDateParam(f.to);
  if (from) query = query.gte('delivery_date', from);
  if (to) query = query.lte('delivery_date', to);
  if (f.warehouse) query = query.eq('warehouse_id', f.warehouse);
  if (f.on_time === 'yes') query = query.eq('on_time', true);
  if (f.on_time === 'no') query = query.eq('on_time', false);
  return query;
}

export async function fetchDeliveries(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<DeliveryFilter>,
) {
  const sort = state.sorting[0] ?? { id: 'delivery_date', desc: true };
  const [first, last] = pageRange(state);
  const [page, onTime] = await Promise.all([
    filtered(supabase, orgId, state.filters, false)
      .order(sort.id, { ascending: !sort.desc })
      .order('delivery_id')
      .range(first, last),
    // The on-time count over every matching delivery (unless the list is already one or the other).
    filtered(supabase, orgId, { ...state.filters, on_time: 'yes' }, true),
  ]);
  if (page.error) throw toAppError(page.error);
  if (onTime.error) throw toAppError(onTime.error);
  const rows = (page.data ?? []) as Omit<DeliveryRow, 'customer'>[];
  const accountIds = [...new Set(rows.map((r) => r.account_id).filter((id): id is string => !!id))];
  const names = new Map<string, string>();
  if (accountIds.length) {
    const { data, error } = await supabase.from('accounts').select('id, name').eq('org_id', orgId).in('id', accountIds);
    if (error) throw toAppError(error);
    for (const a of data) names.set(a.id, a.name);
  }
  return {
    rows: rows.map((r) => ({ ...r, customer: r.account_id ? (names.get(r.account_id) ?? null) : null })),
    count: page.count ?? 0,
    onTime: state.filters.on_time === 'no' ? 0 : (onTime.count ?? 0),
  };
}

export function useDeliveries(orgId: string, state: ServerTableState<DeliveryFilter>) {
  const supabase = useSupabase();
  const key = [...salesOrdersKey(orgId), 'deliveries', state] as const;
  // Deliveries posted elsewhere show without a reload.
  useLiveRefetch('deliveries', `org_id=eq.${orgId}`, [...salesOrdersKey(orgId), 'deliveries']);
  return useQuery({
    queryKey: key,
    queryFn: () => fetchDeliveries(supabase, orgId, state),
    placeholderData: keepPreviousData,
  });
}
