// The lines of a confirmed order, read-only: ordered, reserved (held in stock for it),
// delivered, invoiced, returned, and the backorder (ordered − delivered − reserved, for
// stocked lines), with what is available now in the order's warehouse beside a backorder,
// live, so "Reserve again" is worth pressing. The order's totals below.
import { Badge } from '@/components/badge.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatMoney } from '@/lib/money.ts';
import { useLiveStock } from '@/lib/use-live-stock.ts';
import { backorderQuantity, formatQuantity, storedTotals } from '../api/amounts.ts';
import type { SalesOrderRecord } from '../api/sales-orders.ts';

const COLUMNS = ['Ordered', 'Reserved', 'Delivered', 'Invoiced', 'Returned', 'Backorder', 'Unit price', 'Disc. %'];

export function SoLinesTable({ order }: { order: SalesOrderRecord }) {
  const { org } = useCurrentOrg();
  const totals = storedTotals(order.lines);
  const open = order.status === 'confirmed' || order.status === 'partially_delivered';
  const backordered = open
    ? order.lines.filter((l) => l.product?.kind === 'stocked' && backorderQuantity(l) > 0).map((l) => l.product_id!)
    : [];
  const live = useLiveStock(org.id, backordered);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Order lines</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-semibold">
              Product
            </th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="py-2 pr-3 text-right font-semibold">
                {c}
              </th>
            ))}
            <th scope="col" className="py-2 text-right font-semibold">
              Net
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {order.lines.map((l) => {
            const stocked = l.product?.kind === 'stocked';
            const backorder = open && stocked ? backorderQuantity(l) : 0;
            const level =
              backorder > 0 && l.product_id
                ? live.stock?.[l.product_id]?.levels.find((x) => x.warehouse_id === order.warehouse_id)
                : undefined;
            return (
              <tr key={l.id} className="border-b border-border align-top last:border-b-0">
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  <span className="font-medium">{l.description}</span>
                  {l.product && <span className="block text-xs text-muted">{l.product.sku}</span>}
                </th>
                <td className="py-2 pr-3 text-right">
                  {formatQuantity(l.quantity)} {l.product?.uom}
                </td>
                <td className="py-2 pr-3 text-right">{formatQuantity(l.reserved_quantity)}</td>
                <td className="py-2 pr-3 text-right">{formatQuantity(l.delivered_quantity)}</td>
                <td className="py-2 pr-3 text-right">{formatQuantity(l.invoiced_quantity)}</td>
                <td className="py-2 pr-3 text-right">{formatQuantity(l.returned_quantity)}</td>
                <td className="py-2 pr-3 text-right" data-testid="line-backorder">
                  {backorder > 0 ? (
                    <>
                      <Badge tone="warning">{formatQuantity(backorder)} backordered</Badge>
                      {live.stock && l.product_id && (
                        <span className="block text-xs text-muted">
                          Available now:{' '}
                          <LiveQuantity value={level?.available ?? 0} changedAt={level?.changedAt} warnBelowZero />
                        </span>
                      )}
                    </>
                  ) : stocked ? (
                    '0'
                  ) : (
                    '—'
                  )}
                </td>
                <td className="py-2 pr-3 text-right">{formatMoney(l.unit_price, order.currency)}</td>
                <td className="py-2 pr-3 text-right">{formatQuantity(l.discount_pct)}</td>
                <td className="py-2 text-right">{formatMoney(l.net_amount, order.currency)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="tabular-nums">
          <tr>
            <th scope="row" colSpan={9} className="pt-2 text-right font-normal text-muted">
              Net
            </th>
            <td className="pt-2 text-right">{formatMoney(totals.net, order.currency)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={9} className="text-right font-normal text-muted">
              Tax
            </th>
            <td className="text-right">{formatMoney(totals.tax, order.currency)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={9} className="text-right font-semibold">
              Total
            </th>
            <td className="text-right font-semibold">{formatMoney(totals.gross, order.currency)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
