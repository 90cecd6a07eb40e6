// Tax rates of the organisation: the rates products and document lines default to, one of
// them the default (a unique index keeps it to one), retired rather than deleted once used.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { Database } from '@/lib/database.types.ts';
import type { TaxRateValues } from '../schemas/tax-rate.ts';
import { accountingKey } from './keys.ts';

export type TaxRate = Database['public']['Tables']['tax_rates']['Row'];

const taxRatesKey = (orgId: string) => [...accountingKey(orgId), 'tax-rates'] as const;

export function useTaxRates(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: taxRatesKey(orgId),
    queryFn: async (): Promise<TaxRate[]> => {
      const { data, error } = await supabase
        .from('tax_rates')
        .select('*')
        .eq('org_id', orgId)
        .order('active', { ascending: false })
        .order('rate')
        .order('name');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useTaxRateMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: taxRatesKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: TaxRateValues) => {
        const { error } = await supabase
          .from('tax_rates')
          .insert({ org_id: orgId, name: values.name, rate: values.rate as unknown as number });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    setActive: useMutation({
      mutationFn: async ({ id, active }: { id: string; active: boolean }) => {
        const { error } = await supabase.from('tax_rates').update({ active }).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    // Two statements: the unique index allows one default, so the old one is cleared first.
    makeDefault: useMutation({
      mutationFn: async (id: string) => {
        const cleared = await supabase
          .from('tax_rates')
          .update({ is_default: false })
          .eq('org_id', orgId)
          .eq('is_default', true);
        if (cleared.error) throw toAppError(cleared.error);
        const { error } = await supabase.from('tax_rates').update({ is_default: true, active: true }).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}
