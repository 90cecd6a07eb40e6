// Live stock of a few products, for the pages that show stock outside the stock screens (a
// product's page, a deal's quote lines): per product its levels per warehouse (with the
// warehouse's code and name) and the totals over warehouses. One Realtime channel per hook
// follows stock_levels of the org: an event's row is written into the cache when its version is
// newer than the cached one (events can overtake each other; the version only grows), and the
// product and level are noted as just changed, for the flash. A product's first row in a
// warehouse is not in the cache yet: then the levels are read again. No polling; after a
// reconnect (or when the read came before the subscription) the levels are read again too.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { RealtimePostgresChangesPayload } from '@supabase/supabase-js';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { sumAmounts } from '@/lib/money.ts';
import { useSupabase } from '@/lib/supabase.ts';

export interface LiveStockLevel {
  product_id: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  available: number;
  version: number;
  warehouse: { code: string; name: string } | null;
}

export interface LiveWarehouseStock extends LiveStockLevel {
  /** When this level last changed live (ms since the epoch), for the flash. */
  changedAt?: number;
}

export interface LiveProductStock {
  /** In warehouse code order. */
  levels: LiveWarehouseStock[];
  /** Summed exactly over the warehouses (decimal strings). */
  onHand: string;
  reserved: string;
  available: string;
  /** When any of the product's levels last changed live (ms since the epoch), for the flash. */
  changedAt?: number;
}

export const liveStockKey = (orgId: string, productIds: readonly string[]) =>
  [...orgKey(orgId), 'live-stock', productIds] as const;

const levelId = (l: { product_id: string; warehouse_id: string }) => `${l.product_id}:${l.warehouse_id}`;

type StockRow = Partial<Omit<LiveStockLevel, 'warehouse'>>;

/**
 * `productIds` may repeat and come in any order; `stock[id]` is there for each of them once the
 * levels are read (with no levels and zero totals for a product never stocked).
 */
export function useLiveStock(orgId: string, productIds: readonly string[]) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const idsText = [...new Set(productIds.filter(Boolean))].sort().join(',');
  const ids = useMemo(() => (idsText ? idsText.split(',') : []), [idsText]);
  const key = useMemo(() => liveStockKey(orgId, ids), [orgId, ids]);
  const [changed, setChanged] = useState<Record<string, number>>({});
  const instance = useId();

  // The channel outlives changes of the product list; its handler reads the current list here.
  const watched = useRef({ key, ids: new Set(ids) });
  useEffect(() => {
    watched.current = { key, ids: new Set(ids) };
  }, [key, ids]);

  const query = useQuery({
    queryKey: key,
    enabled: ids.length > 0,
    queryFn: async (): Promise<LiveStockLevel[]> => {
      const { data, error } = await supabase
        .from('stock_levels')
        .select('product_id, warehouse_id, on_hand, reserved, available, version, warehouse:warehouses(code, name)')
        .eq('org_id', orgId)
        .in('product_id', ids);
      if (error) throw toAppError(error);
      return data as unknown as LiveStockLevel[];
    },
  });

  useEffect(() => {
    let subscribedBefore = false;
    const subscribedAt = Date.now();
    const markChanged = (row: { product_id: string; warehouse_id: string }) => {
      const at = Date.now();
      setChanged((c) => ({ ...c, [row.product_id]: at, [levelId(row)]: at }));
    };
    const onChange = (payload: RealtimePostgresChangesPayload<Record<string, unknown>>) => {
      const { key: current, ids: wanted } = watched.current;
      if (payload.eventType === 'DELETE') {
        const old = payload.old as StockRow;
        if (!old.product_id || wanted.has(old.product_id)) void queryClient.invalidateQueries({ queryKey: current });
        return;
      }
      const row = payload.new as StockRow;
      if (!row.product_id || !row.warehouse_id || !wanted.has(row.product_id)) return;
      const where = { product_id: row.product_id, warehouse_id: row.warehouse_id };
      const levels = queryClient.getQueryData<LiveStockLevel[]>(current);
      const known = levels?.find((l) => levelId(l) === levelId(where));
      if (!levels || !known) {
        // Not read yet, or the product's first stock in this warehouse: read the levels again.
        void queryClient.invalidateQueries({ queryKey: current }).then(() => {
          if (levels) markChanged(where);
        });
        return;
      }
      if (Number(row.version ?? 0) <= Number(known.version)) return;
      const onHand = row.on_hand ?? known.on_hand;
      const reserved = row.reserved ?? known.reserved;
      const next: LiveStockLevel = {
        ...known,
        on_hand: onHand,
        reserved,
        available: row.available ?? Number(onHand) - Number(reserved),
        version: Number(row.version),
      };
      queryClient.setQueryData<LiveStockLevel[]>(current, (all) =>
        all?.map((l) => (levelId(l) === levelId(where) ? next : l)),
      );
      markChanged(where);
    };
    const channel = supabase
      .channel(`live-stock:${orgId}:${instance}`)
      .on(
        'postgres_changes',
        { event: '*', schema: 'public', table: 'stock_levels', filter: `org_id=eq.${orgId}` },
        onChange,
      )
      .subscribe((state) => {
        if (state !== 'SUBSCRIBED') return;
        // Events may have been missed while disconnected (or before the first subscription took).
        const { key: current } = watched.current;
        const fetchedAt = queryClient.getQueryState(current)?.dataUpdatedAt ?? 0;
        if (subscribedBefore || (fetchedAt > 0 && fetchedAt < subscribedAt))
          void queryClient.invalidateQueries({ queryKey: current });
        subscribedBefore = true;
      });
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [supabase, queryClient, orgId, instance]);

  const stock = useMemo(() => {
    if (!query.data) return undefined;
    const byProduct: Record<string, LiveProductStock> = {};
    for (const id of ids) {
      const levels = query.data
        .filter((l) => l.product_id === id)
        .map((l) => ({ ...l, changedAt: changed[levelId(l)] }))
        .sort((a, b) => (a.warehouse?.code ?? '').localeCompare(b.warehouse?.code ?? ''));
      byProduct[id] = {
        levels,
        onHand: sumAmounts(levels.map((l) => l.on_hand)).toString(),
        reserved: sumAmounts(levels.map((l) => l.reserved)).toString(),
        available: sumAmounts(levels.map((l) => l.available)).toString(),
        changedAt: changed[id],
      };
    }
    return byProduct;
  }, [query.data, ids, changed]);

  return {
    stock,
    isPending: ids.length > 0 && query.isPending,
    isError: query.isError,
    error: query.error,
    refetch: query.refetch,
  };
}

export type LiveStock = ReturnType<typeof useLiveStock>;
