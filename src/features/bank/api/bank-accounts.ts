// Bank accounts: each books on an asset account of the chart (one bank account per ledger
// account), and their reconciliation figures as of a date (bank_reconciliation). The
// database checks the ledger account's type, and unique names and ledger accounts per org.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { Database } from '@/lib/database.types.ts';
import type { BankAccountValues } from '../schemas/bank-account.ts';
import { bankKey } from './keys.ts';

type BankAccountRow = Database['public']['Tables']['bank_accounts']['Row'];
export type BankAccount = BankAccountRow & { gl_account: { id: string; code: string; name: string } | null };
export type Reconciliation = Database['public']['Functions']['bank_reconciliation']['Returns'][number];
export type AssetAccount = { id: string; code: string; name: string; active: boolean };
type Currency = Database['public']['Tables']['currencies']['Row'];

const COLUMNS = '*, gl_account:gl_accounts(id, code, name)';

export function useBankAccounts(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...bankKey(orgId), 'accounts'],
    queryFn: async (): Promise<BankAccount[]> => {
      const { data, error } = await supabase
        .from('bank_accounts')
        .select(COLUMNS)
        .eq('org_id', orgId)
        .order('name')
        .limit(500);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useBankAccount(orgId: string, id: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...bankKey(orgId), 'accounts', id],
    queryFn: async (): Promise<BankAccount | null> => {
      const { data, error } = await supabase
        .from('bank_accounts')
        .select(COLUMNS)
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data;
    },
  });
}

const reconciliationQuery = (
  supabase: ReturnType<typeof useSupabase>,
  orgId: string,
  bankAccountId: string,
  asOf: string,
) => ({
  queryKey: [...bankKey(orgId), 'reconciliation', bankAccountId, asOf],
  queryFn: async (): Promise<Reconciliation | null> => {
    const { data, error } = await supabase.rpc('bank_reconciliation', {
      p_bank_account_id: bankAccountId,
      p_as_of: asOf,
    });
    if (error) throw toAppError(error);
    return data[0] ?? null;
  },
});

/** Statement vs ledger of one bank account as of a day (YYYY-MM-DD). */
export function useReconciliation(orgId: string, bankAccountId: string, asOf: string) {
  const supabase = useSupabase();
  return useQuery(reconciliationQuery(supabase, orgId, bankAccountId, asOf));
}

/** The same for every account of a list (one small RPC each). */
export function useReconciliations(orgId: string, bankAccountIds: string[], asOf: string) {
  const supabase = useSupabase();
  return useQueries({ queries: bankAccountIds.map((id) => reconciliationQuery(supabase, orgId, id, asOf)) });
}

/** The chart's asset accounts, which a bank account may book on. */
export function useAssetAccounts(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...bankKey(orgId), 'asset-accounts'],
    queryFn: async (): Promise<AssetAccount[]> => {
      const { data, error } = await supabase
        .from('gl_accounts')
        .select('id, code, name, active')
        .eq('org_id', orgId)
        .eq('type', 'asset')
        .order('code')
        .limit(1000);
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

export function useSaveBankAccount(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, values }: { id?: string; values: BankAccountValues }) => {
      if (id) {
        const { error } = await supabase.from('bank_accounts').update(values).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
        return id;
      }
      const { data, error } = await supabase
        .from('bank_accounts')
        .insert({ ...values, org_id: orgId })
        .select('id')
        .single();
      if (error) throw toAppError(error);
      return data.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bankKey(orgId) }),
  });
}
