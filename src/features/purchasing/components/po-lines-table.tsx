// The lines of a sent order, read-only: ordered, received, still to come (the backorder)
// and billed per line, with the order's totals.
import { Badge } from '@/components/badge.tsx';
import { formatMoney } from '@/lib/money.ts';
import { formatQuantity, openQuantity, storedTotals } from '../api/amounts.ts';
import type { PurchaseOrderRecord } from '../api/purchase-orders.ts';

export function PoLinesTable({ po }: { po: PurchaseOrderRecord }) {
  const totals = storedTotals(po.lines);
  const live = po.status !== 'cancelled' && po.status !== 'draft';
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Order lines</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-semibold">
              Product
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Ordered
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Received
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Backorder
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Billed
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Unit cost
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Tax %
            </th>
            <th scope="col" className="py-2 text-right font-semibold">
              Net
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {po.lines.map((l) => {
            const open = openQuantity(l);
            return (
              <tr key={l.id} className="border-b border-border last:border-b-0">
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  <span className="font-medium">{l.product?.name ?? 'Product'}</span>
                  <span className="block text-xs text-muted">
                    {l.product?.sku}
                    {l.description ? ` · ${l.description}` : ''}
                  </span>
                </th>
                <td className="py-2 pr-3 text-right">
                  {formatQuantity(l.quantity)} {l.product?.uom}
                </td>
                <td className="py-2 pr-3 text-right">{formatQuantity(l.received_quantity)}</td>
                <td className="py-2 pr-3 text-right">
                  {live && open > 0 && l.received_quantity > 0 ? (
                    <Badge tone="warning">{formatQuantity(open)} to come</Badge>
                  ) : (
                    formatQuantity(live ? open : 0)
                  )}
                </td>
                <td className="py-2 pr-3 text-right">{formatQuantity(l.billed_quantity)}</td>
                <td className="py-2 pr-3 text-right">{formatMoney(l.unit_cost, po.currency)}</td>
                <td className="py-2 pr-3 text-right">{formatQuantity(l.tax_rate)}</td>
                <td className="py-2 text-right">{formatMoney(l.net_amount, po.currency)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="tabular-nums">
          <tr>
            <th scope="row" colSpan={7} className="pt-2 text-right font-normal text-muted">
              Net
            </th>
            <td className="pt-2 text-right">{formatMoney(totals.net, po.currency)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={7} className="text-right font-normal text-muted">
              Tax
            </th>
            <td className="text-right">{formatMoney(totals.tax, po.currency)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={7} className="text-right font-semibold">
              Total
            </th>
            <td className="text-right font-semibold">{formatMoney(totals.gross, po.currency)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
