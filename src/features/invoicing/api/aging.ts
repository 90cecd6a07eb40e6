// Receivables and payables aging as of a date (ar_aging / ap_aging): per customer or supplier,
// what was still owed on that date by days past due, in base currency, with unapplied credit.
// Live: invoices and payments change it (vendor bills are not in the Realtime publication).
import { useQuery } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import type { Database } from '@/lib/database.types.ts';
import { sumAmounts } from '@/lib/money.ts';
import { invoicingKey } from './keys.ts';

export type AgingKind = 'ar' | 'ap';
export type AgingRow = Database['public']['Functions']['ar_aging']['Returns'][number];

export const AGING_BUCKETS = [
  { key: 'current_amount', label: 'Current' },
  { key: 'days_1_30', label: '1–30' },
  { key: 'days_31_60', label: '31–60' },
  { key: 'days_61_90', label: '61–90' },
  { key: 'days_over_90', label: '90+' },
  { key: 'total_due', label: 'Total' },
  { key: 'unapplied_credit', label: 'Unapplied credit' },
] as const satisfies readonly { key: keyof AgingRow; label: string }[];

export type AgingAmountKey = (typeof AGING_BUCKETS)[number]['key'];

/** Column totals, summed exactly. */
export function agingTotals(rows: readonly AgingRow[]): Record<AgingAmountKey, string> {
  return Object.fromEntries(
    AGING_BUCKETS.map((b) => [b.key, sumAmounts(rows.map((r) => r[b.key])).toFixed(2)]),
  ) as Record<AgingAmountKey, string>;
}

export function useAging(orgId: string, kind: AgingKind, asOf: string) {
  const supabase = useSupabase();
  const key = [...invoicingKey(orgId), 'aging', kind] as const;
  useLiveRefetch('payments', `org_id=eq.${orgId}`, key);
  useLiveRefetch(kind === 'ar' ? 'invoices' : 'payments', `org_id=eq.${orgId}`, key);
  return useQuery({
    queryKey: [...key, asOf],
    queryFn: async (): Promise<AgingRow[]> => {
      const { data, error } = await supabase.rpc(kind === 'ar' ? 'ar_aging' : 'ap_aging', {
        p_org_id: orgId,
        p_as_of: asOf,
      });
      if (error) throw toAppError(error);
      return data;
    },
  });
}
