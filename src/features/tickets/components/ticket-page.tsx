// One ticket: SLA state, status/priority/assignee, the comment thread (internal notes or
// replies e-mailed to the customer), and the customer's history.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import {
  useCustomerHistory,
  useTicket,
  useTicketMutations,
  type TicketPriority,
  type TicketStatus,
} from '../api/tickets.ts';
import { SlaBadge } from './sla-badge.tsx';

interface TicketPageProps {
  attachments?: (ticketId: string, canEdit: boolean) => ReactNode;
  timeline?: (ticketId: string) => ReactNode;
}

export function TicketPage({ attachments, timeline }: TicketPageProps) {
  const { ticketId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const ticket = useTicket(org.id, ticketId);
  const people = useOrgPeople(org.id);
  const history = useCustomerHistory(org.id, ticket.data?.account_id ?? null, ticketId);
  const { update, comment } = useTicketMutations(org.id);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const canWrite = can(role, 'tickets.write');

  if (ticket.isPending) return <LoadingState />;
  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => ticket.refetch()} />;
  if (!ticket.data)
    return <EmptyState title="Ticket not found" action={<Link to="/tickets">Back to the queue</Link>} />;
  const t = ticket.data;
  const change = (changes: { status?: TicketStatus; priority?: TicketPriority; assignee_id?: string | null }) =>
    update.mutate({ id: t.id, ...changes }, { onError: (e) => toast.error(errorMessage(e)) });

  return (
    <div className="grid gap-4">
      <Link to="/tickets" className="inline-flex items-center gap-1 text-sm text-muted hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" /> Queue
      </Link>
      <PageHeader title={`${t.number} · ${t.subject}`} description={<SlaBadge ticket={t} />} />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          <Card title="Conversation">
            {t.description && <p className="mb-4 text-sm whitespace-pre-wrap">{t.description}</p>}
            <ol className="grid gap-3">
              {t.comments.map((c) => (
                <li
                  key={c.id}
                  className={
                    c.is_internal
                      ? 'rounded-md border border-warning/40 bg-warning-soft p-3 text-sm'
                      : 'rounded-md border border-border p-3 text-sm'
                  }
                >
                  <div className="mb-1 flex justify-between text-xs text-muted">
                    <span>
                      {c.author?.full_name ?? 'Someone'} {c.is_internal ? '· internal note' : '· sent to the customer'}
                    </span>
                    <time dateTime={c.created_at}>{formatDateTime(c.created_at)}</time>
                  </div>
                  <p className="whitespace-pre-wrap">{c.body}</p>
                </li>
              ))}
            </ol>
            {canWrite && (
              <form
                className="mt-4 grid gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  comment.mutate(
                    { ticket_id: t.id, body: body.trim(), is_internal: internal },
                    {
                      onSuccess: () => setBody(''),
                      onError: (err) => toast.error(`Could not post: ${errorMessage(err)}`),
                    },
                  );
                }}
              >
                <label className="grid gap-1.5 text-sm font-semibold">
                  {internal
                    ? 'Internal note'
                    : t.contact?.email
                      ? `Reply to ${t.contact.email}`
                      : 'Reply (no contact e-mail: not sent)'}
                  <textarea
                    rows={4}
                    value={body}
                    onChange={(e) => setBody(e.target.value)}
                    className="rounded-md border border-border bg-surface px-3 py-2 font-normal"
                  />
                </label>
                <div className="flex items-center justify-between gap-2">
                  <label className="inline-flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4"
                      checked={internal}
                      onChange={(e) => setInternal(e.target.checked)}
                    />{' '}
                    Internal note
                  </label>
                  <Button type="submit" busy={comment.isPending} disabled={!body.trim()}>
                    {internal ? 'Add note' : 'Send reply'}
                  </Button>
                </div>
              </form>
            )}
          </Card>
        </div>
        <div className="grid content-start gap-4">
          <Card title="Ticket">
            <dl className="grid gap-3 text-sm">
              <div className="grid gap-1">
                <dt className="font-semibold">Status</dt>
                <dd>
                  <Select
                    aria-label="Status"
                    value={t.status}
                    disabled={!canWrite}
                    onValueChange={(v) => change({ status: v as TicketStatus })}
                    options={['new', 'open', 'pending', 'resolved', 'closed'].map((v) => ({
                      value: v,
                      label: v,
                      textValue: v,
                    }))}
                  />
                </dd>
              </div>
              <div className="grid gap-1">
                <dt className="font-semibold">Priority</dt>
                <dd>
                  <Select
                    aria-label="Priority"
                    value={t.priority}
                    disabled={!canWrite}
                    onValueChange={(v) => change({ priority: v as TicketPriority })}
                    options={['low', 'normal', 'high', 'urgent'].map((v) => ({ value: v, label: v, textValue: v }))}
                  />
                </dd>
              </div>
              <div className="grid gap-1">
                <dt className="font-semibold">Assignee</dt>
                <dd>
                  <Select
                    aria-label="Assignee"
                    value={t.assignee_id ?? 'nobody'}
                    disabled={!canWrite}
                    onValueChange={(v) => change({ assignee_id: v === 'nobody' ? null : v })}
                    options={[
                      { value: 'nobody', label: 'Nobody', textValue: 'Nobody' },
                      ...(people.data ?? []).map((p) => ({
                        value: p.id,
                        label: personName(p),
                        textValue: personName(p),
                      })),
                    ]}
                  />
                </dd>
              </div>
              <div>
                <dt className="font-semibold">First response due</dt>
                <dd>
                  {formatDateTime(t.first_response_due_at)}{' '}
                  {t.first_response_breached && <Badge tone="danger">breached</Badge>}
                </dd>
              </div>
              <div>
                <dt className="font-semibold">Resolution due</dt>
                <dd>
                  {formatDateTime(t.resolution_due_at)} {t.resolution_breached && <Badge tone="danger">breached</Badge>}
                </dd>
              </div>
              <div>
                <dt className="font-semibold">Customer</dt>
                <dd>
                  {t.account ? <Link to={`/accounts/${t.account.id}`}>{t.account.name}</Link> : '—'}
                  {t.contact && <div className="text-muted">{t.contact.full_name ?? t.contact.email}</div>}
                </dd>
              </div>
            </dl>
          </Card>
          {attachments?.(t.id, canWrite)}
          {timeline?.(t.id)}
          {t.account && (
            <Card title="Customer history">
              <h3 className="text-sm font-semibold">Other tickets</h3>
              <ul className="mb-3 grid gap-1 text-sm">
                {(history.data?.tickets ?? []).map((o) => (
                  <li key={o.id}>
                    <Link to={`/tickets/${o.id}`}>{o.number}</Link> {o.subject}{' '}
                    <span className="text-muted">({o.status})</span>
                  </li>
                ))}
                {history.data?.tickets.length === 0 && <li className="text-muted">None</li>}
              </ul>
              <h3 className="text-sm font-semibold">Deals</h3>
              <ul className="grid gap-1 text-sm">
                {(history.data?.deals ?? []).map((d) => (
                  <li key={d.id}>
                    <Link to={`/deals/${d.id}`}>{d.title}</Link> <span className="text-muted">({d.status})</span>
                  </li>
                ))}
                {history.data?.deals.length === 0 && <li className="text-muted">None</li>}
              </ul>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
