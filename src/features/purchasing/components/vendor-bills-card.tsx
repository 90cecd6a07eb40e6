// The supplier's bills for an order, with their totals, and "Enter bill".
import { Badge } from '@/components/badge.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney, sumAmounts } from '@/lib/money.ts';
import { useVendorBills, type PurchaseOrderRecord } from '../api/purchase-orders.ts';
import { DOCUMENT_STATUS_LABELS } from '../schemas/purchase-order.ts';
import type { ReactNode } from 'react';

export function VendorBillsCard({ po, actions }: { po: PurchaseOrderRecord; actions?: ReactNode }) {
  const { org } = useCurrentOrg();
  const bills = useVendorBills(org.id, po.id, true);
  return (
    <Card title="Vendor bills" actions={actions}>
      {bills.isPending ? (
        <LoadingState label="Loading bills…" />
      ) : bills.isError ? (
        <ErrorState error={bills.error} onRetry={() => bills.refetch()} />
      ) : bills.data.length === 0 ? (
        <p className="m-0 text-sm text-muted">No bills yet.</p>
      ) : (
        <ul aria-label="Vendor bills" className="m-0 grid list-none gap-3 p-0">
          {bills.data.map((b) => {
            const total = sumAmounts(b.lines.flatMap((l) => [l.net_amount, l.tax_amount]));
            return (
              <li key={b.id} className="grid gap-1 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{b.number ?? 'Draft bill'}</span>
                  <Badge tone={b.status === 'posted' ? 'success' : 'neutral'}>{DOCUMENT_STATUS_LABELS[b.status]}</Badge>
                </div>
                <span className="text-xs text-muted">
                  Invoice {b.supplier_invoice_number ?? '—'} · {formatDate(b.bill_date)}
                  {b.due_date ? ` · due ${formatDate(b.due_date)}` : ''}
                </span>
                <span className="tabular-nums">{formatMoney(total, b.currency)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
