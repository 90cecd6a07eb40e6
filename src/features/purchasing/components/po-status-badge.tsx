import { Badge, type BadgeTone } from '@/components/badge.tsx';
import type { PurchaseOrderStatus } from '../api/purchase-orders.ts';
import { PO_STATUS_LABELS } from '../schemas/purchase-order.ts';

const TONES: Record<PurchaseOrderStatus, BadgeTone> = {
  draft: 'neutral',
  sent: 'info',
  partially_received: 'warning',
  received: 'success',
  closed: 'success',
  cancelled: 'danger',
};

export function PoStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  return <Badge tone={TONES[status]}>{PO_STATUS_LABELS[status]}</Badge>;
}
