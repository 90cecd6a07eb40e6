// Supplier performance: the database's supplier_performance view (orders, receipts, on-time
// rate), with the average lead time (order date to posted receipt) and the open orders counted
// here from the same rows the user may read.
import { useQuery } from '@tanstack/react-query';
import Big from 'big.js';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { OPEN_STATUSES, purchasingKey } from './purchase-orders.ts';

export interface SupplierPerformance {
  supplierId: string;
  supplierName: string;
  purchaseOrders: number;
  openPurchaseOrders: number;
  receipts: number;
  onTimeReceipts: number;
  /** Percent of posted receipts with an expected date that came by it; null without any. */
  onTimeRate: number | null;
  /** Average days from the order date to a posted receipt; null without any. */
  leadTimeDays: number | null;
}

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function useSupplierPerformance(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...purchasingKey(orgId), 'supplier-performance'],
    queryFn: async (): Promise<SupplierPerformance[]> => {
      const [view, open, receipts] = await Promise.all([
        supabase.from('supplier_performance').select('*').eq('org_id', orgId),
        supabase.from('purchase_orders').select('supplier_id').eq('org_id', orgId).in('status', OPEN_STATUSES),
        supabase
          .from('goods_receipts')
          .select('received_date, purchase_order:purchase_orders(supplier_id, order_date)')
          .eq('org_id', orgId)
          .eq('status', 'posted')
          .limit(5000),
      ]);
      if (view.error) throw toAppError(view.error);
      if (open.error) throw toAppError(open.error);
      if (receipts.error) throw toAppError(receipts.error);
      const ids = [...new Set(view.data.map((r) => r.supplier_id).filter((id): id is string => !!id))];
      const names = new Map<string, string>();
      if (ids.length) {
        const { data, error } = await supabase.from('accounts').select('id, name').eq('org_id', orgId).in('id', ids);
        if (error) throw toAppError(error);
        for (const a of data) names.set(a.id, a.name);
      }
      const openCount = new Map<string, number>();
      for (const po of open.data) openCount.set(po.supplier_id, (openCount.get(po.supplier_id) ?? 0) + 1);
      const lead = new Map<string, { days: number; n: number }>();
      for (const r of receipts.data as unknown as {
        received_date: string;
        purchase_order: { supplier_id: string; order_date: string } | null;
      }[]) {
        if (!r.purchase_order) continue;
        const s = lead.get(r.purchase_order.supplier_id) ?? { days: 0, n: 0 };
        s.days += daysBetween(r.purchase_order.order_date, r.received_date);
        s.n += 1;
        lead.set(r.purchase_order.supplier_id, s);
      }
      return view.data
        .filter((r): r is typeof r & { supplier_id: string } => !!r.supplier_id)
        .map((r) => {
          const l = lead.get(r.supplier_id);
          return {
            supplierId: r.supplier_id,
            supplierName: names.get(r.supplier_id) ?? 'Unknown supplier',
            purchaseOrders: r.purchase_orders ?? 0,
            openPurchaseOrders: openCount.get(r.supplier_id) ?? 0,
            receipts: r.receipts ?? 0,
            onTimeReceipts: r.on_time_receipts ?? 0,
            onTimeRate: r.on_time_rate,
            leadTimeDays: l ? Number(new Big(l.days).div(l.n).round(1)) : null,
          };
        })
        .sort((a, b) => a.supplierName.localeCompare(b.supplierName));
    },
  });
}
