// The top few rows behind a figure (accounts by revenue, products shipped, overdue invoices, the
// leaderboard), each linking to its record.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { cn } from '@/lib/cn.ts';

export interface TopColumn<Row> {
  header: string;
  cell(row: Row): ReactNode;
  numeric?: boolean;
}

interface TopTableProps<Row> {
  title: string;
  description?: ReactNode;
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** The first column: the row's name, a link to it. */
  nameHeader: string;
  name(row: Row): string;
  href?(row: Row): string | undefined;
  columns: readonly TopColumn<Row>[];
  emptyText: string;
  /** A link to the whole list, beside the title. */
  more?: { to: string; label: string };
}

export function TopTable<Row>({
  title,
  description,
  rows,
  rowKey,
  nameHeader,
  name,
  href,
  columns,
  emptyText,
  more,
}: TopTableProps<Row>) {
  return (
    <section aria-label={title} className="grid content-start gap-3 rounded-xl border border-border bg-surface p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-0.5">
          <h3 className="m-0 text-base font-semibold">{title}</h3>
          {description && <span className="text-sm text-muted">{description}</span>}
        </div>
        {more && (
          <Link to={more.to} className="text-sm">
            {more.label}
          </Link>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="m-0 py-6 text-center text-sm text-muted">{emptyText}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="top-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="text-left text-muted">
                <th scope="col" className="px-2 py-1.5 font-semibold">
                  {nameHeader}
                </th>
                {columns.map((c) => (
                  <th key={c.header} scope="col" className={cn('px-2 py-1.5 font-semibold', c.numeric && 'text-right')}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const to = href?.(row);
                return (
                  <tr key={rowKey(row)} className="border-t border-border">
                    <th scope="row" className="px-2 py-1.5 text-left font-medium">
                      {to ? <Link to={to}>{name(row)}</Link> : name(row)}
                    </th>
                    {columns.map((c) => (
                      <td
                        key={c.header}
                        className={cn('px-2 py-1.5', c.numeric && 'text-right whitespace-nowrap tabular-nums')}
                      >
                        {c.cell(row)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
