import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { PAYMENT_STATUS_LABELS, type PaymentStatus } from '../schemas/invoicing.ts';

const TONES: Record<PaymentStatus, BadgeTone> = {
  draft: 'neutral',
  cancelled: 'neutral',
  open: 'info',
  partially_paid: 'warning',
  paid: 'success',
  overdue: 'danger',
};

/** An invoice's payment status as invoice_balances derives it (draft and cancelled as themselves). */
export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <Badge tone={TONES[status] ?? 'neutral'}>{PAYMENT_STATUS_LABELS[status] ?? status}</Badge>;
}
