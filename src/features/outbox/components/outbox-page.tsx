import { useMemo } from 'react';
import { FilterX, Send, SearchX } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDateTime, formatRelative } from '@/lib/format.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  EMAIL_STATUSES,
  OUTBOX_SORTABLE,
  useOutbox,
  type EmailStatus,
  type OutboxFilter,
  type OutboxMessage,
} from '@/features/outbox/api/outbox.ts';

const FILTER_KEYS: readonly OutboxFilter[] = ['status'];
const DEFAULT_SORT = { id: 'created_at', desc: true };

const STATUS_LABELS: Record<EmailStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};
const STATUS_TONES: Record<EmailStatus, BadgeTone> = {
  queued: 'neutral',
  sending: 'info',
  sent: 'success',
  failed: 'danger',
};

const column = dataTableColumns<OutboxMessage>();
const columns = column.columns([
  column.accessor('created_at', {
    header: 'Queued',
    enableSorting: true,
    meta: { className: 'whitespace-nowrap' },
    cell: ({ getValue }) => formatDateTime(getValue()),
  }),
  column.accessor('to_email', {
    header: 'To',
    cell: ({ getValue }) => <span className="break-all">{getValue()}</span>,
  }),
  column.accessor('subject', {
    header: 'Subject',
    meta: { className: 'min-w-48' },
    cell: ({ row }) => (
      <div className="grid">
        <span>{row.original.subject}</span>
        {row.original.template && <span className="text-xs text-muted">{row.original.template}</span>}
      </div>
    ),
  }),
  column.accessor('status', {
    header: 'Status',
    enableSorting: true,
    cell: ({ row }) => {
      const message = row.original;
      return (
        <div className="grid gap-1">
          <Badge tone={STATUS_TONES[message.status]}>{STATUS_LABELS[message.status]}</Badge>
          {message.status === 'sent' && message.sent_at && (
            <span className="text-xs text-muted">{formatDateTime(message.sent_at)}</span>
          )}
          {message.status === 'failed' && (
            <span className="text-xs text-muted">Next try {formatRelative(message.next_attempt_at)}</span>
          )}
        </div>
      );
    },
  }),
  column.accessor('attempts', {
    header: 'Attempts',
    enableSorting: true,
    meta: { className: 'text-right tabular-nums' },
  }),
  column.accessor('last_error', {
    header: 'Last error',
    meta: { className: 'hidden max-w-xs lg:table-cell' },
    cell: ({ getValue }) => {
      const error = getValue();
      return error ? (
        <span className="line-clamp-2 text-xs break-words text-danger" title={error}>
          {error}
        </span>
      ) : (
        <span className="text-muted">—</span>
      );
    },
  }),
]);

export function OutboxPage() {
  const { org } = useCurrentOrg();
  const table = useServerTableState<OutboxFilter>({
    sortable: OUTBOX_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const outbox = useOutbox(org.id, table.state);
  const statusOptions = useMemo(
    () => [
      { value: 'all', label: 'All statuses' },
      ...EMAIL_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
    ],
    [],
  );

  return (
    <>
      <PageHeader
        title="E-mail outbox"
        description="Every e-mail Ledgerline sends for this organisation, and whether it was delivered. Failed messages are retried with growing delays."
      />
      <DataTable
        caption="E-mail outbox"
        columns={columns}
        rows={outbox.data?.rows}
        rowCount={outbox.data?.count}
        getRowId={(message) => message.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={outbox}
        toolbar={
          <div className="w-44">
            <Select
              aria-label="Filter by status"
              value={table.state.filters.status ?? 'all'}
              onValueChange={(value) => table.setFilter('status', value === 'all' ? null : value)}
              options={statusOptions}
            />
          </div>
        }
        empty={
          table.hasFilters ? (
            <EmptyState
              icon={SearchX}
              title="No e-mails with this status"
              action={
                <Button variant="secondary" onClick={table.clearFilters}>
                  <FilterX className="size-4" aria-hidden="true" />
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={Send}
              title="No e-mails yet"
              description="Invitations, invoices and alerts appear here when they are sent."
            />
          )
        }
      />
    </>
  );
}
