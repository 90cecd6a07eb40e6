// The support queue: open tickets sorted by what breaches next, with breach badges,
// filters, CSV export and new tickets. Live: changes anywhere in the org refresh it. Dashboards
// link here with created-between, assignee and SLA-outcome filters (removable chips), and the
// count of the matching tickets reads the number clicked through.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Download, LifeBuoy, Plus } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { dateRangeChip, FilterChips, type FilterChip } from '@/components/filter-chips.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { useUser } from '@/lib/session.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  SLA_FILTERS,
  TICKET_STATUS_CHOICES,
  ticketStatusFilter,
  useTicketMutations,
  useTicketQueue,
  type QueueRow,
  type TicketFilter,
  type TicketPriority,
} from '../api/tickets.ts';
import { SlaBadge } from './sla-badge.tsx';

const PRIORITY_TONES = { low: 'neutral', normal: 'info', high: 'warning', urgent: 'danger' } as const;

const col = dataTableColumns<QueueRow>();
const columns = [
  col.display({
    id: 'subject',
    header: 'Ticket',
    cell: ({ row }) => (
      <Link to={`/tickets/${row.original.id}`} className="font-medium hover:underline">
        <span className="text-muted">{row.original.number}</span> {row.original.subject}
      </Link>
    ),
  }),
  col.display({
    id: 'priority',
    header: 'Priority',
    cell: ({ row }) => <Badge tone={PRIORITY_TONES[row.original.priority]}>{row.original.priority}</Badge>,
  }),
  col.display({ id: 'status', header: 'Status', cell: ({ row }) => row.original.status }),
  col.display({ id: 'sla', header: 'SLA', cell: ({ row }) => <SlaBadge ticket={row.original} /> }),
  col.display({ id: 'created', header: 'Opened', cell: ({ row }) => formatDateTime(row.original.created_at) }),
];

