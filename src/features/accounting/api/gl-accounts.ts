// The chart of accounts: every account of the org (a few hundred at most, so read whole and
// grouped by type in the browser), and adding or editing one. The database checks codes
// (unique per org), parents (same org) and, since 20261202195000, that an account with posted
// lines keeps its type.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { Database } from '@/lib/database.types.ts';
import type { AccountValues } from '../schemas/account.ts';
import { accountingKey } from './keys.ts';

export type GlAccount = Database['public']['Tables']['gl_accounts']['Row'];

export const glAccountsKey = (orgId: string) => [...accountingKey(orgId), 'gl-accounts'] as const;

export function useGlAccounts(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: glAccountsKey(orgId),
    queryFn: async (): Promise<GlAccount[]> => {
      const { data, error } = await supabase
        .from('gl_accounts')
        .select('*')
        .eq('org_id', orgId)
        .order('code')
        .limit(5000);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useSaveGlAccount(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, values }: { id?: string; values: AccountValues }) => {
      if (id) {
        // The code is the account's identity in reports and imports: it is set once.
        const { code: _code, ...changes } = values;
        const { error } = await supabase.from('gl_accounts').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
        return id;
      }
      const { data, error } = await supabase
        .from('gl_accounts')
        .insert({ ...values, org_id: orgId })
        .select('id')
        .single();
      if (error) throw toAppError(error);
      return data.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountingKey(orgId) }),
  });
}
