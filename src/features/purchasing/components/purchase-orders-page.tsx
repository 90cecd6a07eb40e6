// Purchase orders as a list: newest first, filters by status and supplier (in the URL), the
// total and how much has arrived, CSV export of the filtered list, and new orders. Live.
import { useState } from 'react';
import { Link } from 'react-router';
import { BarChart3, ClipboardList, Download, Plus, SearchX } from 'lucide-react';
import { Button } from '@/components/button.tsx';
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
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import { receivedPercent, storedTotals } from '../api/amounts.ts';
import {
  fetchPurchaseOrders,
  PO_SORTABLE,
  usePurchaseOrders,
  useSupplierChoices,
  type PoFilter,
  type PurchaseOrderRow,
} from '../api/purchase-orders.ts';
import { PO_STATUS_LABELS } from '../schemas/purchase-order.ts';
import { NewPurchaseOrderDialog } from './new-purchase-order-dialog.tsx';
import { PoStatusBadge } from './po-status-badge.tsx';

const FILTER_KEYS: readonly PoFilter[] = ['status', 'supplier'];
const DEFAULT_SORT = { id: 'order_date', desc: true };

function columns() {
  const col = dataTableColumns<PurchaseOrderRow>();
  return [
    col.accessor('number', {
      header: 'Number',
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/purchase-orders/${row.original.id}`} className="font-medium hover:underline">
          {row.original.number ?? 'Draft'}
        </Link>
      ),
    }),
    col.display({ id: 'supplier', header: 'Supplier', cell: ({ row }) => row.original.supplier?.name ?? '—' }),
    col.display({ id: 'status', header: 'Status', cell: ({ row }) => <PoStatusBadge status={row.original.status} /> }),
    col.accessor('order_date', {
      header: 'Ordered',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.order_date),
    }),
    col.accessor('expected_date', {
      header: 'Expected',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.expected_date),
    }),
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
    col.display({
      id: 'received',
      header: 'Received',
      meta: { className: 'text-right' },
      cell: ({ row }) => <span className="tabular-nums">{receivedPercent(row.original.lines)}%</span>,
    }),
  ];
}

export function PurchaseOrdersPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<PoFilter>({
    sortable: PO_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = usePurchaseOrders(org.id, table.state);
  const suppliers = useSupplierChoices(org.id);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canWrite = can(role, 'purchasing.write');

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchPurchaseOrders(supabase, org.id, table.state, { all: true });
      downloadCsv(`purchase-orders-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Number', value: (r) => r.number ?? 'Draft' },
        { header: 'Supplier', value: (r) => r.supplier?.name },
        { header: 'Status', value: (r) => PO_STATUS_LABELS[r.status] },
        { header: 'Order date', value: (r) => r.order_date },
        { header: 'Expected date', value: (r) => r.expected_date },
        { header: 'Warehouse', value: (r) => r.warehouse?.code },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Net', value: (r) => storedTotals(r.lines).net.toFixed(2) },
        { header: 'Tax', value: (r) => storedTotals(r.lines).tax.toFixed(2) },
        { header: 'Total', value: (r) => storedTotals(r.lines).gross.toFixed(2) },
        { header: 'Received %', value: (r) => receivedPercent(r.lines) },
        { header: 'Supplier reference', value: (r) => r.supplier_reference },
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
        title="Purchase orders"
        description="Orders to suppliers, from draft to received and billed."
        actions={
          <>
            <Button size="sm" variant="secondary" asChild>
              <Link to="/suppliers/performance">
                <BarChart3 className="size-4" aria-hidden="true" /> Supplier performance
              </Link>
            </Button>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> New purchase order
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Purchase orders"
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
                value={table.state.filters.status ?? 'all'}
                onValueChange={(v) => table.setFilter('status', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All', textValue: 'All' },
                  { value: 'open', label: 'Open (awaiting goods)', textValue: 'Open' },
                  ...Object.entries(PO_STATUS_LABELS).map(([value, label]) => ({ value, label, textValue: label })),
                ]}
                className="w-48"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              Supplier
              <Select
                size="sm"
                value={table.state.filters.supplier ?? 'all'}
                onValueChange={(v) => table.setFilter('supplier', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'Any', textValue: 'Any' },
                  ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name, textValue: s.name })),
                ]}
                className="w-56"
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : ClipboardList}
            title={table.hasFilters ? 'No purchase orders match' : 'No purchase orders yet'}
            description={table.hasFilters ? undefined : 'Order from a supplier; receipts and bills follow the order.'}
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
      {creating && <NewPurchaseOrderDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
