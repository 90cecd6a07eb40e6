// The order's invoices and credit notes, read-only (invoicing happens in the invoice screens).
import { Link } from 'react-router';
import { Badge } from '@/components/badge.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { useOrderInvoices } from '../api/fulfilment.ts';
import { DOCUMENT_STATUS_LABELS } from '../schemas/sales-order.ts';

export function OrderInvoicesCard({ orderId }: { orderId: string }) {
  const { org } = useCurrentOrg();
  const invoices = useOrderInvoices(org.id, orderId, true);
  return (
    <Card title="Invoices">
      {invoices.isPending ? (
        <LoadingState label="Loading invoices…" />
      ) : invoices.isError ? (
        <ErrorState error={invoices.error} onRetry={() => invoices.refetch()} />
      ) : invoices.data.length === 0 ? (
        <p className="m-0 text-sm text-muted">Not invoiced yet.</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Invoices of the order</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted">
              <th scope="col" className="py-2 pr-2 font-semibold">
                Number
              </th>
              <th scope="col" className="py-2 pr-2 font-semibold">
                Date
              </th>
              <th scope="col" className="py-2 pr-2 font-semibold">
                Status
              </th>
              <th scope="col" className="py-2 text-right font-semibold">
                Total
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {invoices.data.map((i) => (
              <tr key={i.id} className="border-b border-border last:border-b-0">
                <th scope="row" className="py-2 pr-2 text-left font-normal">
                  <Link to={`/invoices/${i.id}`} className="font-medium hover:underline">
                    {i.number ?? 'Draft'}
                  </Link>
                  {i.kind === 'credit_note' && <span className="block text-xs text-muted">Credit note</span>}
                </th>
                <td className="py-2 pr-2">{formatDate(i.invoice_date)}</td>
                <td className="py-2 pr-2">
                  <Badge tone={i.status === 'posted' ? 'success' : i.status === 'cancelled' ? 'danger' : 'neutral'}>
                    {DOCUMENT_STATUS_LABELS[i.status]}
                  </Badge>
                </td>
                <td className="py-2 text-right">{formatMoney(i.total, i.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
