// Stock: levels per product and warehouse (derived by the database from the ledger, live over
// Realtime with a note of which rows just changed), the floor operations (receive, ship,
// transfer, adjust) as RPCs, product lookup by barcode or SKU, cycle counts and reorder alerts.
import Big from 'big.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';

export const stockKey = (orgId: string) => [...orgKey(orgId), 'stock'] as const;

export interface StockLevel {
  product_id: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  available: number;
  version: number;
  last_movement_at: string | null;
  product: { sku: string; name: string; uom: string; barcode: string | null } | null;
  warehouse: { code: string; name: string } | null;
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  is_default: boolean;
}

export function useWarehouses(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...stockKey(orgId), 'warehouses'],
    queryFn: async (): Promise<Warehouse[]> => {
      const { data, error } = await supabase
        .from('warehouses')
        .select('id, code, name, is_default')
        .eq('org_id', orgId)
        .eq('active', true)
        .order('is_default', { ascending: false })
        .order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

const levelKey = (l: Pick<StockLevel, 'product_id' | 'warehouse_id'>) => `${l.product_id}:${l.warehouse_id}`;

/** The stock page's availability filter: stock-outs, or levels under their reorder point. */
export type Availability = 'out' | 'below_reorder';
export const AVAILABILITY_LABELS: Record<Availability, string> = {
  out: 'Out of stock',
  below_reorder: 'Below reorder point',
};

export interface StockLevelFilters {
  warehouseId: string | null;
  availability: Availability | null;
  search: string;
}

/** At most this many rows are shown (newest movement first); the count covers them all. */
export const STOCK_PAGE_LIMIT = 500;

/** The stock page's rows (at most STOCK_PAGE_LIMIT, newest movement first) and the count of all matching. */
export async function fetchStockLevels(
  supabase: SupabaseClient,
  orgId: string,
  { warehouseId, availability, search }: StockLevelFilters,
): Promise<StockLevelPage> {
  let query = supabase
    .from('stock_level_status')
    .select(
      'product_id, warehouse_id, on_hand, reserved, available, version, last_movement_at, product:products!inner(sku, name, uom, barcode), warehouse:warehouses(code, name)',
      { count: 'exact' },
    )
    .eq('org_id', orgId);
  if (warehouseId) query = query.eq('warehouse_id', warehouseId);
  if (availability === 'out') query = query.is('stock_out', true);
  else if (availability === 'below_reorder') query = query.is('below_reorder', true);
  const text = search.trim().replace(/[,()*\\"]/g, ' ');
  if (text)
    query = query.or(`sku.ilike.*${text}*,name.ilike.*${text}*,barcode.eq.${text}`, { referencedTable: 'product' });
  const { data, error, count } = await query
    .order('last_movement_at', { ascending: false, nullsFirst: false })
    .order('product_id')
    .order('warehouse_id')
    .limit(STOCK_PAGE_LIMIT);
  if (error) throw toAppError(error);
  return { rows: data as unknown as StockLevel[], count: count ?? data.length };
}

/**
 * Levels of the org (optionally one warehouse, or only stock-outs / levels below their reorder point,
 * as stock_level_status defines them), newest movement first, with the count of every matching
 * level. Realtime updates are written into the cache row by row (no refetch); `changed` maps a row
 * to when it last changed live, for the flash. Under an availability filter a change may take a row
 * in or out of the list, so the list is read again instead.
 */
export function useStockLevels(orgId: string, { warehouseId, availability, search }: StockLevelFilters) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const key = [...stockKey(orgId), 'levels', warehouseId, availability, search] as const;
  const [changed, setChanged] = useState<Record<string, number>>({});

  useEffect(() => {
    const channel = supabase
      .channel(`stock-levels:${orgId}:${warehouseId ?? 'all'}:${availability ?? 'any'}:${search}`)
      .on(
        'postgres_changes',
        { event: '*', schema: 'public', table: 'stock_levels', filter: `org_id=eq.${orgId}` },
        (payload) => {
          const row = payload.new as Partial<StockLevel>;
          if (!row.product_id || !row.warehouse_id) return;
          let known = false;
          queryClient.setQueryData<StockLevelPage>(key, (page) =>
            page
              ? {
                  ...page,
                  rows: page.rows.map((l) => {
                    if (levelKey(l) !== levelKey(row as StockLevel)) return l;
                    known = true;
                    // Events can overtake each other; the version only grows.
                    if ((row.version ?? 0) < l.version) return l;
                    const next = { ...l, ...row };
                    // Logical replication leaves generated columns out: available is on hand less reserved.
                    return { ...next, available: row.available ?? Number(new Big(next.on_hand).minus(next.reserved)) };
                  }),
                }
              : page,
          );
          if (known) setChanged((c) => ({ ...c, [levelKey(row as StockLevel)]: Date.now() }));
          // A product's first stock in a warehouse is a new row, and under an availability filter a
          // change can add or drop a row: read the list again.
          if (availability || (!known && payload.eventType === 'INSERT'))
            void queryClient.invalidateQueries({ queryKey: key });
        },
      )
      .subscribe();
    return () => {
      void supabase.removeChannel(channel);
    };
    // `key` is made of these values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [supabase, queryClient, orgId, warehouseId, availability, search]);

  const levels = useQuery({
    queryKey: key,
    placeholderData: keepPreviousData,
    queryFn: () => fetchStockLevels(supabase, orgId, { warehouseId, availability, search }),
  });
  return { levels, changed, levelKey };
}

export interface StockLevelPage {
  rows: StockLevel[];
  /** Every level matching, also beyond the rows shown. */
  count: number;
}

export interface ScannedProduct {
  id: string;
  sku: string;
  name: string;
  uom: string;
  barcode: string | null;
  kind: string;
}

/** A product by what a scanner types (its barcode) or what a person types (its SKU). */
export async function findProductByCode(
  supabase: ReturnType<typeof useSupabase>,
  orgId: string,
  code: string,
): Promise<ScannedProduct | null> {
  const text = code.trim();
  if (!text) return null;
  const { data, error } = await supabase
    .from('products')
    .select('id, sku, name, uom, barcode, kind')
    .eq('org_id', orgId)
    .or(`barcode.eq."${text.replace(/"/g, '')}",sku.ilike."${text.replace(/["*%_\\]/g, '')}"`)
    .is('archived_at', null)
    .limit(2);
  if (error) throw toAppError(error);
  return data.find((p) => p.barcode === text) ?? data[0] ?? null;
}

export type FloorOperation = 'receive' | 'ship' | 'transfer' | 'adjust';

export interface FloorMove {
  operation: FloorOperation;
  productId: string;
  warehouseId: string;
  /** Transfers only. */
  toWarehouseId?: string;
  /** Positive; for adjustments, signed. */
  quantity: number;
  /** Receipts without a purchase order only. */
  unitCost?: number;
  reason?: string;
}

export function useFloorMove(orgId: string) {
  const supabase = useSupabase();
  return useMutation({
    // The level shown on the floor screen follows the movement over Realtime (useLiveStock).
    mutationFn: async (move: FloorMove) => {
      const common = { p_org_id: orgId, p_product_id: move.productId };
      const reason = move.reason?.trim() || undefined;
      const { error } =
        move.operation === 'receive'
          ? await supabase.rpc('receive_stock', {
              ...common,
              p_warehouse_id: move.warehouseId,
              p_quantity: move.quantity,
              p_unit_cost: move.unitCost ?? 0,
              p_reason: reason,
            })
          : move.operation === 'ship'
            ? await supabase.rpc('ship_stock', {
                ...common,
                p_warehouse_id: move.warehouseId,
                p_quantity: move.quantity,
              })
            : move.operation === 'transfer'
              ? await supabase.rpc('transfer_stock', {
                  ...common,
                  p_from_warehouse_id: move.warehouseId,
                  p_to_warehouse_id: move.toWarehouseId!,
                  p_quantity: move.quantity,
                  p_reason: reason,
                })
              : await supabase.rpc('adjust_stock', {
                  ...common,
                  p_warehouse_id: move.warehouseId,
                  p_quantity_delta: move.quantity,
                  p_reason: reason ?? '',
                });
      if (error) throw toAppError(error);
    },
  });
}

// ---------------------------------------------------------------------------
// Cycle counts

export interface StockCount {
  id: string;
  number: string | null;
  status: 'open' | 'posted' | 'cancelled';
  warehouse_id: string;
  note: string | null;
  started_at: string;
  posted_at: string | null;
  warehouse: { code: string; name: string } | null;
}

export interface StockCountLine {
  id: string;
  product_id: string;
  expected_quantity: number;
  counted_quantity: number | null;
  posted_difference: number | null;
  product: { sku: string; name: string; uom: string; barcode: string | null } | null;
}

export function useStockCounts(orgId: string) {
  const supabase = useSupabase();
  useLiveRefetch('stock_counts', `org_id=eq.${orgId}`, [...stockKey(orgId), 'counts']);
  return useQuery({
    queryKey: [...stockKey(orgId), 'counts'],
    queryFn: async (): Promise<StockCount[]> => {
      const { data, error } = await supabase
        .from('stock_counts')
        .select('id, number, status, warehouse_id, note, started_at, posted_at, warehouse:warehouses(code, name)')
        .eq('org_id', orgId)
        .order('started_at', { ascending: false })
        .limit(100);
      if (error) throw toAppError(error);
      return data as unknown as StockCount[];
    },
  });
}

export function useStockCount(orgId: string, countId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...stockKey(orgId), 'counts', countId],
    queryFn: async () => {
      const [count, lines] = await Promise.all([
        supabase
          .from('stock_counts')
          .select('id, number, status, warehouse_id, note, started_at, posted_at, warehouse:warehouses(code, name)')
          .eq('org_id', orgId)
          .eq('id', countId)
          .maybeSingle(),
        supabase
          .from('stock_count_lines')
          .select(
            'id, product_id, expected_quantity, counted_quantity, posted_difference, product:products(sku, name, uom, barcode)',
          )
          .eq('org_id', orgId)
          .eq('count_id', countId)
          .order('product_id'),
      ]);
      if (count.error) throw toAppError(count.error);
      if (lines.error) throw toAppError(lines.error);
      if (!count.data) return null;
      const sorted = (lines.data as unknown as StockCountLine[]).sort((a, b) =>
        (a.product?.sku ?? '').localeCompare(b.product?.sku ?? ''),
      );
      return { count: count.data as unknown as StockCount, lines: sorted };
    },
  });
}

export function useStockCountMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: [...stockKey(orgId), 'counts'] });
  return {
    start: useMutation({
      mutationFn: async ({ warehouseId, note }: { warehouseId: string; note: string | null }) => {
        const { data, error } = await supabase
          .rpc('start_stock_count', { p_org_id: orgId, p_warehouse_id: warehouseId, p_note: note ?? undefined })
          .single();
        if (error) throw toAppError(error);
        return (data as { id: string }).id;
      },
      onSuccess: done,
    }),
    setCounted: useMutation({
      mutationFn: async ({ lineId, counted }: { lineId: string; counted: number | null }) => {
        const { error } = await supabase
          .from('stock_count_lines')
          .update({ counted_quantity: counted })
          .eq('org_id', orgId)
          .eq('id', lineId);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    post: useMutation({
      mutationFn: async ({ countId, acceptMoved }: { countId: string; acceptMoved: boolean }) => {
        const { error } = await supabase.rpc('post_stock_count', { p_count_id: countId, p_accept_moved: acceptMoved });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}

// ---------------------------------------------------------------------------
// Reorder alerts

export interface ReorderAlert {
  id: string;
  status: 'open' | 'closed';
  product_id: string;
  warehouse_id: string;
  available_at_open: number;
  on_order_at_open: number;
  reorder_point: number;
  reorder_quantity: number;
  purchase_order_id: string | null;
  opened_at: string;
  closed_at: string | null;
  close_reason: string | null;
  product: { sku: string; name: string; uom: string } | null;
  warehouse: { code: string } | null;
}

export function useReorderAlerts(orgId: string, status: 'open' | 'closed') {
  const supabase = useSupabase();
  const key = [...stockKey(orgId), 'alerts', status];
  useLiveRefetch('reorder_alerts', `org_id=eq.${orgId}`, [...stockKey(orgId), 'alerts']);
  return useQuery({
    queryKey: key,
    queryFn: async (): Promise<ReorderAlert[]> => {
      const { data, error } = await supabase
        .from('reorder_alerts')
        .select('*, product:products(sku, name, uom), warehouse:warehouses(code)')
        .eq('org_id', orgId)
        .eq('status', status)
        .order('opened_at', { ascending: false })
        .limit(200);
      if (error) throw toAppError(error);
      return data as unknown as ReorderAlert[];
    },
  });
}

export function useDismissReorderAlert(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error } = await supabase
        .from('reorder_alerts')
        .update({ status: 'closed', closed_at: new Date().toISOString(), close_reason: 'dismissed' })
        .eq('org_id', orgId)
        .eq('id', id);
      if (error) throw toAppError(error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...stockKey(orgId), 'alerts'] }),
  });
}
