// The same deals as the board, as a sortable, paged table with the board's filters,
// exportable as CSV.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Download, KanbanSquare, SearchX } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { Button, buttonClasses } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { useOrgPeople } from '@/lib/org-people.ts';
import { useUser } from '@/lib/session.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import { DEAL_SORTABLE, fetchDealList, useDealList, type DealFilter, type DealListRow } from '../api/deals.ts';
import { BoardFilterBar } from './board-filters.tsx';

const FILTER_KEYS: readonly DealFilter[] = [
  'q',
  'owner',
  'status',
  'pipeline',
  'tag',
  'close_from',
  'close_to',
  'min',
  'max',
];
const DEFAULT_SORT = { id: 'created_at', desc: true };
const STATUS_TONES: Record<DealListRow['status'], BadgeTone> = { open: 'info', won: 'success', lost: 'danger' };

const col = dataTableColumns<DealListRow>();
const columns = [
  col.accessor('title', {
    header: 'Deal',
    enableSorting: true,
    cell: ({ row }) => (
      <Link to={`/deals/${row.original.id}`} className="font-medium hover:underline">
        {row.original.title}
      </Link>
    ),
  }),
  col.display({ id: 'account', header: 'Customer', cell: ({ row }) => row.original.account?.name ?? '—' }),
  col.display({ id: 'stage', header: 'Stage', cell: ({ row }) => row.original.stage?.name ?? '—' }),
  col.accessor('status', {
    header: 'Status',
    cell: ({ row }) => <Badge tone={STATUS_TONES[row.original.status]}>{row.original.status}</Badge>,
  }),
  col.accessor('amount', {
    header: 'Amount',
    enableSorting: true,
    cell: ({ row }) => <span className="tabular-nums">{formatMoney(row.original.amount, row.original.currency)}</span>,
  }),
  col.accessor('expected_close_date', {
    header: 'Expected close',
    enableSorting: true,
    cell: ({ row }) => formatDate(row.original.expected_close_date),
  }),
  col.display({ id: 'owner', header: 'Owner', cell: ({ row }) => row.original.owner?.full_name ?? '—' }),
];

export function DealListPage() {
  const { org } = useCurrentOrg();
  const user = useUser();
  const supabase = useSupabase();
  const people = useOrgPeople(org.id);
  const [params] = useSearchParams();
  const table = useServerTableState<DealFilter>({
    sortable: DEAL_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  // "owner=me" in the URL (shared with the board) means the signed-in user.
  const state = useMemo(
    () => ({
      ...table.state,
      filters: {
        ...table.state.filters,
        owner: table.state.filters.owner === 'me' ? user.id : table.state.filters.owner,
      },
    }),
    [table.state, user.id],
  );
  const list = useDealList(org.id, state);
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchDealList(supabase, org.id, state, { all: true });
      downloadCsv(`deals-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Deal', value: (r) => r.title },
        { header: 'Customer', value: (r) => r.account?.name },
        { header: 'Pipeline', value: (r) => r.pipeline?.name },
        { header: 'Stage', value: (r) => r.stage?.name },
        { header: 'Status', value: (r) => r.status },
        { header: 'Amount', value: (r) => r.amount },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Expected close', value: (r) => r.expected_close_date },
        { header: 'Closed at', value: (r) => r.closed_at },
        { header: 'Owner', value: (r) => r.owner?.full_name },
        { header: 'Tags', value: (r) => r.tags.join(', ') },
      ]);
    } catch (error) {
      toast.error(`Could not export: ${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Deals"
        actions={
          <>
            <Link to={`/deals?${params.toString()}`} className={buttonClasses('secondary', 'sm')}>
              <KanbanSquare className="size-4" aria-hidden="true" /> Board
            </Link>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
          </>
        }
      />
      <DataTable
        caption="Deals"
        columns={columns}
        rows={list.data?.rows}
        rowCount={list.data?.count}
        getRowId={(row) => row.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={list}
        toolbar={
          <div className="flex flex-wrap items-end gap-2">
            <BoardFilterBar people={people.data ?? []} />
            <label className="grid gap-1 text-xs text-muted">
              Status
              <Select
                size="sm"
                value={table.state.filters.status ?? 'any'}
                onValueChange={(v) => table.setFilter('status', v === 'any' ? null : v)}
                options={[
                  { value: 'any', label: 'Any', textValue: 'Any' },
                  { value: 'open', label: 'Open', textValue: 'Open' },
                  { value: 'won', label: 'Won', textValue: 'Won' },
                  { value: 'lost', label: 'Lost', textValue: 'Lost' },
                ]}
                className="w-28"
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={SearchX}
            title={table.hasFilters ? 'No deals match these filters' : 'No deals yet'}
            action={
              table.hasFilters ? (
                <Button variant="secondary" onClick={table.clearFilters}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        }
      />
    </>
  );
}
