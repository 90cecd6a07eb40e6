// One card on the board: title, customer, amount, close date, owner, and who else is
// dragging it right now. The sortable wrapper (sortable-deal-card.tsx) makes it draggable.
import { Link } from 'react-router';
import { CalendarClock, Hourglass } from 'lucide-react';
import { Avatar } from '@/components/avatar.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import type { BoardDeal } from '../api/board-state.ts';
import type { DragSignal } from '../api/use-deal-board-live.ts';

interface DealCardProps {
  deal: BoardDeal;
  rotting: number;
  draggedBy?: DragSignal;
  overlay?: boolean;
}

export function DealCard({ deal, rotting, draggedBy, overlay = false }: DealCardProps) {
  const overdue =
    deal.status === 'open' &&
    deal.expected_close_date !== null &&
    deal.expected_close_date < new Date().toISOString().slice(0, 10);
  return (
    <div
      className={cn(
        'rounded-lg border bg-surface p-3 text-sm shadow-xs transition-shadow',
        overlay ? 'rotate-2 border-primary shadow-lg' : 'border-border hover:border-border-strong',
        draggedBy && 'border-warning ring-2 ring-warning/60',
      )}
      data-deal-id={deal.id}
    >
      <div className="flex items-start justify-between gap-2">
        <Link
          to={`/deals/${deal.id}`}
          className="font-medium text-foreground hover:underline focus-visible:underline"
          // The card itself is the drag handle; the link opens the deal on click.
          draggable={false}
        >
          {deal.title}
        </Link>
        {deal.owner && <Avatar name={deal.owner.full_name} size="sm" />}
      </div>
      {deal.account && <div className="mt-0.5 truncate text-muted">{deal.account.name}</div>}
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
        <span className="font-semibold text-foreground tabular-nums">{formatMoney(deal.amount, deal.currency)}</span>
        {deal.expected_close_date && (
          <span className={cn('inline-flex items-center gap-1', overdue && 'text-danger')}>
            <CalendarClock className="size-3.5" aria-hidden="true" />
            {formatDate(deal.expected_close_date)}
          </span>
        )}
        {rotting > 0 && (
          <span
            className="inline-flex items-center gap-1 text-warning"
            title={`Idle ${rotting} days past this stage's limit`}
          >
            <Hourglass className="size-3.5" aria-hidden="true" />
            {rotting}d idle
          </span>
        )}
      </div>
      {draggedBy && (
        <div className="mt-2 text-xs font-medium text-warning" role="status">
          {draggedBy.name ?? 'Someone'} is moving this
        </div>
      )}
    </div>
  );
}
