// The journal: entries filtered and paged on the server, one entry with its lines and the
// entries it reverses or is reversed by, manual entries saved as drafts (header, then lines)
// and posted or reversed through the database's RPCs, which number them and check balance
// and open periods.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import type { JournalEntryValues } from '../schemas/journal-entry.ts';
import { accountingKey } from './keys.ts';

type Tables = Database['public']['Tables'];
export type JournalEntry = Tables['journal_entries']['Row'];
export type JournalStatus = Database['public']['Enums']['journal_status'];

export const journalKey = (orgId: string) => [...accountingKey(orgId), 'journal'] as const;
export const journalEntryKey = (orgId: string, id: string) => [...journalKey(orgId), 'entry', id] as const;

export type JournalFilter = 'status' | 'source' | 'from' | 'to';
export const JOURNAL_SORTABLE = ['entry_date', 'number', 'created_at'] as const;

export type JournalEntryRow = JournalEntry & { lines: { debit: number }[] };

export type JournalLine = Tables['journal_lines']['Row'] & {
  account: { id: string; code: string; name: string } | null;
  partner: { id: string; name: string } | null;
};

export interface JournalEntryRecord extends JournalEntry {
  lines: JournalLine[];
  /** The entry this one reverses, and the entry that reversed this one. */
  reverses: { id: string; number: string | null } | null;
  reversedBy: { id: string; number: string | null } | null;
}

const LIST_COLUMNS = '*, lines:journal_lines(debit)';
const RECORD_COLUMNS = '*, lines:journal_lines(*, account:gl_accounts(id, code, name), partner:accounts(id, name))';

export async function fetchJournal(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<JournalFilter>,
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: JournalEntryRow[]; count: number }> {
  let query = supabase.from('journal_entries').select(LIST_COLUMNS, { count: 'exact' }).eq('org_id', orgId);
  const f = state.filters;
  if (f.status === 'draft' || f.status === 'posted') query = query.eq('status', f.status);
  if (f.source === 'documents') query = query.not('source_type', 'in', '(manual,reversal)');
  else if (f.source) query = query.eq('source_type', f.source);
  if (f.from) query = query.gte('entry_date', f.from);
  if (f.to) query = query.lte('entry_date', f.to);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof JOURNAL_SORTABLE)[number], { ascending: !rule.desc, nullsFirst: false });
  query = query.order('created_at', { ascending: false }).order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as JournalEntryRow[], count: count ?? data.length };
}

export function useJournal(orgId: string, state: ServerTableState<JournalFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...journalKey(orgId), 'list', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchJournal(supabase, orgId, state),
  });
}

export function useJournalEntry(orgId: string, id: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: journalEntryKey(orgId, id),
    queryFn: async (): Promise<JournalEntryRecord | null> => {
      const { data, error } = await supabase
        .from('journal_entries')
        .select(RECORD_COLUMNS)
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      if (!data) return null;
      const entry = data as unknown as JournalEntry & { lines: JournalLine[] };
      entry.lines.sort((a, b) => a.id - b.id);
      // Both directions of a reversal, in one request: the entry it reverses and the one reversing it.
      const related = [`reversal_of.eq.${id}`, ...(entry.reversal_of ? [`id.eq.${entry.reversal_of}`] : [])];
      const links = await supabase
        .from('journal_entries')
        .select('id, number, reversal_of')
        .eq('org_id', orgId)
        .or(related.join(','));
      if (links.error) throw toAppError(links.error);
      return {
        ...entry,
        reverses: links.data.find((e) => e.id === entry.reversal_of) ?? null,
        reversedBy: links.data.find((e) => e.reversal_of === id) ?? null,
      };
    },
  });
}

/** Customers and suppliers a line may name (the accounts table), for the partner picker. */
export function usePartnerChoices(orgId: string, enabled = true) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...accountingKey(orgId), 'partner-choices'],
    enabled,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('accounts')
        .select('id, name')
        .eq('org_id', orgId)
        .is('archived_at', null)
        .is('merged_into', null)
        .order('name')
        .limit(1000);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

function lineRows(orgId: string, entryId: string, lines: JournalEntryValues['lines']) {
  // Amounts go as the decimal strings typed (PostgREST casts them to numeric(18,2)); the generated
  // types say number because that is what PostgREST sends back.
  return lines.map((l) => ({
    org_id: orgId,
    entry_id: entryId,
    gl_account_id: l.gl_account_id,
    partner_id: l.partner_id,
    description: l.description,
    debit: (l.debit ?? '0') as unknown as number,
    credit: (l.credit ?? '0') as unknown as number,
  }));
}

export function useJournalMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: accountingKey(orgId) });

  async function post(entryId: string): Promise<JournalEntry> {
    const { data, error } = await supabase.rpc('post_journal_entry', { p_entry_id: entryId });
    if (error) throw toAppError(error);
    return data;
  }

  return {
    /**
     * Saves a manual entry as a draft (a new one, or the lines of an existing draft replaced) and,
     * with `post`, posts it. A new entry the database refuses to post is removed again, so a
     * second try does not leave a stray draft behind.
     */
    save: useMutation({
      mutationFn: async ({
        id,
        values,
        post: andPost,
      }: {
        id?: string;
        values: JournalEntryValues;
        post: boolean;
      }): Promise<JournalEntry & { created: boolean }> => {
        const header = { entry_date: values.entry_date, description: values.description };
        let entryId = id;
        if (entryId) {
          const updated = await supabase.from('journal_entries').update(header).eq('org_id', orgId).eq('id', entryId);
          if (updated.error) throw toAppError(updated.error);
          const cleared = await supabase.from('journal_lines').delete().eq('org_id', orgId).eq('entry_id', entryId);
          if (cleared.error) throw toAppError(cleared.error);
        } else {
          const created = await supabase
            .from('journal_entries')
            .insert({ ...header, org_id: orgId })
            .select('id')
            .single();
          if (created.error) throw toAppError(created.error);
          entryId = created.data.id;
        }
        try {
          const inserted = await supabase.from('journal_lines').insert(lineRows(orgId, entryId, values.lines));
          if (inserted.error) throw toAppError(inserted.error);
          if (andPost) return { ...(await post(entryId)), created: !id };
          const { data, error } = await supabase
            .from('journal_entries')
            .select('*')
            .eq('org_id', orgId)
            .eq('id', entryId)
            .single();
          if (error) throw toAppError(error);
          return { ...data, created: !id };
        } catch (error) {
          if (!id) await supabase.from('journal_entries').delete().eq('org_id', orgId).eq('id', entryId);
          throw error;
        }
      },
      onSettled: done,
    }),
    post: useMutation({ mutationFn: post, onSettled: done }),
    reverse: useMutation({
      mutationFn: async ({ entryId, date, reason }: { entryId: string; date: string; reason: string }) => {
        const { data, error } = await supabase.rpc('reverse_journal_entry', {
          p_entry_id: entryId,
          p_date: date,
          ...(reason ? { p_reason: reason } : {}),
        });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: done,
    }),
    removeDraft: useMutation({
      mutationFn: async (entryId: string) => {
        const { error } = await supabase.from('journal_entries').delete().eq('org_id', orgId).eq('id', entryId);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}
