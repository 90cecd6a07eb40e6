// Payments in and out: number, direction, partner, date, amount, how much is allocated to
// documents and what is left as credit or advance; filters in the URL, CSV export, live;
// "Record payment" for those who may.
import { useState } from 'react';
import { Link } from 'react-router';
import { Banknote, Download, Plus, SearchX } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { Input } from '@/components/input.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import { big } from '../api/amounts.ts';
import { fetchPayments, PAYMENT_SORTABLE, usePayments, type PaymentFilter, type PaymentRow } from '../api/payments.ts';
import { RecordPaymentDialog } from './record-payment-dialog.tsx';

const FILTER_KEYS: readonly PaymentFilter[] = ['direction', 'partner', 'from', 'to', 'q'];
const DEFAULT_SORT = { id: 'payment_date', desc: true };

const unallocated = (p: PaymentRow) => big(p.amount).minus(big(p.allocated_amount));

function columns() {
  const col = dataTableColumns<PaymentRow>();
  return [
    col.accessor('number', { header: 'Number', enableSorting: true, cell: ({ row }) => row.original.number }),
    col.display({
      id: 'direction',
      header: 'Direction',
      cell: ({ row }) =>
        row.original.direction === 'incoming' ? <Badge tone="success">In</Badge> : <Badge tone="info">Out</Badge>,
    }),
    col.display({
      id: 'partner',
      header: 'Partner',
      cell: ({ row }) =>
        row.original.account ? (
          <Link to={`/accounts/${row.original.account.id}`} className="hover:underline">
            {row.original.account.name}
          </Link>
        ) : (
          '—'
        ),
    }),
    col.accessor('payment_date', {
      header: 'Date',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.payment_date),
    }),
    col.accessor('amount', {
      header: 'Amount',
      enableSorting: true,
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">{formatMoney(row.original.amount, row.original.currency)}</span>
      ),
    }),
    col.display({
      id: 'allocated',
      header: 'Allocated',
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">{formatMoney(row.original.allocated_amount, row.original.currency)}</span>
      ),
    }),
    col.display({
      id: 'unallocated',
      header: 'Unallocated',
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">{formatMoney(unallocated(row.original), row.original.currency)}</span>
      ),
    }),
    col.display({
      id: 'reference',
      header: 'Reference',
      cell: ({ row }) => row.original.reference ?? '—',
    }),
  ];
}

export function PaymentsPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<PaymentFilter>({
    sortable: PAYMENT_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = usePayments(org.id, table.state);
  const [recording, setRecording] = useState(false);
  const [exporting, setExporting] = useState(false);
  const f = table.state.filters;

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchPayments(supabase, org.id, table.state, { all: true });
      downloadCsv(`payments-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Number', value: (r) => r.number },
        { header: 'Direction', value: (r) => r.direction },
        { header: 'Partner', value: (r) => r.account?.name },
        { header: 'Date', value: (r) => r.payment_date },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Amount', value: (r) => big(r.amount).toFixed(2) },
        { header: 'Allocated', value: (r) => big(r.allocated_amount).toFixed(2) },
        { header: 'Unallocated', value: (r) => unallocated(r).toFixed(2) },
        { header: 'Bank account', value: (r) => (r.bank ? `${r.bank.code} ${r.bank.name}` : '') },
        { header: 'Reference', value: (r) => r.reference },
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
        title="Payments"
        description="Money received from customers and paid to suppliers; what is not allocated stays as credit."
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {can(role, 'payments.write') && (
              <Button size="sm" onClick={() => setRecording(true)}>
                <Plus className="size-4" aria-hidden="true" /> Record payment
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Payments"
        columns={columns()}
        rows={list.data?.rows}
        rowCount={list.data?.count}
        getRowId={(row) => row.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={list}
        toolbar={
          <div className="flex flex-wrap items-end gap-3">
            <SearchInput
              label="Search payments"
              value={f.q ?? ''}
              onChange={(v) => table.setFilter('q', v || null)}
              placeholder="Number or reference…"
            />
            <label className="grid gap-1 text-xs text-muted">
              Direction
              <Select
                size="sm"
                aria-label="Filter by direction"
                value={f.direction ?? 'all'}
                onValueChange={(v) => table.setFilter('direction', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'In and out', textValue: 'In and out' },
                  { value: 'incoming', label: 'Incoming (customers)', textValue: 'Incoming' },
                  { value: 'outgoing', label: 'Outgoing (suppliers)', textValue: 'Outgoing' },
                ]}
                className="w-48"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              From
              <Input
                type="date"
                className="min-h-8 text-sm"
                value={f.from ?? ''}
                onChange={(e) => table.setFilter('from', e.target.value || null)}
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              To
              <Input
                type="date"
                className="min-h-8 text-sm"
                value={f.to ?? ''}
                onChange={(e) => table.setFilter('to', e.target.value || null)}
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : Banknote}
            title={table.hasFilters ? 'No payments match' : 'No payments yet'}
            description={table.hasFilters ? undefined : 'Record what customers pay and what you pay suppliers.'}
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
      {recording && <RecordPaymentDialog open={recording} onOpenChange={setRecording} />}
    </>
  );
}
