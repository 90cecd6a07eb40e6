// Production orders as a list: number (planned orders have none yet), product and quantity,
// status, planned date, warehouse, and the unit cost of what was produced; filters by status and
// product in the URL; live over Realtime (orders started or completed elsewhere show at once).
// ?new=<product>[&bom=<bom>] opens the planning dialog for that product (from a BOM's page).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Factory, ListTree, Plus, SearchX } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import { formatQuantity, formatUnitCost } from '../api/format.ts';
import {
  PRODUCTION_SORTABLE,
  useBuildableProducts,
  useProductionOrders,
  type ProductionOrderFilter,
  type ProductionOrderRow,
} from '../api/production-orders.ts';
import { PRODUCTION_STATUS_LABELS } from '../schemas/production-order.ts';
import { NewProductionOrderDialog } from './new-production-order-dialog.tsx';
import { ProductionStatusBadge } from './production-status.tsx';

const FILTER_KEYS: readonly ProductionOrderFilter[] = ['status', 'product'];
const DEFAULT_SORT = { id: 'planned_date', desc: true };

function columns(currency: string) {
  const col = dataTableColumns<ProductionOrderRow>();
  return [
    col.accessor('number', {
      header: 'Number',
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/manufacturing/orders/${row.original.id}`} className="font-medium hover:underline">
          {row.original.number ?? 'Planned order'}
        </Link>
      ),
    }),
    col.display({
      id: 'product',
      header: 'Product',
      cell: ({ row }) => (
        <span>
          {row.original.product?.name}
          <span className="block text-xs text-muted">{row.original.product?.sku}</span>
        </span>
      ),
    }),
    col.display({
      id: 'quantity',
      header: 'Quantity',
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">
          {formatQuantity(row.original.produced_quantity ?? row.original.quantity)} {row.original.product?.uom}
        </span>
      ),
    }),
    col.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => <ProductionStatusBadge status={row.original.status} />,
    }),
    col.accessor('planned_date', {
      header: 'Planned',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.planned_date),
    }),
    col.display({
      id: 'warehouse',
      header: 'Warehouse',
      meta: { className: 'hidden md:table-cell' },
      cell: ({ row }) => row.original.warehouse?.code ?? '—',
    }),
    col.display({
      id: 'unit_cost',
      header: 'Unit cost',
      meta: { className: 'text-right' },
      cell: ({ row }) => <span className="tabular-nums">{formatUnitCost(row.original.unit_cost, currency)}</span>,
    }),
  ];
}

export function ProductionOrdersPage() {
  const { org, role } = useCurrentOrg();
  const table = useServerTableState<ProductionOrderFilter>({
    sortable: PRODUCTION_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useProductionOrders(org.id, table.state);
  const products = useBuildableProducts(org.id);
  const canWrite = can(role, 'manufacturing.write');
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const [creating, setCreating] = useState(false);
  const linked = params.get('new');
  const open = creating || (canWrite && !!linked);

  function setOpen(next: boolean) {
    setCreating(next);
    if (!next && linked)
      update((p) => {
        p.delete('new');
        p.delete('bom');
      });
  }

  return (
    <>
      <PageHeader
        title="Production orders"
        description="Planned, in progress and done: components out and finished goods in through the stock ledger."
        actions={
          <>
            <Button size="sm" variant="secondary" asChild>
              <Link to="/manufacturing/boms">
                <ListTree className="size-4" aria-hidden="true" /> Bills of materials
              </Link>
            </Button>
            {canWrite && (
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> Plan production
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Production orders"
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
                value={table.state.filters.status ?? 'all'}
                onValueChange={(v) => table.setFilter('status', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All', textValue: 'All' },
                  { value: 'open', label: 'Open (planned or in progress)', textValue: 'Open' },
                  ...Object.entries(PRODUCTION_STATUS_LABELS).map(([value, label]) => ({
                    value,
                    label,
                    textValue: label,
                  })),
                ]}
                className="w-52"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              Product
              <Select
                size="sm"
                value={table.state.filters.product ?? 'all'}
                onValueChange={(v) => table.setFilter('product', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'Any', textValue: 'Any' },
                  ...(products.data ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.sku} · ${p.name}`,
                    textValue: `${p.sku} ${p.name}`,
                  })),
                ]}
                className="w-64"
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : Factory}
            title={table.hasFilters ? 'No production orders match' : 'No production orders yet'}
            description={
              table.hasFilters ? undefined : 'Plan one from a product’s bill of materials, then start and complete it.'
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
      {open && (
        <NewProductionOrderDialog
          open={open}
          onOpenChange={setOpen}
          productId={creating ? '' : (linked ?? '')}
          bomId={creating ? '' : (params.get('bom') ?? '')}
        />
      )}
    </>
  );
}
