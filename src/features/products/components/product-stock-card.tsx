// Stock of one product per warehouse, as the database keeps it from the stock ledger: on hand,
// reserved for documents, and available (on hand minus reserved). Read-only here; live over
// Realtime (a movement anywhere in the org shows within a second, flashing); totals are summed
// exactly.
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import type { LiveStock } from '@/lib/use-live-stock.ts';
import type { ProductRow } from '../api/products.ts';

interface ProductStockCardProps {
  product: ProductRow;
  /** The product's live stock (the page shares it with its header). */
  live: LiveStock;
}

export function ProductStockCard({ product, live }: ProductStockCardProps) {
  if (product.kind === 'service') {
    return (
      <Card title="Stock">
        <p className="text-sm text-muted">A service has no stock.</p>
      </Card>
    );
  }
  const stock = live.stock?.[product.id];
  const levels = stock?.levels ?? [];

  return (
    <Card title="Stock" description={`Per warehouse, in ${product.uom}`} flush>
      {live.isPending ? (
        <LoadingState label="Loading stock…" />
      ) : live.isError ? (
        <ErrorState error={live.error} onRetry={() => live.refetch()} />
      ) : !stock || levels.length === 0 ? (
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
              <tr key={l.warehouse_id} data-warehouse={l.warehouse?.code} className="border-b border-border">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {l.warehouse ? `${l.warehouse.code} · ${l.warehouse.name}` : '…'}
                </th>
                <td className="px-4 py-2 text-right">
                  <LiveQuantity value={l.on_hand} changedAt={l.changedAt} />
                </td>
                <td className="px-4 py-2 text-right">
                  <LiveQuantity value={l.reserved} changedAt={l.changedAt} />
                </td>
                <td className="px-4 py-2 text-right">
                  <LiveQuantity value={l.available} changedAt={l.changedAt} warnBelowZero />
                </td>
              </tr>
            ))}
          </tbody>
          {levels.length > 1 && (
            <tfoot>
              <tr className="font-semibold">
                <th scope="row" className="px-4 py-2 text-left">
                  Total
                </th>
                <td className="px-4 py-2 text-right">
                  <LiveQuantity value={stock.onHand} changedAt={stock.changedAt} />
                </td>
                <td className="px-4 py-2 text-right">
                  <LiveQuantity value={stock.reserved} changedAt={stock.changedAt} />
                </td>
                <td className="px-4 py-2 text-right">
                  <LiveQuantity value={stock.available} changedAt={stock.changedAt} warnBelowZero />
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </Card>
  );
}
