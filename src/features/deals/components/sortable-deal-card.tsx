import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { cn } from '@/lib/cn.ts';
import type { BoardDeal } from '../api/board-state.ts';
import type { DragSignal } from '../api/use-deal-board-live.ts';
import { DealCard } from './deal-card.tsx';

interface SortableDealCardProps {
  deal: BoardDeal;
  stageId: string;
  rotting: number;
  draggedBy?: DragSignal;
  disabled: boolean;
}

/** A card the user can drag with the pointer or the keyboard (Space, arrows, Space). */
export function SortableDealCard({ deal, stageId, rotting, draggedBy, disabled }: SortableDealCardProps) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { type: 'card', stageId },
    disabled,
  });
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(
        'rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-focus',
        isDragging && 'opacity-40',
      )}
      {...attributes}
      {...listeners}
      // A group, not dnd-kit's default button role: the card contains a link, and a button may not.
      role="group"
      aria-roledescription="Draggable deal"
    >
      <DealCard deal={deal} rotting={rotting} draggedBy={draggedBy} />
    </div>
  );
}
