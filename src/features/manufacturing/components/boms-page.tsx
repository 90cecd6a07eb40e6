// Bills of materials as a list: the product each builds, name, version, output quantity, how
// many components, default/archived; filters (active / archived / all, a product) in the URL.
// (BOMs are not in the Realtime publication; the list is read again after every save here.)
import { Link } from 'react-router';
import { ListTree, Plus, SearchX } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDateTime } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import { BOM_SORTABLE, useBoms, useStockedProducts, type BomFilter, type BomRow } from '../api/boms.ts';
import { formatQuantity } from '../api/format.ts';

const FILTER_KEYS: readonly BomFilter[] = ['status', 'product'];
const DEFAULT_SORT = { id: 'name', desc: false };

function columns() {
  const col = dataTableColumns<BomRow>();
  return [
    col.display({
      id: 'product',
      header: 'Product',
      cell: ({ row }) => (
        <span>
          <span className="font-medium">{row.original.product?.name}</span>
          <span className="block text-xs text-muted">{row.original.product?.sku}</span>
        </span>
      ),
    }),
    col.accessor('name', {
      header: 'Bill of materials',
      enableSorting: true,
      cell: ({ row }) => (
        <span className="inline-flex flex-wrap items-center gap-2">
          <Link to={`/manufacturing/boms/${row.original.id}`} className="font-medium hover:underline">
            {row.original.name}
          </Link>
          {row.original.is_default && <Badge tone="info">Default</Badge>}
          {!row.original.is_active && <Badge tone="warning">Archived</Badge>}
        </span>
      ),
    }),
    col.accessor('version', {
      header: 'Version',
      enableSorting: true,
      meta: { className: 'text-right' },
      cell: ({ row }) => <span className="tabular-nums">{row.original.version}</span>,
    }),
    col.display({
      id: 'output',
      header: 'Makes',
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">
          {formatQuantity(row.original.output_quantity)} {row.original.product?.uom}
        </span>
      ),
    }),
    col.display({
      id: 'components',
      header: 'Components',
      meta: { className: 'text-right' },
      cell: ({ row }) => <span className="tabular-nums">{row.original.lines.length}</span>,
    }),
    col.accessor('updated_at', {
      header: 'Changed',
      enableSorting: true,
      meta: { className: 'hidden md:table-cell' },
      cell: ({ row }) => formatDateTime(row.original.updated_at),
    }),
  ];
}

export function BomsPage() {
  const { org, role } = useCurrentOrg();
  const table = useServerTableState<BomFilter>({
    sortable: BOM_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useBoms(org.id, table.state);
  const products = useStockedProducts(org.id);
  const canWrite = can(role, 'manufacturing.write');

  return (
    <>
      <PageHeader
        title="Bills of materials"
        description="What each manufactured product is made of, level by level."
        actions={
          canWrite && (
            <Button size="sm" asChild>
              <Link to="/manufacturing/boms/new">
                <Plus className="size-4" aria-hidden="true" /> New bill of materials
              </Link>
            </Button>
          )
        }
      />
      <DataTable
        caption="Bills of materials"
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
              Show
              <Select
                size="sm"
                value={table.state.filters.status ?? 'active'}
                onValueChange={(v) => table.setFilter('status', v === 'active' ? null : v)}
                options={[
                  { value: 'active', label: 'Active', textValue: 'Active' },
                  { value: 'archived', label: 'Archived', textValue: 'Archived' },
                  { value: 'all', label: 'All', textValue: 'All' },
                ]}
                className="w-36"
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
            icon={table.hasFilters ? SearchX : ListTree}
            title={table.hasFilters ? 'No bills of materials match' : 'No bills of materials yet'}
            description={
              table.hasFilters ? undefined : 'Say what goes into a product; production orders are planned from it.'
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
