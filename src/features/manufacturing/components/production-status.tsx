// A production order's status: a badge for lists, and the steps planned → in progress → done
// for the order's page (a cancelled order says so instead of the step it stopped at).
import { Check, CircleSlash } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { cn } from '@/lib/cn.ts';
import { PRODUCTION_STATUS_LABELS, type ProductionStatus } from '../schemas/production-order.ts';

const TONES: Record<ProductionStatus, BadgeTone> = {
  planned: 'neutral',
  in_progress: 'info',
  done: 'success',
  cancelled: 'danger',
};

export function ProductionStatusBadge({ status }: { status: ProductionStatus }) {
  return <Badge tone={TONES[status]}>{PRODUCTION_STATUS_LABELS[status]}</Badge>;
}

const STEPS = ['planned', 'in_progress', 'done'] as const;

export function ProductionSteps({ status }: { status: ProductionStatus }) {
  if (status === 'cancelled') {
    return (
      <p className="m-0 inline-flex items-center gap-2 text-sm font-semibold text-danger">
        <CircleSlash className="size-4" aria-hidden="true" /> Cancelled
      </p>
    );
  }
  const current = STEPS.indexOf(status);
  return (
    <ol className="m-0 flex list-none flex-wrap items-center gap-2 p-0 text-sm" aria-label="Progress">
      {STEPS.map((step, i) => {
        const done = i < current || status === 'done';
        const here = i === current;
        return (
          <li key={step} className="flex items-center gap-2" aria-current={here ? 'step' : undefined}>
            {i > 0 && <span className="h-px w-6 bg-border" aria-hidden="true" />}
            <span
              className={cn(
                'inline-flex items-center gap-1.5 rounded-full border px-3 py-1',
                here ? 'border-primary font-semibold text-primary' : 'border-border',
                done && !here && 'text-success',
              )}
            >
              {done && <Check className="size-3.5" aria-hidden="true" />}
              {PRODUCTION_STATUS_LABELS[step]}
              {done && !here && <span className="sr-only"> (done)</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
