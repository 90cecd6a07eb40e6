import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import type { Database } from '@/lib/database.types.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { pageRange, type ServerTableState } from '@/lib/table-state.ts';

export type EmailStatus = Database['public']['Enums']['email_status'];
export type OutboxMessage = Pick<
  Database['public']['Tables']['email_outbox']['Row'],
  | 'id'
  | 'to_email'
  | 'subject'
  | 'status'
  | 'attempts'
  | 'last_error'
  | 'template'
  | 'created_at'
  | 'sent_at'
  | 'next_attempt_at'
>;

export type OutboxFilter = 'status';
export const OUTBOX_SORTABLE = ['created_at', 'status', 'attempts'] as const;
export const EMAIL_STATUSES: readonly EmailStatus[] = ['queued', 'sending', 'sent', 'failed'];

export function useOutbox(orgId: string, state: ServerTableState<OutboxFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...orgKey(orgId), 'outbox', state],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      let query = supabase
        .from('email_outbox')
        .select('id, to_email, subject, status, attempts, last_error, template, created_at, sent_at, next_attempt_at', {
          count: 'exact',
        })
        .eq('org_id', orgId);
      if (state.filters.status) query = query.eq('status', state.filters.status as EmailStatus);
      for (const rule of state.sorting) {
        query = query.order(rule.id as (typeof OUTBOX_SORTABLE)[number], { ascending: !rule.desc });
      }
      query = query.order('id', { ascending: true });
      const [from, to] = pageRange(state);
      const { data, error, count } = await query.range(from, to);
      if (error) throw toAppError(error);
      return { rows: data as OutboxMessage[], count: count ?? data.length };
    },
  });
}
