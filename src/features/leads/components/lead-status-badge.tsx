import { Badge, type BadgeTone } from '@/components/badge.tsx';
import type { LeadStatus } from '../api/leads.ts';
import { LEAD_STATUS_LABELS } from '../schemas/lead.ts';

const TONES: Record<LeadStatus, BadgeTone> = {
  new: 'info',
  contacted: 'neutral',
  qualified: 'success',
  unqualified: 'warning',
  converted: 'success',
};

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  return <Badge tone={TONES[status]}>{LEAD_STATUS_LABELS[status]}</Badge>;
}
