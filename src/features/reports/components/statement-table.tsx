// One statement (profit and loss, balance sheet) as a single table: a header row per section, its
// accounts, its total, and closing rows such as the net profit. All amounts come from the server.
import { formatMoney, type Amount } from '@/lib/money.ts';
import type { StatementLine } from '../api/reports.ts';
import { headCell, numberCell, tableFrame } from './report-parts.tsx';

export interface StatementSection {
  title: string;
  lines: StatementLine[];
  totalLabel: string;
  total: Amount;
  /** Shown instead of the lines when there are none. */
  emptyText: string;
}

export function StatementTable({
  caption,
  currency,
  sections,
  footer,
  busy,
}: {
  caption: string;
  currency: string;
  sections: StatementSection[];
  footer: { label: string; amount: Amount }[];
  busy?: boolean;
}) {
  return (
    <div className={tableFrame} aria-busy={busy}>
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            <th scope="col" className={headCell}>
              Account
            </th>
            <th scope="col" className={`${headCell} text-right`}>
              Amount
            </th>
          </tr>
        </thead>
        {sections.map((s) => (
          <tbody key={s.title} className="border-b border-border">
            <tr className="bg-surface-muted">
              <th scope="rowgroup" colSpan={2} className="px-3 py-2 text-left font-semibold">
                {s.title}
              </th>
            </tr>
            {s.lines.length === 0 ? (
              <tr>
                <td colSpan={2} className="px-3 py-2 text-muted">
                  {s.emptyText}
                </td>
              </tr>
            ) : (
              s.lines.map((l) => (
                <tr key={l.gl_account_id ?? l.name}>
                  <th scope="row" className="px-3 py-2 pl-6 text-left font-normal">
                    {l.code && <span className="mr-2 font-mono text-xs text-muted">{l.code}</span>}
                    {l.code ? l.name : <em>{l.name}</em>}
                  </th>
                  <td className={numberCell}>{formatMoney(l.amount, currency)}</td>
                </tr>
              ))
            )}
            <tr className="font-semibold">
              <th scope="row" className="px-3 py-2 text-left">
                {s.totalLabel}
              </th>
              <td className={`${numberCell} border-t border-border`}>{formatMoney(s.total, currency)}</td>
            </tr>
          </tbody>
        ))}
        <tfoot className="font-semibold">
          {footer.map((f) => (
            <tr key={f.label} className="border-t-2 border-border">
              <th scope="row" className="px-3 py-2 text-left">
                {f.label}
              </th>
              <td className={numberCell}>{formatMoney(f.amount, currency)}</td>
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}
