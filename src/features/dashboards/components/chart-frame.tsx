// What every dashboard chart shares: a figure named by its caption, the drawing (hidden from
// screen readers, which get the same figures as a table instead), and that table of the series,
// whose cells link where the chart's elements do. The table is visually hidden until a keyboard
// user tabs into its links, so every chart element is reachable without a mouse.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { cn } from '@/lib/cn.ts';

export interface SeriesColumn<Row> {
  header: string;
  value(row: Row): string;
  numeric?: boolean;
}

interface ChartFrameProps<Row> {
  title: string;
  /** A sentence under the title (what is counted, the period). */
  description?: ReactNode;
  /** Actions beside the title (a link to the full list). */
  actions?: ReactNode;
  /** The drawing; aria-hidden. */
  children: ReactNode;
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** The first column names the row (a stage, a period) and links to its list. */
  rowLabel(row: Row): string;
  rowHref?(row: Row): string | undefined;
  labelHeader: string;
  columns: readonly SeriesColumn<Row>[];
  emptyText?: string;
  className?: string;
}

export function ChartFrame<Row>({
  title,
  description,
  actions,
  children,
  rows,
  rowKey,
  rowLabel,
  rowHref,
  labelHeader,
  columns,
  emptyText = 'Nothing in this period',
  className,
}: ChartFrameProps<Row>) {
  return (
    <figure
      aria-label={title}
      className={cn('m-0 grid gap-3 rounded-xl border border-border bg-surface p-4', className)}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <figcaption className="grid gap-0.5">
          <span className="font-semibold">{title}</span>
          {description && <span className="text-sm text-muted">{description}</span>}
        </figcaption>
        {actions}
      </div>
      {rows.length === 0 ? (
        <p className="m-0 py-8 text-center text-sm text-muted">{emptyText}</p>
      ) : (
        <>
          <div aria-hidden="true">{children}</div>
          <div className="sr-only focus-within:not-sr-only">
            <table className="w-full text-sm" data-testid="series-table">
              <caption className="sr-only">{`${title}: figures`}</caption>
              <thead>
                <tr className="text-left text-muted">
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {labelHeader}
                  </th>
                  {columns.map((c) => (
                    <th key={c.header} scope="col" className={cn('px-2 py-1 font-semibold', c.numeric && 'text-right')}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const to = rowHref?.(row);
                  return (
                    <tr key={rowKey(row)} className="border-t border-border">
                      <th scope="row" className="px-2 py-1 text-left font-normal">
                        {to ? <Link to={to}>{rowLabel(row)}</Link> : rowLabel(row)}
                      </th>
                      {columns.map((c) => (
                        <td key={c.header} className={cn('px-2 py-1', c.numeric && 'text-right tabular-nums')}>
                          {c.value(row)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}

/** Props shared by the recharts drawings: the same look in both themes. */
export const axisProps = {
  tick: { fill: 'var(--muted)', fontSize: 12 },
  stroke: 'var(--border)',
  tickLine: false,
} as const;

export const tooltipProps = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: 8,
    color: 'var(--foreground)',
    fontSize: 13,
  },
  labelStyle: { color: 'var(--foreground)', fontWeight: 600 },
  itemStyle: { color: 'var(--foreground)' },
  cursor: { fill: 'var(--surface-muted)', stroke: 'var(--border-strong)' },
} as const;

/** jsdom measures nothing; charts start at this size and follow their container in a browser. */
export const INITIAL_SIZE = { width: 640, height: 240 };
