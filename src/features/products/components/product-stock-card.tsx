// Stock of one product per warehouse, as the database keeps it from the stock ledger: on hand,
// reserved for documents, and available (on hand minus reserved). Read-only here; totals are
// summed exactly.
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { sumAmounts } from '@/lib/money.ts';
import { useProductWarehouses, type ProductRow } from '../api/products.ts';

export function ProductStockCard({ product }: { product: ProductRow }) {
  const { org } = useCurrentOrg();
  const warehouses = useProductWarehouses(org.id);
  const code = (id: string) => warehouses.data?.find((w) => w.id === id)?.code ?? '';
  const levels = [...product.stock_levels].sort((a, b) => code(a.warehouse_id).localeCompare(code(b.warehouse_id)));

  if (product.kind === 'service') {
    return (
      <Card title="Stock">
        <p className="text-sm text-muted">A service has no stock.</p>
      </Card>
    );
  }
  const name = (id: string) => {
    const w = warehouses.data?.find((x) => x.id === id);
    return w ? `${w.code} · ${w.name}` : '…';
  };
  const total = (pick: (l: ProductRow['stock_levels'][number]) => number | null) =>
    sumAmounts(levels.map(pick)).toString();

  return (
    <Card title="Stock" description={`Per warehouse, in ${product.uom}`} flush>
      {warehouses.isPending ? (
        <LoadingState label="Loading warehouses…" />
      ) : warehouses.isError ? (
        <ErrorState error={warehouses.error} onRetry={() => warehouses.refetch()} />
      ) : levels.length === 0 ? (
        <p className="p-5 text-sm text-muted">No stock in any warehouse yet.</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Stock per warehouse</caption>
          <thead>
            <tr className="border-b border-border text-left text-muted">
              <th scope="col" className="px-4 py-2 font-semibold">
                Warehouse
              </th>
              <th scope="col" className="px-4 py-2 text-right font-semibold">
                On hand
              </th>
              <th scope="col" className="px-4 py-2 text-right font-semibold">
                Reserved
              </th>
              <th scope="col" className="px-4 py-2 text-right font-semibold">
                Available
              </th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.warehouse_id} className="border-b border-border">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {name(l.warehouse_id)}
                </th>
                <td className="px-4 py-2 text-right tabular-nums">{l.on_hand}</td>
                <td className="px-4 py-2 text-right tabular-nums">{l.reserved}</td>
                <td className="px-4 py-2 text-right tabular-nums">{l.available}</td>
              </tr>
            ))}
          </tbody>
          {levels.length > 1 && (
            <tfoot>
              <tr className="font-semibold">
                <th scope="row" className="px-4 py-2 text-left">
                  Total
                </th>
                <td className="px-4 py-2 text-right tabular-nums">{total((l) => l.on_hand)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{total((l) => l.reserved)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{total((l) => l.available)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </Card>
  );
}
