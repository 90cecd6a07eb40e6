// Contacts: the people at customers and suppliers (every member reads them; sales and
// support roles write them).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { ilikeContains, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { ImportResult } from '@/components/csv-import-dialog.tsx';

export const contactsKey = (orgId: string) => [...orgKey(orgId), 'contacts'] as const;
export type ContactFilter = 'q';
export const CONTACT_SORTABLE = ['last_name', 'created_at'] as const;

export interface ContactRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  title: string | null;
  notes: string | null;
  account_id: string | null;
  merged_into: string | null;
  archived_at: string | null;
  account: { id: string; name: string } | null;
}

const COLUMNS =
  'id, first_name, last_name, full_name, email, phone, mobile, title, notes, account_id, merged_into, archived_at, account:accounts!contacts_org_id_account_id_fkey(id, name)';

export async function fetchContacts(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<ContactFilter>,
  all = false,
) {
  let query = supabase
    .from('contacts')
    .select(COLUMNS, { count: 'exact' })
    .eq('org_id', orgId)
    .is('merged_into', null)
    .is('archived_at', null);
  if (state.filters.q?.trim()) {
    const p = ilikeContains(state.filters.q.trim());
    query = query.or(`full_name.ilike.${p},email.ilike.${p},phone.ilike.${p},title.ilike.${p}`);
  }
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof CONTACT_SORTABLE)[number], { ascending: !rule.desc });
  query = query.order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as ContactRow[], count: count ?? data.length };
}

export function useContacts(orgId: string, state: ServerTableState<ContactFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...contactsKey(orgId), 'list', state],
    queryFn: () => fetchContacts(supabase, orgId, state),
    placeholderData: keepPreviousData,
  });
}

export function useContact(orgId: string, id: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...contactsKey(orgId), 'record', id],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('contacts')
        .select(COLUMNS)
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data as unknown as ContactRow | null;
    },
  });
}

export function useUpdateContact(orgId: string, id: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (
      values: Partial<
        Pick<ContactRow, 'first_name' | 'last_name' | 'email' | 'phone' | 'mobile' | 'title' | 'notes' | 'archived_at'>
      >,
    ) => {
      const { error } = await supabase.from('contacts').update(values).eq('org_id', orgId).eq('id', id);
      if (error) throw toAppError(error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKey(orgId) }),
  });
}

/** Imports CSV rows through import_contacts(): all rows or none, with the server's row errors. */
export function useImportContacts(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (rows: Record<string, string>[]): Promise<ImportResult> => {
      const { data, error } = await supabase.rpc('import_contacts', { p_org_id: orgId, p_rows: rows });
      if (error) throw toAppError(error);
      return data as unknown as ImportResult;
    },
    // Contacts, and accounts too (an import may create them).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKey(orgId) }),
  });
}
