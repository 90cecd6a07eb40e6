import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import type { Database, Json } from '@/lib/database.types.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { pageRange, type ServerTableState } from '@/lib/table-state.ts';

export type AuditEntry = Database['public']['Tables']['audit_log']['Row'];

export type AuditFilter = 'table' | 'action' | 'actor' | 'from' | 'to';
export const AUDIT_SORTABLE = ['created_at'] as const;
export const AUDIT_ACTIONS = ['INSERT', 'UPDATE', 'DELETE', 'ERASE'] as const;
/** Tables of this issue that write to the audit log; later issues add theirs. */
export const AUDITED_TABLES = ['organizations', 'memberships', 'invitations', 'profiles'] as const;

export interface AuditPage {
  rows: AuditEntry[];
  count: number;
  /** Names of the people on this page (actors and member rows), by user id. */
  people: Map<string, Person>;
}

export interface Person {
  id: string;
  full_name: string | null;
  email: string | null;
}

const auditKey = (orgId: string) => [...orgKey(orgId), 'audit-log'] as const;

/** Start of a local calendar day ("2026-03-01") as an ISO instant, for timestamptz comparisons. */
export function startOfLocalDay(day: string, plusDays = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function useAuditLog(orgId: string, state: ServerTableState<AuditFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...auditKey(orgId), state],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<AuditPage> => {
      const { table, action, actor, from, to } = state.filters;
      let query = supabase.from('audit_log').select('*', { count: 'exact' }).eq('org_id', orgId);
      if (table) query = query.eq('table_name', table);
      if (action) query = query.eq('action', action);
      if (actor) query = query.eq('actor_id', actor);
      const fromInstant = from ? startOfLocalDay(from) : null;
      // "To" is inclusive: everything before the start of the next day.
      const toInstant = to ? startOfLocalDay(to, 1) : null;
      if (fromInstant) query = query.gte('created_at', fromInstant);
      if (toInstant) query = query.lt('created_at', toInstant);
      for (const rule of state.sorting) query = query.order('created_at', { ascending: !rule.desc });
      query = query.order('id', { ascending: state.sorting[0]?.desc === false });
      const [first, last] = pageRange(state);
      const { data, error, count } = await query.range(first, last);
      if (error) throw toAppError(error);

      const ids = new Set<string>();
      for (const row of data) {
        if (row.actor_id) ids.add(row.actor_id);
        if (row.table_name === 'memberships' || row.table_name === 'profiles') ids.add(row.row_id);
      }
      const people = new Map<string, Person>();
      if (ids.size > 0) {
        const found = await supabase
          .from('profiles')
          .select('id, full_name, email')
          .in('id', [...ids]);
        if (found.error) throw toAppError(found.error);
        for (const person of found.data) people.set(person.id, person);
      }
      return { rows: data, count: count ?? data.length, people };
    },
  });
}

/**
 * People to filter by. RLS shows the profiles of everyone who shares an organisation with the caller,
 * which may include people of the user's other organisations; they simply match no rows here.
 */
export function usePeople(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...orgKey(orgId), 'people'],
    queryFn: async (): Promise<Person[]> => {
      const { data, error } = await supabase
        .from('profiles')
        .select('id, full_name, email')
        .order('full_name', { ascending: true, nullsFirst: false })
        .limit(500);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export interface ColumnChange {
  column: string;
  old: Json | undefined;
  new: Json | undefined;
}

/** The changed columns of an entry: `changes` is {column: {old, new}}. */
export function changedColumns(entry: Pick<AuditEntry, 'changes'>): ColumnChange[] {
  const changes = entry.changes;
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes).map(([column, value]) => {
    const pair = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    return { column, old: pair.old, new: pair.new };
  });
}

export function formatValue(value: Json | undefined): string {
  if (value === undefined || value === null) return '∅';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

// Keys, timestamps and secrets say little in one line (the Record column names the row); the details
// dialog still shows every column.
const HIDDEN_IN_SUMMARY = new Set([
  'id',
  'org_id',
  'user_id',
  'created_at',
  'updated_at',
  'token_hash',
  'created_by',
  'invited_by',
]);

/** One line for the table: what changed, e.g. "role: sales → manager". */
export function summarizeEntry(entry: Pick<AuditEntry, 'action' | 'changes'>): string {
  if (entry.action === 'ERASE') return 'Personal data erased';
  const changes = changedColumns(entry).filter((change) => !HIDDEN_IN_SUMMARY.has(change.column));
  if (entry.action === 'DELETE') {
    const role = changes.find((change) => change.column === 'role');
    return role ? `Removed (was ${formatValue(role.old)})` : 'Deleted';
  }
  const shown = changes
    .slice(0, 3)
    .map((change) =>
      entry.action === 'INSERT'
        ? `${change.column}: ${formatValue(change.new)}`
        : `${change.column}: ${formatValue(change.old)} → ${formatValue(change.new)}`,
    );
  const more = changes.length - shown.length;
  return (
    shown.join('; ') + (more > 0 ? `; and ${more} more` : '') || (entry.action === 'INSERT' ? 'Created' : 'Changed')
  );
}
