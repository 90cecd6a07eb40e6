import { formatDistanceStrict } from 'date-fns';
import { useNow } from '@/lib/use-now.ts';
import { Badge } from '@/components/badge.tsx';
import type { QueueRow } from '../api/tickets.ts';

/** Where the ticket stands against its SLA: breached, due soon, or time left. */
export function SlaBadge({ ticket }: { ticket: QueueRow }) {
  const now = useNow();
  if (ticket.first_response_breached || ticket.resolution_breached) {
    return (
      <Badge tone="danger">
        {ticket.first_response_breached && !ticket.first_responded_at ? 'Response breached' : 'SLA breached'}
      </Badge>
    );
  }
  if (!ticket.next_breach_at) return <Badge tone="success">Within SLA</Badge>;
  const left = new Date(ticket.next_breach_at).getTime() - now;
  return (
    <Badge tone={left < 3600_000 ? 'warning' : 'neutral'}>
      Due in {formatDistanceStrict(new Date(ticket.next_breach_at), now)}
    </Badge>
  );
}
