// Fiscal periods: added by name and dates (the database refuses overlaps with an exclusion
// constraint) and closed through close_fiscal_period(), after which nothing posts into them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { Database } from '@/lib/database.types.ts';
import type { PeriodValues } from '../schemas/period.ts';
import { accountingKey } from './keys.ts';

export type FiscalPeriod = Database['public']['Tables']['fiscal_periods']['Row'];

const periodsKey = (orgId: string) => [...accountingKey(orgId), 'periods'] as const;

export function useFiscalPeriods(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: periodsKey(orgId),
    queryFn: async (): Promise<FiscalPeriod[]> => {
      const { data, error } = await supabase
        .from('fiscal_periods')
        .select('*')
        .eq('org_id', orgId)
        .order('start_date', { ascending: false })
        .limit(1000);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useFiscalPeriodMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: accountingKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: PeriodValues) => {
        const { error } = await supabase.from('fiscal_periods').insert({ ...values, org_id: orgId });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    close: useMutation({
      mutationFn: async (periodId: string) => {
        const { data, error } = await supabase.rpc('close_fiscal_period', { p_period_id: periodId });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
  };
}
