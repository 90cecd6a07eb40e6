// One headline figure: its value, the change against the previous period (coloured by whether the
// change is good news for this figure), and a link to the list or report it comes from.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { cn } from '@/lib/cn.ts';
import { formatDeltaValue, type Delta } from './figures.ts';

interface KpiTileProps {
  label: string;
  /** The formatted value ("$12,400.00", "42 %", "—"). */
  value: string;
  delta?: Delta | null;
  /** Where the figure's rows are listed; without it the tile is plain text. */
  to?: string;
  /** A line under the value ("of $20,000.00 target", "3 open"). */
  hint?: ReactNode;
  /** Set when the comparison is not meaningful for this figure (a snapshot of now). */
  noComparison?: boolean;
}

const toneClass = { good: 'text-success', bad: 'text-danger', neutral: 'text-muted' } as const;

export function DeltaText({ delta }: { delta: Delta | null | undefined }) {
  if (!delta) return <span className="text-muted">No comparison</span>;
  const arrow = delta.direction === 'up' ? '▲' : delta.direction === 'down' ? '▼' : '■';
  const words = delta.direction === 'up' ? 'up' : delta.direction === 'down' ? 'down' : 'unchanged,';
  return (
    <span className={cn('font-medium', toneClass[delta.tone])} data-testid="delta" data-tone={delta.tone}>
      <span aria-hidden="true">{arrow} </span>
      <span className="sr-only">{words} </span>
      {delta.direction === 'flat' ? 'no change' : formatDeltaValue(delta)}
      <span className="font-normal text-muted"> vs previous period</span>
    </span>
  );
}

export function KpiTile({ label, value, delta, to, hint, noComparison }: KpiTileProps) {
  const body = (
    <>
      <span className="text-sm text-muted">{label}</span>
      <span className="text-2xl font-semibold tracking-tight tabular-nums" data-testid="kpi-value">
        {value}
      </span>
      {hint && <span className="text-sm text-muted">{hint}</span>}
      {!noComparison && (
        <span className="text-xs">
          <DeltaText delta={delta} />
        </span>
      )}
    </>
  );
  const frame = 'grid h-full content-start gap-1 rounded-xl border border-border bg-surface p-4';
  return (
    <li className="list-none" data-testid="kpi-tile" data-label={label}>
      {to ? (
        <Link
          to={to}
          className={cn(
            frame,
            'text-foreground no-underline hover:border-border-strong hover:bg-surface-muted hover:no-underline',
          )}
        >
          {body}
        </Link>
      ) : (
        <div className={frame}>{body}</div>
      )}
    </li>
  );
}

/** A row of tiles (a list, so screen readers announce how many). */
export function KpiGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul aria-label={label} className="m-0 grid list-none grid-cols-1 gap-3 p-0 sm:grid-cols-2 xl:grid-cols-4">
      {children}
    </ul>
  );
}
