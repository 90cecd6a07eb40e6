// Support tickets: the queue (sorted by what breaches next, with breach flags computed
// by the database), the ticket with its comment thread, and the customer's history.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { ilikeContains, isoDateParam, pageRange, zonedDayStart, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';

export type TicketStatus = Database['public']['Enums']['ticket_status'];
export type TicketPriority = Database['public']['Enums']['ticket_priority'];
export const ticketsKey = (orgId: string) => [...orgKey(orgId), 'tickets'] as const;
export type TicketFilter =
  'q' | 'status' | 'priority' | 'assignee' | 'breached' | 'sla' | 'created_from' | 'created_to';

/** The queue's status choices: `open` is every ticket not yet resolved; `in_progress` the state "open". */
export const TICKET_STATUS_CHOICES = ['open', 'all', 'new', 'in_progress', 'pending', 'resolved', 'closed'] as const;
const UNRESOLVED: TicketStatus[] = ['new', 'open', 'pending'];

/**
 * The status the queue shows: the one in the URL (`active`, its old name, is `open`), else open
 * tickets; but tickets created between two days (the dashboards' click-through) are shown in every
 * status, as the support figures count every ticket created then.
 */
export function ticketStatusFilter(f: ServerTableState<TicketFilter>['filters']): string {
  if (f.status === 'active') return 'open';
  if (f.status) return f.status;
  return f.created_from || f.created_to ? 'all' : 'open';
}

/** SLA outcomes the queue filters on, as support_kpis counts them (ticket_queue's breach flags). */
export const SLA_FILTERS = {
  breached: 'Breached an SLA target',
  met: 'Met both SLA targets',
  response_breached: 'First response breached',
  resolution_breached: 'Resolution breached',
} as const;

export interface QueueRow {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assignee_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  created_at: string;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_responded_at: string | null;
  resolved_at: string | null;
  first_response_breached: boolean;
  resolution_breached: boolean;
  next_breach_at: string | null;
}

export function useTicketQueue(
  orgId: string,
  state: ServerTableState<TicketFilter>,
  { userId, timeZone }: { userId: string; timeZone: string },
) {
  const supabase = useSupabase();
  // Live: any change to the org's tickets refetches the visible page.
  useLiveRefetch('tickets', `org_id=eq.${orgId}`, ticketsKey(orgId));
  return useQuery({
    queryKey: [...ticketsKey(orgId), 'queue', state, userId, timeZone],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      let q = supabase.from('ticket_queue').select('*', { count: 'exact' }).eq('org_id', orgId).is('archived_at', null);
      const f = state.filters;
      if (f.q?.trim()) q = q.or(`subject.ilike.${ilikeContains(f.q.trim())},number.ilike.${ilikeContains(f.q.trim())}`);
      const status = ticketStatusFilter(f);
      if (status === 'open') q = q.in('status', UNRESOLVED);
      else if (status === 'in_progress') q = q.eq('status', 'open');
      else if (status !== 'all') q = q.eq('status', status as TicketStatus);
      if (f.priority) q = q.eq('priority', f.priority as TicketPriority);
      if (f.assignee === 'me') q = q.eq('assignee_id', userId);
      else if (f.assignee) q = q.eq('assignee_id', f.assignee);
      const createdFrom = isoDateParam(f.created_from);
      const createdTo = isoDateParam(f.created_to);
      if (createdFrom) q = q.gte('created_at', zonedDayStart(createdFrom, timeZone));
      if (createdTo) q = q.lt('created_at', zonedDayStart(createdTo, timeZone, { nextDay: true }));
      if (f.breached === 'yes' || f.sla === 'breached')
        q = q.or('first_response_breached.eq.true,resolution_breached.eq.true');
      else if (f.sla === 'response_breached') q = q.eq('first_response_breached', true);
      else if (f.sla === 'resolution_breached') q = q.eq('resolution_breached', true);
      else if (f.sla === 'met')
        // Both targets met: responded and resolved, neither late (no due time counts as met).
        q = q
          .not('first_responded_at', 'is', null)
          .not('resolved_at', 'is', null)
          .eq('first_response_breached', false)
          .eq('resolution_breached', false);
      q = q.order('next_breach_at', { ascending: true, nullsFirst: false }).order('created_at', { ascending: true });
      const [from, to] = pageRange(state);
      const { data, error, count } = await q.range(from, to);
      if (error) throw toAppError(error);
      return { rows: data as unknown as QueueRow[], count: count ?? data.length };
    },
  });
}

export interface TicketDetail extends QueueRow {
  description: string | null;
  channel: 'email' | 'phone' | 'web' | 'chat';
  account: { id: string; name: string } | null;
  contact: { id: string; full_name: string | null; email: string | null } | null;
  comments: {
    id: string;
    body: string;
    is_internal: boolean;
    created_at: string;
    author: { full_name: string | null } | null;
  }[];
}

export function useTicket(orgId: string, id: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...ticketsKey(orgId), 'record', id],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('ticket_queue')
        .select('*')
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      if (!data) return null;
      const [{ data: comments, error: cErr }, account, contact] = await Promise.all([
        supabase
          .from('ticket_comments')
          .select('id, body, is_internal, created_at, author:profiles(full_name)')
          .eq('ticket_id', id)
          .order('created_at'),
        data.account_id
          ? supabase.from('accounts').select('id, name').eq('id', data.account_id).maybeSingle()
          : Promise.resolve({ data: null }),
        data.contact_id
          ? supabase.from('contacts').select('id, full_name, email').eq('id', data.contact_id).maybeSingle()
          : Promise.resolve({ data: null }),
      ]);
      if (cErr) throw toAppError(cErr);
      return {
        ...(data as unknown as QueueRow),
        comments,
        account: account.data,
        contact: contact.data,
      } as unknown as TicketDetail;
    },
  });
}

/** The customer's other tickets and open deals, shown beside a ticket. */
export function useCustomerHistory(orgId: string, accountId: string | null, ticketId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...ticketsKey(orgId), 'history', accountId],
    enabled: !!accountId,
    queryFn: async () => {
      const [tickets, deals] = await Promise.all([
        supabase
          .from('tickets')
          .select('id, number, subject, status, created_at')
          .eq('org_id', orgId)
          .eq('account_id', accountId!)
          .neq('id', ticketId)
          .order('created_at', { ascending: false })
          .limit(10),
        supabase
          .from('deals')
          .select('id, title, amount, currency, status')
          .eq('org_id', orgId)
          .eq('account_id', accountId!)
          .order('created_at', { ascending: false })
          .limit(10),
      ]);
      if (tickets.error) throw toAppError(tickets.error);
      if (deals.error) throw toAppError(deals.error);
      return { tickets: tickets.data, deals: deals.data };
    },
  });
}

export function useTicketMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: ticketsKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: {
        subject: string;
        description: string | null;
        priority: TicketPriority;
        channel: 'email' | 'phone' | 'web' | 'chat';
        account_id: string | null;
        contact_id: string | null;
      }) => {
        const { data, error } = await supabase
          .from('tickets')
          .insert({ ...values, org_id: orgId })
          .select('id')
          .single();
        if (error) throw toAppError(error);
        return data.id;
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: async ({
        id,
        ...changes
      }: {
        id: string;
        status?: TicketStatus;
        priority?: TicketPriority;
        assignee_id?: string | null;
      }) => {
        const { error } = await supabase.from('tickets').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    comment: useMutation({
      mutationFn: async (values: { ticket_id: string; body: string; is_internal: boolean }) => {
        const { error } = await supabase.from('ticket_comments').insert({ ...values, org_id: orgId });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}
