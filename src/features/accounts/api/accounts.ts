// The customer master: parties (companies and people we buy from or sell to), their
// contacts and addresses, duplicates and merging, CSV import and export.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { ilikeContains, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { ImportResult } from '@/components/csv-import-dialog.tsx';
import type { AccountFormValues } from '../schemas/account.ts';

export const accountsKey = (orgId: string) => [...orgKey(orgId), 'accounts'] as const;

export type AccountFilter = 'q' | 'role' | 'tag' | 'owner' | 'archived';
export const ACCOUNT_SORTABLE = ['name', 'created_at', 'updated_at'] as const;

export interface AccountRow {
  id: string;
  name: string;
  kind: 'company' | 'person';
  email: string | null;
  domain: string | null;
  website: string | null;
  phone: string | null;
  tax_id: string | null;
  currency: string | null;
  payment_terms_days: number;
  credit_limit: number | null;
  is_customer: boolean;
  is_supplier: boolean;
  tags: string[];
  owner_id: string | null;
  notes: string | null;
  archived_at: string | null;
  merged_into: string | null;
  created_at: string;
  owner: { full_name: string | null } | null;
}

const ACCOUNT_COLUMNS =
  'id, name, kind, email, domain, website, phone, tax_id, currency, payment_terms_days, credit_limit, is_customer, is_supplier, tags, owner_id, notes, archived_at, merged_into, created_at, owner:profiles(full_name)';

export async function fetchAccounts(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<AccountFilter>,
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: AccountRow[]; count: number }> {
  let query = supabase
    .from('accounts')
    .select(ACCOUNT_COLUMNS, { count: 'exact' })
    .eq('org_id', orgId)
    .is('merged_into', null);
  const f = state.filters;
  if (f.archived === 'yes') query = query.not('archived_at', 'is', null);
  else query = query.is('archived_at', null);
  if (f.q?.trim()) {
    const p = ilikeContains(f.q.trim());
    query = query.or(`name.ilike.${p},email.ilike.${p},domain.ilike.${p},phone.ilike.${p}`);
  }
  if (f.role === 'customer') query = query.eq('is_customer', true);
  if (f.role === 'supplier') query = query.eq('is_supplier', true);
  if (f.tag) query = query.contains('tags', [f.tag]);
  if (f.owner) query = query.eq('owner_id', f.owner);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof ACCOUNT_SORTABLE)[number], { ascending: !rule.desc });
  query = query.order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as AccountRow[], count: count ?? data.length };
}

export function useAccounts(orgId: string, state: ServerTableState<AccountFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...accountsKey(orgId), 'list', state],
    queryFn: () => fetchAccounts(supabase, orgId, state),
    placeholderData: keepPreviousData,
  });
}

export interface AccountDetail extends AccountRow {
  contacts: {
    id: string;
    full_name: string | null;
    email: string | null;
    phone: string | null;
    title: string | null;
    archived_at: string | null;
  }[];
  addresses: {
    id: string;
    kind: 'billing' | 'shipping' | 'other';
    line1: string;
    line2: string | null;
    city: string | null;
    region: string | null;
    postal_code: string | null;
    country: string | null;
    is_default: boolean;
  }[];
  deals: {
    id: string;
    title: string;
    amount: number;
    currency: string;
    status: 'open' | 'won' | 'lost';
    expected_close_date: string | null;
  }[];
}

export function useAccount(orgId: string, accountId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...accountsKey(orgId), 'record', accountId],
    queryFn: async (): Promise<AccountDetail | null> => {
      const { data, error } = await supabase
        .from('accounts')
        .select(
          `${ACCOUNT_COLUMNS}, contacts!contacts_org_id_account_id_fkey(id, full_name, email, phone, title, archived_at),
           addresses(id, kind, line1, line2, city, region, postal_code, country, is_default),
           deals(id, title, amount, currency, status, expected_close_date)`,
        )
        .eq('org_id', orgId)
        .eq('id', accountId)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data as unknown as AccountDetail | null;
    },
  });
}

export function useSaveAccount(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      id,
      values,
    }: {
      id?: string;
      values: Partial<AccountFormValues> & { archived_at?: string | null };
    }) => {
      const { data, error } = id
        ? await supabase.from('accounts').update(values).eq('org_id', orgId).eq('id', id).select('id').single()
        : await supabase
            .from('accounts')
            .insert({ ...(values as AccountFormValues), org_id: orgId })
            .select('id')
            .single();
      if (error) throw toAppError(error);
      return data.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey(orgId) }),
  });
}

export function useImportAccounts(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (rows: Record<string, string>[]): Promise<ImportResult> => {
      const { data, error } = await supabase.rpc('import_accounts', { p_org_id: orgId, p_rows: rows });
      if (error) throw toAppError(error);
      return data as unknown as ImportResult;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey(orgId) }),
  });
}

export function useAccountDuplicates(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...accountsKey(orgId), 'duplicates'],
    queryFn: async () => {
      const { data, error } = await supabase.rpc('find_duplicates', { p_org_id: orgId, p_entity: 'accounts' });
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useMergeAccounts(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ survivor, duplicates }: { survivor: string; duplicates: string[] }) => {
      const { error } = await supabase.rpc('merge_accounts', { p_survivor: survivor, p_duplicates: duplicates });
      if (error) throw toAppError(error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKey(orgId) }),
  });
}

export function useAddContact(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: {
      account_id: string | null;
      first_name: string | null;
      last_name: string | null;
      email: string | null;
      phone: string | null;
      title: string | null;
    }) => {
      const { data, error } = await supabase
        .from('contacts')
        .insert({ ...values, org_id: orgId })
        .select('id')
        .single();
      if (error) throw toAppError(error);
      return data.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKey(orgId) }),
  });
}

export function useAddAddress(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: {
      account_id: string;
      kind: 'billing' | 'shipping' | 'other';
      line1: string;
      city: string | null;
      postal_code: string | null;
      country: string | null;
      is_default: boolean;
    }) => {
      const { error } = await supabase.from('addresses').insert({ ...values, org_id: orgId });
      if (error) throw toAppError(error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey(orgId) }),
  });
}
