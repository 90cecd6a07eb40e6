// The product catalogue as a list: search (SKU, name, barcode), filters in the URL, sort, available
// stock summed over warehouses, CSV export of the filtered list, CSV import (all rows or none,
// existing SKUs updated) and new products.
import { useState } from 'react';
import { Link } from 'react-router';
import { Download, Package, Plus, SearchX, Upload } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { CsvImportDialog } from '@/components/csv-import-dialog.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  fetchProducts,
  PRODUCT_SORTABLE,
  totalAvailable,
  useImportProducts,
  useProducts,
  useSaveProduct,
  type ProductFilter,
  type ProductRow,
} from '../api/products.ts';
import { PRODUCT_IMPORT_FIELDS, PRODUCT_KIND_LABELS, productImportRow } from '../schemas/product.ts';
import { ProductForm } from './product-form.tsx';

const FILTER_KEYS: readonly ProductFilter[] = ['q', 'kind', 'show'];
const DEFAULT_SORT = { id: 'sku', desc: false };

const col = dataTableColumns<ProductRow>();
const columns = [
  col.accessor('sku', {
    header: 'SKU',
    enableSorting: true,
    cell: ({ row }) => (
      <Link to={`/products/${row.original.id}`} className="font-mono font-medium hover:underline">
        {row.original.sku}
      </Link>
    ),
  }),
  col.accessor('name', { header: 'Name', enableSorting: true }),
  col.accessor('kind', {
    header: 'Kind',
    enableSorting: true,
    cell: ({ row }) => PRODUCT_KIND_LABELS[row.original.kind],
  }),
  col.display({ id: 'uom', header: 'Unit', cell: ({ row }) => row.original.uom }),
  col.accessor('sale_price', {
    header: 'Sale price',
    enableSorting: true,
    meta: { className: 'text-right' },
    cell: ({ row }) => formatMoney(row.original.sale_price, row.original.currency),
  }),
  col.accessor('cost', {
    header: 'Avg. cost',
    enableSorting: true,
    meta: { className: 'text-right' },
    cell: ({ row }) => formatMoney(row.original.cost, row.original.currency),
  }),
  col.display({
    id: 'available',
    header: 'Available',
    meta: { className: 'text-right' },
    cell: ({ row }) =>
      row.original.kind === 'service' ? (
        <span className="text-muted">—</span>
      ) : (
        <span data-testid="available">
          {totalAvailable(row.original).toString()} {row.original.uom}
        </span>
      ),
  }),
  col.display({
    id: 'active',
    header: 'Status',
    cell: ({ row }) =>
      row.original.archived_at ? (
        <Badge tone="warning">Archived</Badge>
      ) : row.original.active ? (
        <Badge tone="success">Active</Badge>
      ) : (
        <Badge>Inactive</Badge>
      ),
  }),
];

export function ProductsPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<ProductFilter>({
    sortable: PRODUCT_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useProducts(org.id, table.state);
  const importer = useImportProducts(org.id);
  const save = useSaveProduct(org.id);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canWrite = can(role, 'products.write');
  const canSetPrices = can(role, 'prices.manage');

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchProducts(supabase, org.id, table.state, { all: true });
      // The import reads these headers back (an edited export updates the products by SKU).
      downloadCsv(`products-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'SKU', value: (r) => r.sku },
        { header: 'Name', value: (r) => r.name },
        { header: 'Kind', value: (r) => r.kind },
        { header: 'Unit of measure', value: (r) => r.uom },
        { header: 'Barcode', value: (r) => r.barcode },
        { header: 'Sale price', value: (r) => r.sale_price },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Cost', value: (r) => r.cost },
        { header: 'Tax rate', value: (r) => r.tax_rate?.name },
        { header: 'Preferred supplier', value: (r) => r.supplier?.name },
        { header: 'Available', value: (r) => (r.kind === 'service' ? '' : totalAvailable(r).toString()) },
        { header: 'Active', value: (r) => (r.active ? 'yes' : 'no') },
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
        title="Products"
        description="The catalogue: what you sell, buy and keep in stock, with prices, costs and stock on hand."
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <>
                <Button size="sm" variant="secondary" onClick={() => setImporting(true)}>
                  <Upload className="size-4" aria-hidden="true" /> Import CSV
                </Button>
                <Button size="sm" onClick={() => setCreating(true)}>
                  <Plus className="size-4" aria-hidden="true" /> New product
                </Button>
              </>
            )}
          </>
        }
      />
      <DataTable
        caption="Products"
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
            <SearchInput
              label="Search products"
              value={table.state.filters.q ?? ''}
              onChange={(v) => table.setFilter('q', v)}
              placeholder="SKU, name, barcode…"
              className="w-64"
            />
            <label className="grid gap-1 text-xs text-muted">
              Kind
              <Select
                size="sm"
                value={table.state.filters.kind ?? 'all'}
                onValueChange={(v) => table.setFilter('kind', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All kinds', textValue: 'All kinds' },
                  ...(['stocked', 'consumable', 'service'] as const).map((k) => ({
                    value: k,
                    label: PRODUCT_KIND_LABELS[k],
                    textValue: PRODUCT_KIND_LABELS[k],
                  })),
                ]}
                className="w-36"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              Show
              <Select
                size="sm"
                value={table.state.filters.show ?? 'active'}
                onValueChange={(v) => table.setFilter('show', v === 'active' ? null : v)}
                options={[
                  { value: 'active', label: 'Active', textValue: 'Active' },
                  { value: 'inactive', label: 'Inactive', textValue: 'Inactive' },
                  { value: 'all', label: 'Active and inactive', textValue: 'Active and inactive' },
                  { value: 'archived', label: 'Archived', textValue: 'Archived' },
                ]}
                className="w-44"
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : Package}
            title={table.hasFilters ? 'No products match' : 'No products yet'}
            description={table.hasFilters ? undefined : 'Add what you sell and buy, or import it from a CSV file.'}
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
      <CsvImportDialog
        open={importing}
        onOpenChange={setImporting}
        title="Import products"
        noun="products"
        fields={PRODUCT_IMPORT_FIELDS}
        rowSchema={productImportRow}
        onImport={(rows) => importer.mutateAsync(rows)}
      />
      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="New product"
        size="lg"
        footer={
          <>
            <Button variant="secondary" onClick={() => setCreating(false)}>
              Cancel
            </Button>
            <Button type="submit" form="new-product">
              Create product
            </Button>
          </>
        }
      >
        <ProductForm
          formId="new-product"
          canEdit
          canSetPrices={canSetPrices}
          onSave={async (values) => {
            await save.mutateAsync({ values });
            toast.success(`Product “${values.sku}” created`);
            setCreating(false);
          }}
        />
      </Dialog>
    </>
  );
}
