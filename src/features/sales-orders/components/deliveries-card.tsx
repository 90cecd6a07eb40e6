// The deliveries of an order: number (or draft), date, status and what each shipped. The
// warehouse continues a draft (edit quantities, post) or discards it.
import { useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatQuantity } from '../api/amounts.ts';
import { useDeliveryMutations, type DeliveryRow } from '../api/fulfilment.ts';
import type { SalesOrderRecord } from '../api/sales-orders.ts';
import { DOCUMENT_STATUS_LABELS } from '../schemas/sales-order.ts';

interface DeliveriesCardProps {
  order: SalesOrderRecord;
  deliveries: UseQueryResult<DeliveryRow[]>;
  canDeliver: boolean;
  onOpenDraft(delivery: DeliveryRow): void;
}

export function DeliveriesCard({ order, deliveries, canDeliver, onOpenDraft }: DeliveriesCardProps) {
  const { org } = useCurrentOrg();
  const { discard } = useDeliveryMutations(org.id, order.id);
  const [discarding, setDiscarding] = useState<DeliveryRow | null>(null);
  const productOf = new Map(order.lines.map((l) => [l.id, l.product?.sku ?? l.description]));
  return (
    <Card title="Deliveries">
      {deliveries.isPending ? (
        <LoadingState label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />
      ) : deliveries.data.length === 0 ? (
        <p className="m-0 text-sm text-muted">Nothing delivered yet.</p>
      ) : (
        <ul aria-label="Deliveries" className="m-0 grid list-none gap-3 p-0">
          {deliveries.data.map((d) => (
            <li key={d.id} className="grid gap-1 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">{d.number ?? 'Draft delivery'}</span>
                <Badge tone={d.status === 'posted' ? 'success' : 'neutral'}>{DOCUMENT_STATUS_LABELS[d.status]}</Badge>
              </div>
              <span className="text-xs text-muted">
                {d.status === 'posted' ? 'Shipped' : 'Dated'} {formatDate(d.delivery_date)}
                {d.carrier_reference ? ` · ${d.carrier_reference}` : ''}
              </span>
              <span className="text-xs">
                {d.lines
                  .map((l) => `${formatQuantity(l.quantity)} × ${productOf.get(l.sales_order_line_id)}`)
                  .join(', ')}
              </span>
              {d.status === 'draft' && canDeliver && (
                <div className="flex gap-2">
                  <Button size="sm" variant="secondary" onClick={() => onOpenDraft(d)}>
                    Continue
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDiscarding(d)}>
                    Discard
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={discarding !== null}
        onOpenChange={(open) => !open && setDiscarding(null)}
        title="Discard the draft delivery?"
        description="Nothing has left the warehouse on it; the order keeps its reservations."
        confirmLabel="Discard"
        onConfirm={async () => {
          await discard.mutateAsync(discarding!.id);
          toast.success('Draft delivery discarded');
        }}
      />
    </Card>
  );
}
