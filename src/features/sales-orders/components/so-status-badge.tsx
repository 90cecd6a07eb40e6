import { Badge, type BadgeTone } from '@/components/badge.tsx';
import type { SalesOrderStatus } from '../api/sales-orders.ts';
import { SO_STATUS_LABELS } from '../schemas/sales-order.ts';

const TONES: Record<SalesOrderStatus, BadgeTone> = {
  draft: 'neutral',
  confirmed: 'info',
  partially_delivered: 'warning',
  delivered: 'success',
  cancelled: 'danger',
};

export function SoStatusBadge({ status }: { status: SalesOrderStatus }) {
  return <Badge tone={TONES[status]}>{SO_STATUS_LABELS[status]}</Badge>;
}
