// One stage of the board: header with live totals, and its cards in rank order,
// virtualised (only the visible cards are in the DOM, so 2,000 deals stay fast).
import { useRef } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cn } from '@/lib/cn.ts';
import { useNow } from '@/lib/use-now.ts';
import { formatMoney } from '@/lib/money.ts';
import { columnTotals, rottingDays, type BoardDeal, type BoardStage } from '../api/board-state.ts';
import type { DragSignal } from '../api/use-deal-board-live.ts';
import { SortableDealCard } from './sortable-deal-card.tsx';

interface BoardColumnProps {
  stage: BoardStage;
  deals: BoardDeal[];
  dragging: Record<string, DragSignal>;
  canMove: boolean;
}

export function BoardColumn({ stage, deals, dragging, canMove }: BoardColumnProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { setNodeRef, isOver } = useDroppable({
    id: `column:${stage.id}`,
    data: { type: 'column', stageId: stage.id },
  });
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: deals.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 104,
    overscan: 8,
    getItemKey: (index) => deals[index]!.id,
  });
  const totals = columnTotals(deals, stage);
  const now = useNow();

  return (
    <section
      className={cn(
        'flex max-h-full w-72 shrink-0 flex-col rounded-xl border border-border bg-surface-muted/60',
        isOver && 'border-primary bg-primary/5',
      )}
      aria-label={`${stage.name}: ${totals.count} ${totals.count === 1 ? 'deal' : 'deals'}`}
      data-testid="board-column"
      data-stage-id={stage.id}
    >
      <header className="border-b border-border px-3 py-2">
        <div className="flex items-baseline justify-between gap-2">
          <h2 className="truncate font-semibold">{stage.name}</h2>
          <span className="text-xs text-muted tabular-nums" data-testid="column-count">
            {totals.count}
          </span>
        </div>
        <dl className="mt-1 space-y-0.5 text-xs text-muted">
          {totals.sums.length === 0 && <div>No deals</div>}
          {totals.sums.map((s) => (
            <div key={s.currency} className="flex justify-between gap-2 tabular-nums" data-testid="column-sum">
              <dt className="sr-only">Total in {s.currency}</dt>
              <dd className="font-medium text-foreground">{formatMoney(s.total, s.currency, { compact: true })}</dd>
              <dt className="sr-only">Weighted at {stage.probability}%</dt>
              <dd title={`Weighted by probability (stage ${stage.probability}%)`}>
                ≈ {formatMoney(s.weighted, s.currency, { compact: true })}
              </dd>
            </div>
          ))}
        </dl>
      </header>
      <SortableContext id={stage.id} items={deals.map((d) => d.id)} strategy={verticalListSortingStrategy}>
        <div ref={scrollRef} className="min-h-24 flex-1 overflow-y-auto p-2">
          <div
            ref={setNodeRef}
            className="relative w-full"
            style={{ height: Math.max(virtualizer.getTotalSize(), 64) }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const deal = deals[item.index]!;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="absolute top-0 left-0 w-full pb-2"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <SortableDealCard
                    deal={deal}
                    stageId={stage.id}
                    rotting={rottingDays(deal, stage, now)}
                    draggedBy={dragging[deal.id]}
                    disabled={!canMove}
                  />
                </div>
              );
            })}
          </div>
        </div>
      </SortableContext>
    </section>
  );
}
