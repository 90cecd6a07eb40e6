// Exchange rates the accountants enter or import (never fetched): units of the org's base
// currency per unit of a currency, one per currency and day. An import is one bulk upsert, so
// every row lands or none does, and a day already entered takes the imported rate.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportResult } from '@/components/csv-import-dialog.tsx';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { Database } from '@/lib/database.types.ts';
import type { ExchangeRateValues } from '../schemas/exchange-rate.ts';
import { accountingKey } from './keys.ts';

export type ExchangeRate = Database['public']['Tables']['exchange_rates']['Row'];
export type Currency = Database['public']['Tables']['currencies']['Row'];

const ratesKey = (orgId: string) => [...accountingKey(orgId), 'exchange-rates'] as const;

export function useExchangeRates(orgId: string, currency: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...ratesKey(orgId), currency ?? 'all'],
    queryFn: async (): Promise<ExchangeRate[]> => {
      let query = supabase.from('exchange_rates').select('*').eq('org_id', orgId);
      if (currency) query = query.eq('currency', currency);
      const { data, error } = await query.order('currency').order('rate_date', { ascending: false }).limit(1000);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** Global reference data (readable by every signed-in user). */
export function useCurrencies() {
  const supabase = useSupabase();
  return useQuery({
    queryKey: ['currencies'],
    staleTime: Infinity,
    queryFn: async (): Promise<Currency[]> => {
      const { data, error } = await supabase.from('currencies').select('*').order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

type RateRow = Pick<ExchangeRateValues, 'currency' | 'rate_date' | 'rate'>;

/** Rates go as the decimal strings typed (numeric(18, 8) in the database). */
const asRow = (orgId: string, r: RateRow) => ({
  org_id: orgId,
  currency: r.currency,
  rate_date: r.rate_date,
  rate: r.rate as unknown as number,
});

export function useExchangeRateMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: ratesKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: ExchangeRateValues) => {
        const { error } = await supabase.from('exchange_rates').insert(asRow(orgId, values));
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('exchange_rates').delete().eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    importRows: useMutation({
      mutationFn: async (rows: Record<string, string>[]): Promise<ImportResult> => {
        const clean = rows.map((r) => ({
          currency: (r.currency ?? '').trim().toUpperCase(),
          rate_date: (r.rate_date ?? '').trim(),
          rate: (r.rate ?? '').trim(),
        }));
        // Two rows for one currency and day would make the upsert touch a row twice (refused).
        const seen = new Map<string, number>();
        const errors: ImportResult['errors'] = [];
        clean.forEach((r, i) => {
          const key = `${r.currency}|${r.rate_date}`;
          const first = seen.get(key);
          if (first !== undefined)
            errors.push({ row: i + 1, field: 'rate_date', message: `Same currency and date as row ${first}` });
          else seen.set(key, i + 1);
        });
        if (errors.length) return { imported: 0, errors };
        const { error } = await supabase.from('exchange_rates').upsert(
          clean.map((r) => asRow(orgId, r)),
          { onConflict: 'org_id,currency,rate_date' },
        );
        if (error) throw toAppError(error);
        return { imported: clean.length, errors: [] };
      },
      onSuccess: done,
    }),
  };
}
