// What settled an invoice (payments and credit notes) or, for a credit note, which invoices it
// settled: date, document with its number, amount.
import { Link } from 'react-router';
import { Card } from '@/components/card.tsx';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import type { InvoiceAllocation } from '../api/invoices.ts';

interface InvoiceAllocationsCardProps {
  kind: 'invoice' | 'credit_note';
  currency: string;
  allocations: InvoiceAllocation[];
}

export function InvoiceAllocationsCard({ kind, currency, allocations }: InvoiceAllocationsCardProps) {
  const title = kind === 'invoice' ? 'Payments and credit notes' : 'Invoices settled';
  return (
    <Card title={title} flush>
      {allocations.length === 0 ? (
        <p className="m-0 px-5 py-4 text-sm text-muted">
          {kind === 'invoice' ? 'Nothing paid or credited yet.' : 'Not used against an invoice yet.'}
        </p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted">
              <th scope="col" className="px-5 py-2 font-semibold">
                Date
              </th>
              <th scope="col" className="py-2 pr-3 font-semibold">
                Document
              </th>
              <th scope="col" className="py-2 pr-5 text-right font-semibold">
                Amount
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {allocations.map((a) => (
              <tr key={a.id} className="border-b border-border last:border-b-0">
                <td className="px-5 py-2">{formatDate(a.allocated_on)}</td>
                <td className="py-2 pr-3">
                  {a.payment ? (
                    <Link to={`/payments?q=${encodeURIComponent(a.payment.number)}`} className="hover:underline">
                      Payment {a.payment.number}
                    </Link>
                  ) : a.document ? (
                    <Link to={`/invoices/${a.document.id}`} className="hover:underline">
                      {a.document.kind === 'credit_note' ? 'Credit note' : 'Invoice'} {a.document.number ?? 'draft'}
                    </Link>
                  ) : (
                    '—'
                  )}
                  {a.payment && a.payment.payment_date !== a.allocated_on && (
                    <span className="block text-xs text-muted">paid {formatDate(a.payment.payment_date)}</span>
                  )}
                </td>
                <td className="py-2 pr-5 text-right">{formatMoney(a.amount, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
