// Stock valuation: what the stock is worth, now (on hand × moving-average cost) or at the end of
// a chosen day (the ledger's quantities at the costs they moved at), per product, with the total.
// The day and warehouse are in the URL (?as_of=yyyy-mm-dd&warehouse=<id>): the inventory
// dashboard's value links here. Days are UTC days, as the stock ledger's daily balances and the
// dashboard's inventory value keep them.
import { useSearchParams } from 'react-router';
import { Download, Scale } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { formatMoney, sumAmounts } from '@/lib/money.ts';
import { isoDateParam } from '@/lib/table-state.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import { useStockValuation } from '../api/valuation.ts';
import { useWarehouses } from '../api/stock.ts';

const quantity = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

/** The last instant of a UTC day (yyyy-mm-dd), to the microsecond Postgres keeps. */
function endOfDay(day: string): string {
  return `${day}T23:59:59.999999Z`;
}

export function StockValuationPage() {
  const { org } = useCurrentOrg();
  const warehouses = useWarehouses(org.id);
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const day = isoDateParam(params.get('as_of')) ?? '';
  const warehouseId = params.get('warehouse') || null;
  const setParam = (key: string, value: string | null) =>
    update((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
    });
  const asOf = day ? endOfDay(day) : null;
  const report = useStockValuation(org.id, asOf, warehouseId);
  const total = sumAmounts((report.data ?? []).map((l) => l.value));
  const currency = org.base_currency;

  return (
    <>
      <PageHeader
        title="Stock valuation"
        description={
          day ? `At the end of ${day} (UTC), at the costs the stock moved at.` : 'Now, at the moving-average cost.'
        }
        actions={
          <Button
            size="sm"
            variant="secondary"
            disabled={!report.data?.length}
            onClick={() =>
              downloadCsv(`stock-valuation-${day || new Date().toISOString().slice(0, 10)}`, report.data ?? [], [
                { header: 'SKU', value: (l) => l.sku },
                { header: 'Product', value: (l) => l.name },
                { header: 'Quantity', value: (l) => l.quantity },
                { header: 'Unit', value: (l) => l.uom },
                { header: `Value (${currency})`, value: (l) => l.value },
              ])
            }
          >
            <Download className="size-4" aria-hidden="true" /> Export CSV
          </Button>
        }
      />
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <TextField
          label="As of the end of"
          type="date"
          value={day}
          hint="Empty: now"
          onChange={(e) => setParam('as_of', e.target.value || null)}
          className="w-48"
        />
        <label className="grid gap-1.5 text-sm font-semibold">
          Warehouse
          <Select
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
            className="w-52"
          />
        </label>
      </div>
      {report.isPending ? (
        <LoadingState label="Valuing the stock…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : report.data.length === 0 ? (
        <EmptyState icon={Scale} title="No stock to value" />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-surface">
          <table className="w-full text-sm">
            <caption className="sr-only">Stock valuation</caption>
            <thead className="border-b border-border text-left text-xs text-muted">
              <tr>
                <th className="px-3 py-2 font-semibold">Product</th>
                <th className="px-3 py-2 text-right font-semibold">Quantity</th>
                <th className="px-3 py-2 text-right font-semibold">Value</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {report.data.map((l) => (
                <tr key={l.product_id}>
                  <td className="px-3 py-2">
                    <span className="font-medium">{l.name}</span>
                    <span className="block text-xs text-muted">{l.sku}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {quantity.format(Number(l.quantity))} <span className="text-xs text-muted">{l.uom}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(l.value, currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-border font-semibold">
              <tr>
                <th scope="row" className="px-3 py-2 text-left">
                  Total
                </th>
                <td />
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(total, currency)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
