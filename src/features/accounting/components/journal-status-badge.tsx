import { Badge } from '@/components/badge.tsx';
import type { JournalStatus } from '../api/journal.ts';
import { JOURNAL_STATUS_LABELS } from '../schemas/journal-entry.ts';

export function JournalStatusBadge({ status, reversed = false }: { status: JournalStatus; reversed?: boolean }) {
  if (status === 'posted' && reversed) return <Badge tone="warning">Posted · reversed</Badge>;
  return <Badge tone={status === 'posted' ? 'success' : 'neutral'}>{JOURNAL_STATUS_LABELS[status]}</Badge>;
}
