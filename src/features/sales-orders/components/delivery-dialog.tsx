// Posting a draft delivery: the order's lines still to ship, with what the draft holds; the
// warehouse enters what actually leaves. Posting takes the DEL number and ships the goods
// (reservations first); what stays behind is the order's backorder.
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { toDeliverQuantity } from '../api/amounts.ts';
import { useDeliveryMutations, type DeliveryRow } from '../api/fulfilment.ts';
import type { SalesOrderRecord } from '../api/sales-orders.ts';
import { PostDocumentDialog } from './post-document-dialog.tsx';

interface DeliveryDialogProps {
  order: SalesOrderRecord;
  delivery: DeliveryRow;
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function DeliveryDialog({ order, delivery, open, onOpenChange }: DeliveryDialogProps) {
  const { org } = useCurrentOrg();
  const { post } = useDeliveryMutations(org.id, order.id);
  const inDraft = new Map(delivery.lines.map((l) => [l.sales_order_line_id, Number(l.quantity)]));
  const rows = order.lines
    .filter((l) => l.product && l.product.kind !== 'service' && toDeliverQuantity(l) > 0)
    .map((l) => ({
      id: l.id,
      name: l.description,
      sku: l.product?.sku ?? '',
      uom: l.product?.uom ?? '',
      ordered: Number(l.quantity),
      done: Number(l.delivered_quantity),
      limit: toDeliverQuantity(l),
      quantity: inDraft.get(l.id) ?? 0,
    }));
  return (
    <PostDocumentDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Deliver ${order.number ?? 'the order'}`}
      description="Enter what leaves the warehouse now. Anything less than is left stays on backorder."
      what="deliver"
      rows={rows}
      submitLabel="Post delivery"
      onPost={async (lines) => {
        const posted = await post.mutateAsync({ deliveryId: delivery.id, lines });
        toast.success(`Delivery ${posted.number ?? ''} posted`);
        onOpenChange(false);
      }}
    />
  );
}
