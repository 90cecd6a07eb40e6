// Invoices and credit notes as a list: number, kind, customer, dates, total, what is still due
// and the payment status (invoice_balances), filtered in the URL (status, customer, overdue,
// dates), exported as CSV, live; "New invoice" for those who may issue them. The line above the
// table adds up every matching document (invoice_list_totals): the finance dashboard's overdue
// tile links to status=overdue and reads the same count and amount.
import { useState } from 'react';
import { Link } from 'react-router';
import { Download, FileText, Plus, SearchX } from 'lucide-react';
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
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  fetchInvoices,
  INVOICE_SORTABLE,
  useInvoiceTotals,
  useInvoices,
  type InvoiceFilter,
  type InvoiceListRow,
} from '../api/invoices.ts';
import { KIND_LABELS, PAYMENT_STATUS_LABELS } from '../schemas/invoicing.ts';
import { NewInvoiceDialog } from './new-invoice-dialog.tsx';
import { PartnerPicker } from './partner-picker.tsx';
import { PaymentStatusBadge } from './payment-status-badge.tsx';

const FILTER_KEYS: readonly InvoiceFilter[] = ['status', 'customer', 'overdue', 'from', 'to', 'kind'];
const DEFAULT_SORT = { id: 'invoice_date', desc: true };

const STATUS_OPTIONS = [
  { value: 'all', label: 'All' },
  { value: 'unpaid', label: 'Unpaid (open, partly paid, overdue)' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'paid', label: 'Paid' },
  { value: 'posted', label: 'Posted' },
  { value: 'draft', label: 'Draft' },
  { value: 'cancelled', label: 'Cancelled' },
];

function columns() {
  const col = dataTableColumns<InvoiceListRow>();
  return [
    col.accessor('number', {
      header: 'Number',
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/invoices/${row.original.id}`} className="font-medium hover:underline">
          {row.original.number ?? 'Draft'}
        </Link>
      ),
    }),
    col.display({ id: 'kind', header: 'Kind', cell: ({ row }) => KIND_LABELS[row.original.kind] }),
    col.display({ id: 'customer', header: 'Customer', cell: ({ row }) => row.original.account_name ?? '—' }),
    col.accessor('invoice_date', {
      header: 'Date',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.invoice_date),
    }),
    col.accessor('due_date', {
      header: 'Due',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.due_date),
    }),
    col.accessor('total', {
      header: 'Total',
      enableSorting: true,
      meta: { className: 'text-right' },
      cell: ({ row }) => <span className="tabular-nums">{formatMoney(row.original.total, row.original.currency)}</span>,
    }),
    col.accessor('amount_due', {
      header: 'Amount due',
      enableSorting: true,
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">{formatMoney(row.original.amount_due, row.original.currency)}</span>
      ),
    }),
    col.display({
      id: 'payment_status',
      header: 'Status',
      cell: ({ row }) => <PaymentStatusBadge status={row.original.payment_status} />,
    }),
  ];
}

export function InvoicesPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<InvoiceFilter>({
    sortable: INVOICE_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useInvoices(org.id, table.state);
  const totals = useInvoiceTotals(org.id, table.state.filters);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const f = table.state.filters;

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchInvoices(supabase, org.id, table.state, { all: true });
      downloadCsv(`invoices-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Number', value: (r) => r.number ?? 'Draft' },
        { header: 'Kind', value: (r) => KIND_LABELS[r.kind] },
        { header: 'Customer', value: (r) => r.account_name },
        { header: 'Date', value: (r) => r.invoice_date },
        { header: 'Due date', value: (r) => r.due_date },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Total', value: (r) => r.total.toFixed(2) },
        { header: 'Paid', value: (r) => r.amount_paid.toFixed(2) },
        { header: 'Amount due', value: (r) => r.amount_due.toFixed(2) },
        { header: 'Status', value: (r) => PAYMENT_STATUS_LABELS[r.payment_status] ?? r.payment_status },
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
        title="Invoices"
        description="Invoices and credit notes, what each still owes and whether it is paid."
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {can(role, 'invoices.write') && (
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> New invoice
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Invoices"
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
          <div className="grid w-full gap-3">
            <div className="flex flex-wrap items-end gap-3">
              <label className="grid gap-1 text-xs text-muted">
                Status
                <Select
                  size="sm"
                  aria-label="Filter by status"
                  value={f.status ?? 'all'}
                  onValueChange={(v) => table.setFilter('status', v === 'all' ? null : v)}
                  options={STATUS_OPTIONS.map((o) => ({ ...o, textValue: o.label }))}
                  className="w-56"
                />
              </label>
              <label className="grid gap-1 text-xs text-muted">
                Kind
                <Select
                  size="sm"
                  aria-label="Filter by kind"
                  value={f.kind ?? 'all'}
                  onValueChange={(v) => table.setFilter('kind', v === 'all' ? null : v)}
                  options={[
                    { value: 'all', label: 'All', textValue: 'All' },
                    { value: 'invoice', label: 'Invoices', textValue: 'Invoices' },
                    { value: 'credit_note', label: 'Credit notes', textValue: 'Credit notes' },
                  ]}
                  className="w-36"
                />
              </label>
              <PartnerPicker
                orgId={org.id}
                role="customer"
                label="Customer"
                value={f.customer ?? null}
                onChange={(p) => table.setFilter('customer', p?.id ?? null)}
                allowAny
                className="flex flex-wrap items-end gap-2"
              />
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
              <label className="flex min-h-8 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={f.overdue === 'yes'}
                  onChange={(e) => table.setFilter('overdue', e.target.checked ? 'yes' : null)}
                />
                Overdue only
              </label>
            </div>
            {list.data && (
              <p role="status" className="text-sm text-muted">
                <span className="font-semibold text-foreground">
                  {list.data.count} {list.data.count === 1 ? 'document' : 'documents'}
                </span>
                {totals.isError
                  ? ` · amount due not available: ${errorMessage(totals.error)}`
                  : totals.data?.currency &&
                    ` · ${formatMoney(totals.data.amount_due, totals.data.currency)} still due`}
              </p>
            )}
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : FileText}
            title={table.hasFilters ? 'No invoices match' : 'No invoices yet'}
            description={
              table.hasFilters ? undefined : 'Invoice a confirmed sales order, or bill a customer for lines you enter.'
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
      {creating && <NewInvoiceDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
