// The goods receipts of an order: number, date, status and what each brought in.
import { Badge } from '@/components/badge.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatQuantity } from '../api/amounts.ts';
import { useGoodsReceipts, type PurchaseOrderRecord } from '../api/purchase-orders.ts';
import { DOCUMENT_STATUS_LABELS } from '../schemas/purchase-order.ts';

export function GoodsReceiptsCard({ po }: { po: PurchaseOrderRecord }) {
  const { org } = useCurrentOrg();
  const receipts = useGoodsReceipts(org.id, po.id);
  const productOf = new Map(po.lines.map((l) => [l.id, l.product?.sku ?? 'Product']));
  return (
    <Card title="Goods receipts">
      {receipts.isPending ? (
        <LoadingState label="Loading receipts…" />
      ) : receipts.isError ? (
        <ErrorState error={receipts.error} onRetry={() => receipts.refetch()} />
      ) : receipts.data.length === 0 ? (
        <p className="m-0 text-sm text-muted">Nothing received yet.</p>
      ) : (
        <ul aria-label="Goods receipts" className="m-0 grid list-none gap-3 p-0">
          {receipts.data.map((r) => (
            <li key={r.id} className="grid gap-1 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">{r.number ?? 'Draft receipt'}</span>
                <Badge tone={r.status === 'posted' ? 'success' : 'neutral'}>{DOCUMENT_STATUS_LABELS[r.status]}</Badge>
              </div>
              <span className="text-xs text-muted">
                Received {formatDate(r.received_date)}
                {r.supplier_reference ? ` · ${r.supplier_reference}` : ''}
              </span>
              <span className="text-xs">
                {r.lines
                  .map((l) => `${formatQuantity(l.quantity)} × ${productOf.get(l.purchase_order_line_id)}`)
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
