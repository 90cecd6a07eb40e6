// A posted or draft invoice's lines with the totals the database keeps, what was paid and what
// is still due.
import { formatMoney } from '@/lib/money.ts';
import { formatQuantity } from '../api/amounts.ts';
import type { InvoiceRecord } from '../api/invoices.ts';

export function InvoiceLinesTable({ invoice, amountDue }: { invoice: InvoiceRecord; amountDue: number }) {
  const c = invoice.currency;
  const credit = invoice.kind === 'credit_note';
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Lines</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="px-5 py-2 font-semibold">
              Description
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Quantity
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Unit price
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Discount
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Tax rate
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Tax
            </th>
            <th scope="col" className="py-2 pr-5 text-right font-semibold">
              Net
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {invoice.lines.map((l) => (
            <tr key={l.id} className="border-b border-border last:border-b-0">
              <th scope="row" className="px-5 py-2 text-left font-normal">
                {l.description}
                {l.product && <span className="block text-xs text-muted">{l.product.sku}</span>}
              </th>
              <td className="py-2 pr-3 text-right">{formatQuantity(l.quantity)}</td>
              <td className="py-2 pr-3 text-right">{formatMoney(l.unit_price, c)}</td>
              <td className="py-2 pr-3 text-right">{Number(l.discount_pct) ? `${l.discount_pct}%` : '—'}</td>
              <td className="py-2 pr-3 text-right">{l.tax_rate}%</td>
              <td className="py-2 pr-3 text-right">{formatMoney(l.tax_amount, c)}</td>
              <td className="py-2 pr-5 text-right">{formatMoney(l.net_amount, c)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="tabular-nums">
          <tr className="border-t border-border">
            <th scope="row" colSpan={6} className="pt-3 pr-3 text-right font-normal text-muted">
              Subtotal
            </th>
            <td className="pt-3 pr-5 text-right">{formatMoney(invoice.subtotal, c)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={6} className="pr-3 text-right font-normal text-muted">
              Tax
            </th>
            <td className="pr-5 text-right">{formatMoney(invoice.tax_total, c)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={6} className="pr-3 text-right font-semibold">
              Total
            </th>
            <td className="pr-5 text-right font-semibold">{formatMoney(invoice.total, c)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={6} className="pr-3 text-right font-normal text-muted">
              {credit ? 'Used' : 'Paid and credited'}
            </th>
            <td className="pr-5 text-right">{formatMoney(invoice.amount_paid, c)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={6} className="pr-3 pb-3 text-right font-semibold">
              {credit ? 'Left to use' : 'Amount due'}
            </th>
            <td className="pr-5 pb-3 text-right font-semibold">{formatMoney(amountDue, c)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
