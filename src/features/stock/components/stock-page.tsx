// Stock levels of the org: on hand, reserved and available per product and warehouse, as the
// database derives them from the ledger. Live: a movement anywhere updates the row within a
// second and the changed figures flash. The warehouse and availability (out of stock, below the
// reorder point) are in the URL: the inventory dashboard links here, and the count above the table
// reads its stock-out and below-reorder numbers.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Link } from 'react-router';
import { Boxes, Download, ScanLine } from 'lucide-react';
import { buttonClasses } from '@/components/button.tsx';
import { Button } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FilterChips, type FilterChip } from '@/components/filter-chips.tsx';
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
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import {
  AVAILABILITY_LABELS,
  STOCK_PAGE_LIMIT,
  useStockLevels,
  useWarehouses,
  type Availability,
} from '../api/stock.ts';

export function StockPage() {
  const { org, role } = useCurrentOrg();
  const warehouses = useWarehouses(org.id);
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const warehouseId = params.get('warehouse') || null;
  const availabilityParam = params.get('availability');
  const availability =
    availabilityParam && availabilityParam in AVAILABILITY_LABELS ? (availabilityParam as Availability) : null;
  const setParam = (key: string, value: string | null) =>
    update((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
    });
  const [search, setSearch] = useState('');
  const { levels, changed, levelKey } = useStockLevels(org.id, { warehouseId, availability, search });
  const chips: FilterChip[] = [];
  if (availabilityParam)
    chips.push({
      id: 'availability',
      label: availability ? AVAILABILITY_LABELS[availability] : `“${availabilityParam}” is not a filter (ignored)`,
      invalid: !availability,
      onRemove: () => setParam('availability', null),
    });
  if (warehouseId && warehouses.data && !warehouses.data.some((w) => w.id === warehouseId))
    chips.push({
      id: 'warehouse',
      label: 'Warehouse: one that is closed or unknown',
      onRemove: () => setParam('warehouse', null),
    });

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
                downloadCsv(`stock-${new Date().toISOString().slice(0, 10)}`, levels.data?.rows ?? [], [
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
            onValueChange={(v) => setParam('warehouse', v === 'all' ? null : v)}
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
        <label className="grid gap-1 text-xs text-muted">
          Availability
          <Select
            size="sm"
            value={availability ?? 'any'}
            onValueChange={(v) => setParam('availability', v === 'any' ? null : v)}
            options={[
              { value: 'any', label: 'Any', textValue: 'Any' },
              ...Object.entries(AVAILABILITY_LABELS).map(([value, label]) => ({ value, label, textValue: label })),
            ]}
            className="w-44"
          />
        </label>
      </div>
      <div className="mb-3 grid gap-2">
        <FilterChips chips={chips} />
        {levels.data && (
          <p role="status" className="text-sm text-muted">
            <span className="font-semibold text-foreground">
              {levels.data.count}{' '}
              {availability === 'out'
                ? 'out of stock'
                : availability === 'below_reorder'
                  ? 'below their reorder point'
                  : levels.data.count === 1
                    ? 'stock level'
                    : 'stock levels'}
            </span>
            {levels.data.count > levels.data.rows.length &&
              ` · showing the ${STOCK_PAGE_LIMIT} that moved most recently`}
          </p>
        )}
      </div>
      {levels.isPending ? (
        <LoadingState label="Loading stock…" />
      ) : levels.isError ? (
        <ErrorState error={levels.error} onRetry={() => levels.refetch()} />
      ) : levels.data.rows.length === 0 ? (
        <EmptyState icon={Boxes} title={search || availability || warehouseId ? 'No stock matches' : 'No stock yet'} />
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
              {levels.data.rows.map((l) => {
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
