// Accounting → Journal: every entry, newest first, filtered by status, source and date range
// (in the URL) and paged on the server; number, date, description, source, status and total.
import { Link } from 'react-router';
import { Download, NotebookPen, Plus, SearchX } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { Input } from '@/components/input.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney, sumAmounts } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  fetchJournal,
  JOURNAL_SORTABLE,
  useJournal,
  type JournalEntryRow,
  type JournalFilter,
} from '../api/journal.ts';
import { JOURNAL_STATUS_LABELS, sourceLabel } from '../schemas/journal-entry.ts';
import { JournalStatusBadge } from './journal-status-badge.tsx';

const FILTER_KEYS: readonly JournalFilter[] = ['status', 'source', 'from', 'to'];
const DEFAULT_SORT = { id: 'entry_date', desc: true };

const entryTotal = (row: JournalEntryRow) => sumAmounts(row.lines.map((l) => l.debit));

function columns(currency: string) {
  const col = dataTableColumns<JournalEntryRow>();
  return [
    col.accessor('number', {
      header: 'Number',
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/accounting/journal/${row.original.id}`} className="font-medium hover:underline">
          {row.original.number ?? 'Draft'}
        </Link>
      ),
    }),
    col.accessor('entry_date', {
      header: 'Date',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.entry_date),
    }),
    col.accessor('description', { header: 'Description', meta: { className: 'max-w-96 truncate' } }),
    col.display({ id: 'source', header: 'Source', cell: ({ row }) => sourceLabel(row.original.source_type) }),
    col.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => <JournalStatusBadge status={row.original.status} />,
    }),
    col.display({
      id: 'total',
      header: 'Total',
      meta: { className: 'text-right' },
      cell: ({ row }) => <span className="tabular-nums">{formatMoney(entryTotal(row.original), currency)}</span>,
    }),
  ];
}

export function JournalPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<JournalFilter>({
    sortable: JOURNAL_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useJournal(org.id, table.state);
  const [exporting, setExporting] = useState(false);
  const canWrite = can(role, 'accounting.write');
  const f = table.state.filters;

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchJournal(supabase, org.id, table.state, { all: true });
      downloadCsv(`journal-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Number', value: (r) => r.number ?? 'Draft' },
        { header: 'Date', value: (r) => r.entry_date },
        { header: 'Description', value: (r) => r.description },
        { header: 'Source', value: (r) => sourceLabel(r.source_type) },
        { header: 'Status', value: (r) => JOURNAL_STATUS_LABELS[r.status] },
        { header: `Total (${org.base_currency})`, value: (r) => entryTotal(r).toFixed(2) },
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
        title="Journal"
        description={`Every entry in the books, in ${org.base_currency}. Posted entries are corrected by reversing them.`}
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <Button size="sm" asChild>
                <Link to="/accounting/journal/new">
                  <Plus className="size-4" aria-hidden="true" /> New entry
                </Link>
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Journal entries"
        columns={columns(org.base_currency)}
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
            <label className="grid gap-1 text-xs text-muted">
              Status
              <Select
                size="sm"
                value={f.status ?? 'all'}
                onValueChange={(v) => table.setFilter('status', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All', textValue: 'All' },
                  { value: 'draft', label: 'Draft', textValue: 'Draft' },
                  { value: 'posted', label: 'Posted', textValue: 'Posted' },
                ]}
                className="w-32"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              Source
              <Select
                size="sm"
                value={f.source ?? 'all'}
                onValueChange={(v) => table.setFilter('source', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'Any', textValue: 'Any' },
                  { value: 'manual', label: 'Manual', textValue: 'Manual' },
                  { value: 'reversal', label: 'Reversal', textValue: 'Reversal' },
                  { value: 'documents', label: 'Documents (invoices, bills…)', textValue: 'Documents' },
                ]}
                className="w-48"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              From
              <Input
                type="date"
                className="min-h-8 w-40 py-1 text-sm"
                value={f.from ?? ''}
                max={f.to}
                onChange={(e) => table.setFilter('from', e.target.value || null)}
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              To
              <Input
                type="date"
                className="min-h-8 w-40 py-1 text-sm"
                value={f.to ?? ''}
                min={f.from}
                onChange={(e) => table.setFilter('to', e.target.value || null)}
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : NotebookPen}
            title={table.hasFilters ? 'No entries match' : 'No journal entries yet'}
            description={
              table.hasFilters ? undefined : 'Documents post here as they are confirmed; manual entries are added here.'
            }
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
