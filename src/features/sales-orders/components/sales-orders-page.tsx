// Sales orders as a list: newest first, filters by status, customer name and order date (in
// the URL), the total (exact sums of the database's line amounts), CSV export of the filtered
// list, and new orders. Live: orders confirmed or delivered elsewhere show without a reload.
import { useState } from 'react';
import { Link } from 'react-router';
import { Download, Plus, SearchX, ShoppingCart } from 'lucide-react';
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
import { storedTotals } from '../api/amounts.ts';
import {
  fetchSalesOrders,
  SO_SORTABLE,
  useSalesOrders,
  type SalesOrderRow,
  type SoFilter,
} from '../api/sales-orders.ts';
import { SO_STATUS_LABELS } from '../schemas/sales-order.ts';
import { NewSalesOrderDialog } from './new-sales-order-dialog.tsx';
import { SoStatusBadge } from './so-status-badge.tsx';

const FILTER_KEYS: readonly SoFilter[] = ['status', 'customer', 'from', 'to'];
const DEFAULT_SORT = { id: 'order_date', desc: true };

function columns() {
  const col = dataTableColumns<SalesOrderRow>();
  return [
    col.accessor('number', {
      header: 'Number',
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/sales-orders/${row.original.id}`} className="font-medium hover:underline">
          {row.original.number ?? 'Draft'}
        </Link>
      ),
    }),
    col.display({ id: 'customer', header: 'Customer', cell: ({ row }) => row.original.customer?.name ?? '—' }),
    col.accessor('order_date', {
      header: 'Ordered',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.order_date),
    }),
    col.accessor('promised_date', {
      header: 'Promised',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.promised_date),
    }),
    col.display({ id: 'status', header: 'Status', cell: ({ row }) => <SoStatusBadge status={row.original.status} /> }),
    col.display({
      id: 'total',
      header: 'Total',
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">
          {formatMoney(storedTotals(row.original.lines).gross, row.original.currency)}
        </span>
      ),
    }),
  ];
}

export function SalesOrdersPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<SoFilter>({
    sortable: SO_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useSalesOrders(org.id, table.state);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canWrite = can(role, 'salesOrders.write');
  const f = table.state.filters;

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchSalesOrders(supabase, org.id, table.state, { all: true });
      downloadCsv(`sales-orders-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Number', value: (r) => r.number ?? 'Draft' },
        { header: 'Customer', value: (r) => r.customer?.name },
        { header: 'Status', value: (r) => SO_STATUS_LABELS[r.status] },
        { header: 'Order date', value: (r) => r.order_date },
        { header: 'Promised date', value: (r) => r.promised_date },
        { header: 'Warehouse', value: (r) => r.warehouse?.code },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Net', value: (r) => storedTotals(r.lines).net.toFixed(2) },
        { header: 'Tax', value: (r) => storedTotals(r.lines).tax.toFixed(2) },
        { header: 'Total', value: (r) => storedTotals(r.lines).gross.toFixed(2) },
        { header: 'Customer reference', value: (r) => r.customer_reference },
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
        title="Sales orders"
        description="Customer orders, from draft to delivered; stock is reserved when an order is confirmed."
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> New order
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Sales orders"
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
          <div className="flex flex-wrap items-end gap-2">
            <label className="grid gap-1 text-xs text-muted">
              Status
              <Select
                size="sm"
                value={f.status ?? 'all'}
                onValueChange={(v) => table.setFilter('status', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All', textValue: 'All' },
                  { value: 'open', label: 'Open (to deliver)', textValue: 'Open' },
                  ...Object.entries(SO_STATUS_LABELS).map(([value, label]) => ({ value, label, textValue: label })),
                ]}
                className="w-48"
              />
            </label>
            <SearchInput
              label="Customer"
              value={f.customer ?? ''}
              onChange={(v) => table.setFilter('customer', v || null)}
              placeholder="Customer name…"
              className="w-56"
            />
            <label className="grid gap-1 text-xs text-muted">
              Ordered from
              <Input
                type="date"
                className="h-8 w-40"
                value={f.from ?? ''}
                onChange={(e) => table.setFilter('from', e.target.value || null)}
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              Ordered until
              <Input
                type="date"
                className="h-8 w-40"
                value={f.to ?? ''}
                onChange={(e) => table.setFilter('to', e.target.value || null)}
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : ShoppingCart}
            title={table.hasFilters ? 'No sales orders match' : 'No sales orders yet'}
            description={
              table.hasFilters ? undefined : 'Create one here, or from a won deal; deliveries and invoices follow it.'
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
      {creating && <NewSalesOrderDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
