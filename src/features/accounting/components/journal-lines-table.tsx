// The lines of a saved entry, read-only: account (code and name), partner, description, debit
// and credit, with the totals (summed exactly) in the footer.
import { formatMoney, sumAmounts } from '@/lib/money.ts';
import type { JournalLine } from '../api/journal.ts';

export function JournalLinesTable({ lines, currency }: { lines: readonly JournalLine[]; currency: string }) {
  const debit = sumAmounts(lines.map((l) => l.debit));
  const credit = sumAmounts(lines.map((l) => l.credit));
  const show = (v: number) => (Number(v) === 0 ? '' : formatMoney(v, currency));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Entry lines</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-semibold">
              Account
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Partner
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Description
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Debit
            </th>
            <th scope="col" className="py-2 text-right font-semibold">
              Credit
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {lines.map((l) => (
            <tr key={l.id} className="border-b border-border last:border-b-0">
              <th scope="row" className="py-2 pr-3 text-left font-normal">
                <span className="font-mono font-medium">{l.account?.code}</span> {l.account?.name}
              </th>
              <td className="py-2 pr-3">{l.partner?.name ?? '—'}</td>
              <td className="py-2 pr-3 text-muted">{l.description ?? ''}</td>
              <td className="py-2 pr-3 text-right">{show(l.debit)}</td>
              <td className="py-2 text-right">{show(l.credit)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="tabular-nums">
          <tr className="border-t border-border-strong">
            <th scope="row" colSpan={3} className="pt-2 pr-3 text-right font-semibold">
              Totals
            </th>
            <td className="pt-2 pr-3 text-right font-semibold" data-testid="total-debit">
              {formatMoney(debit, currency)}
            </td>
            <td className="pt-2 text-right font-semibold" data-testid="total-credit">
              {formatMoney(credit, currency)}
            </td>
          </tr>
          {!debit.eq(credit) && (
            <tr>
              <th scope="row" colSpan={3} className="pr-3 text-right font-normal text-muted">
                Difference
              </th>
              <td colSpan={2} className="text-right font-semibold text-danger" data-testid="difference">
                {formatMoney(debit.minus(credit).abs(), currency)}
              </td>
            </tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}
