// A funnel: one bar per stage in stage order, as long as the number that reached it, with the
// conversion from the stage before. Each bar is a link to the deals behind it.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatNumber, formatRatio } from './figures.ts';

export interface FunnelStep {
  key: string;
  label: string;
  value: number;
  href?: string;
}

interface FunnelChartProps {
  title: string;
  description?: ReactNode;
  steps: readonly FunnelStep[];
  /** "deals", "leads". */
  unit: string;
}

/** The share of the previous step that reached this one (null for the first, or after zero). */
export function stepConversion(steps: readonly FunnelStep[], index: number): number | null {
  if (index === 0) return null;
  const before = steps[index - 1]!.value;
  return before > 0 ? steps[index]!.value / before : null;
}

export function FunnelChart({ title, description, steps, unit }: FunnelChartProps) {
  const max = Math.max(0, ...steps.map((s) => s.value));
  return (
    <figure aria-label={title} className="m-0 grid gap-3 rounded-xl border border-border bg-surface p-4">
      <figcaption className="grid gap-0.5">
        <span className="font-semibold">{title}</span>
        {description && <span className="text-sm text-muted">{description}</span>}
      </figcaption>
      {steps.length === 0 || max === 0 ? (
        <p className="m-0 py-8 text-center text-sm text-muted">Nothing in this period</p>
      ) : (
        <ol className="m-0 grid list-none gap-1.5 p-0" data-testid="funnel">
          {steps.map((step, i) => {
            const conversion = stepConversion(steps, i);
            const width = max > 0 ? Math.max(2, (step.value / max) * 100) : 0;
            // Visible text first, so the link's name starts with what it shows (and says the unit).
            const content = (
              <>
                <span className="flex justify-between gap-2 text-sm">
                  <span className="font-medium">{step.label} </span>
                  <span className="tabular-nums">
                    {formatNumber(step.value)}
                    <span className="sr-only"> {unit}</span>
                    {conversion !== null && (
                      <span className="ml-2 text-muted">
                        {' '}
                        ({formatRatio(conversion)}
                        <span className="sr-only"> of the stage before</span>)
                      </span>
                    )}
                  </span>
                </span>
                <span className="block h-3 rounded bg-surface-muted" aria-hidden="true">
                  <span className="block h-3 rounded bg-primary" style={{ width: `${width}%` }} />
                </span>
              </>
            );
            return (
              <li key={step.key} data-testid="funnel-step" data-value={step.value}>
                {step.href ? (
                  <Link
                    to={step.href}
                    className="grid gap-1 rounded-md p-1 text-foreground no-underline hover:bg-surface-muted hover:no-underline"
                  >
                    {content}
                  </Link>
                ) : (
                  <div className="grid gap-1 p-1">{content}</div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </figure>
  );
}