export function TicketsPage() {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const navigate = useNavigate();
  const table = useServerTableState<TicketFilter>({
    sortable: [],
    defaultSort: { id: 'next_breach_at', desc: false },
    filterKeys: ['q', 'status', 'priority', 'assignee', 'breached', 'sla', 'created_from', 'created_to'],
  });
  const queue = useTicketQueue(org.id, table.state, { userId: user.id, timeZone: org.time_zone });
  const people = useOrgPeople(org.id);
  const f = table.state.filters;
  const status = ticketStatusFilter(f);
  const chips: FilterChip[] = [];
  const created = dateRangeChip('Created', f.created_from, f.created_to);
  if (created)
    chips.push({
      id: 'created',
      ...created,
      onRemove: () => {
        table.setFilter('created_from', null);
        table.setFilter('created_to', null);
      },
    });
  if (f.assignee && f.assignee !== 'me') {
    const person = people.data?.find((p) => p.id === f.assignee);
    chips.push({
      id: 'assignee',
      label: `Assignee: ${person ? personName(person) : people.data ? 'someone no longer here' : '…'}`,
      onRemove: () => table.setFilter('assignee', null),
    });
  }
  if (f.sla)
    chips.push({
      id: 'sla',
      label: SLA_FILTERS[f.sla as keyof typeof SLA_FILTERS] ?? `SLA: “${f.sla}” is not a filter (ignored)`,
      invalid: !(f.sla in SLA_FILTERS),
      onRemove: () => table.setFilter('sla', null),
    });
  const { create } = useTicketMutations(org.id);
  const [creating, setCreating] = useState(false);
  const [subject, setSubject] = useState('');
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const canWrite = can(role, 'tickets.write');

  return (
    <>
      <PageHeader
        title="Support tickets"
        description="Sorted by what breaches its SLA next."
        actions={
          <>
            <Button
              size="sm"
              variant="secondary"
              onClick={() =>
                downloadCsv(`tickets-${new Date().toISOString().slice(0, 10)}`, queue.data?.rows ?? [], [
                  { header: 'Number', value: (r) => r.number },
                  { header: 'Subject', value: (r) => r.subject },
                  { header: 'Status', value: (r) => r.status },
                  { header: 'Priority', value: (r) => r.priority },
                  { header: 'Opened', value: (r) => r.created_at },
                  { header: 'First response due', value: (r) => r.first_response_due_at },
                  { header: 'Resolution due', value: (r) => r.resolution_due_at },
                  { header: 'Breached', value: (r) => r.first_response_breached || r.resolution_breached },
                ])
              }
            >
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> New ticket
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Tickets"
        columns={columns}
        rows={queue.data?.rows}
        rowCount={queue.data?.count}
        getRowId={(r) => r.id}
        sorting={[]}
        onSortingChange={() => undefined}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={queue}
        toolbar={
          <div className="grid w-full gap-3">
            <div className="flex flex-wrap items-end gap-2">
              <SearchInput
                label="Search tickets"
                value={table.state.filters.q ?? ''}
                onChange={(v) => table.setFilter('q', v)}
                placeholder="Subject or number…"
                className="w-56"
              />
              <label className="grid gap-1 text-xs text-muted">
                Status
                <Select
                  size="sm"
                  value={status}
                  onValueChange={(v) =>
                    table.setFilter('status', v === ticketStatusFilter({ ...f, status: undefined }) ? null : v)
                  }
                  options={TICKET_STATUS_CHOICES.map((v) => {
                    const label =
                      v === 'open' ? 'Unresolved' : v === 'in_progress' ? 'Open' : v[0]!.toUpperCase() + v.slice(1);
                    return { value: v, label, textValue: label };
                  })}
                  className="w-32"
                />
              </label>
              <label className="grid gap-1 text-xs text-muted">
                Priority
                <Select
                  size="sm"
                  value={table.state.filters.priority ?? 'any'}
                  onValueChange={(v) => table.setFilter('priority', v === 'any' ? null : v)}
                  options={['any', 'urgent', 'high', 'normal', 'low'].map((v) => ({
                    value: v,
                    label: v === 'any' ? 'Any' : v,
                    textValue: v,
                  }))}
                  className="w-28"
                />
              </label>
              <Button
                size="sm"
                variant={table.state.filters.assignee === 'me' ? 'primary' : 'secondary'}
                onClick={() => table.setFilter('assignee', table.state.filters.assignee === 'me' ? null : 'me')}
              >
                Mine
              </Button>
              <Button
                size="sm"
                variant={table.state.filters.breached === 'yes' ? 'primary' : 'secondary'}
                onClick={() => table.setFilter('breached', table.state.filters.breached === 'yes' ? null : 'yes')}
              >
                Breached
              </Button>
            </div>
            <FilterChips chips={chips} onClearAll={table.clearFilters} />
            {queue.data && (
              <p role="status" className="text-sm font-semibold">
                {queue.data.count} {queue.data.count === 1 ? 'ticket' : 'tickets'}
              </p>
            )}
          </div>
        }
        empty={<EmptyState icon={LifeBuoy} title={table.hasFilters ? 'No tickets match' : 'No open tickets'} />}
      />
      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="New ticket"
        footer={
          <>
            <Button variant="secondary" onClick={() => setCreating(false)}>
              Cancel
            </Button>
            <Button type="submit" form="new-ticket" busy={create.isPending} disabled={!subject.trim()}>
              Create ticket
            </Button>
          </>
        }
      >
        <form
          id="new-ticket"
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              {
                subject: subject.trim(),
                description: null,
                priority,
                channel: 'phone',
                account_id: null,
                contact_id: null,
              },
              {
                onSuccess: (id) => {
                  setCreating(false);
                  setSubject('');
                  navigate(`/tickets/${id}`);
                },
                onError: (err) => toast.error(`Could not create the ticket: ${errorMessage(err)}`),
              },
            );
          }}
        >
          <TextField label="Subject" value={subject} onChange={(e) => setSubject(e.target.value)} autoFocus />
          <label className="grid gap-1.5 text-sm font-semibold">
            Priority
            <Select
              value={priority}
              onValueChange={(v) => setPriority(v as TicketPriority)}
              options={['low', 'normal', 'high', 'urgent'].map((v) => ({ value: v, label: v, textValue: v }))}
            />
          </label>
        </form>
      </Dialog>
    </>
  );
}
