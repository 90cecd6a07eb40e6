// Stock levels of the org: on hand, reserved and available per product and warehouse, as the
// database derives them from the ledger. Live: a movement anywhere updates the row within a
// second and the changed figures flash.
import { useState } from 'react';
import { Link } from 'react-router';
import { Boxes, Download, ScanLine } from 'lucide-react';
import { buttonClasses } from '@/components/button.tsx';
import { Button } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { formatRelative } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { useStockLevels, useWarehouses } from '../api/stock.ts';

export function StockPage() {
  const { org, role } = useCurrentOrg();
  const warehouses = useWarehouses(org.id);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const { levels, changed, levelKey } = useStockLevels(org.id, warehouseId, search);

  return (
    <>
      <PageHeader
        title="Stock"
        description="On hand, reserved and available, live from the stock ledger."
        actions={
          <>
            <Button
              size="sm"
              variant="secondary"
              onClick={() =>
                downloadCsv(`stock-${new Date().toISOString().slice(0, 10)}`, levels.data ?? [], [
                  { header: 'SKU', value: (l) => l.product?.sku },
                  { header: 'Product', value: (l) => l.product?.name },
                  { header: 'Warehouse', value: (l) => l.warehouse?.code },
                  { header: 'On hand', value: (l) => l.on_hand },
                  { header: 'Reserved', value: (l) => l.reserved },
                  { header: 'Available', value: (l) => l.available },
                  { header: 'Unit', value: (l) => l.product?.uom },
                ])
              }
            >
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {can(role, 'stock.move') && (
              <Link to="/stock/floor" className={buttonClasses('primary', 'sm')}>
                <ScanLine className="size-4" aria-hidden="true" /> Floor operations
              </Link>
            )}
          </>
        }
      />
      <div className="mb-3 flex flex-wrap items-end gap-2" role="search" aria-label="Filter stock">
        <SearchInput
          label="Search stock"
          value={search}
          onChange={setSearch}
          placeholder="SKU, name or barcode…"
          className="w-64"
        />
        <label className="grid gap-1 text-xs text-muted">
          Warehouse
          <Select
            size="sm"
            value={warehouseId ?? 'all'}
            onValueChange={(v) => setWarehouseId(v === 'all' ? null : v)}
            options={[
              { value: 'all', label: 'All warehouses', textValue: 'All warehouses' },
              ...(warehouses.data ?? []).map((w) => ({
                value: w.id,
                label: `${w.code} · ${w.name}`,
                textValue: w.code,
              })),
            ]}
            className="w-48"
          />
        </label>
      </div>
      {levels.isPending ? (
        <LoadingState label="Loading stock…" />
      ) : levels.isError ? (
        <ErrorState error={levels.error} onRetry={() => levels.refetch()} />
      ) : levels.data.length === 0 ? (
        <EmptyState icon={Boxes} title={search ? 'No stock matches' : 'No stock yet'} />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-surface">
          <table className="w-full text-sm">
            <caption className="sr-only">Stock levels</caption>
            <thead className="border-b border-border text-left text-xs text-muted">
              <tr>
                <th className="px-3 py-2 font-semibold">Product</th>
                <th className="px-3 py-2 font-semibold">Warehouse</th>
                <th className="px-3 py-2 text-right font-semibold">On hand</th>
                <th className="px-3 py-2 text-right font-semibold">Reserved</th>
                <th className="px-3 py-2 text-right font-semibold">Available</th>
                <th className="px-3 py-2 font-semibold">Last movement</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {levels.data.map((l) => {
                const k = levelKey(l);
                return (
                  <tr key={k} data-level={k}>
                    <td className="px-3 py-2">
                      <Link to={`/products/${l.product_id}`} className="font-medium">
                        {l.product?.name}
                      </Link>
                      <span className="block text-xs text-muted">{l.product?.sku}</span>
                    </td>
                    <td className="px-3 py-2">{l.warehouse?.code}</td>
                    <td className="px-3 py-2 text-right">
                      <LiveQuantity value={l.on_hand} changedAt={changed[k]} />
                    </td>
                    <td className="px-3 py-2 text-right">
                      <LiveQuantity value={l.reserved} changedAt={changed[k]} />
                    </td>
                    <td className="px-3 py-2 text-right font-semibold">
                      <LiveQuantity value={l.available} changedAt={changed[k]} uom={l.product?.uom} warnBelowZero />
                    </td>
                    <td className="px-3 py-2 text-muted">{formatRelative(l.last_movement_at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
