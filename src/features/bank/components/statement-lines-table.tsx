// The statement lines of a bank account: date, texts, amount and the payment each is matched
// to (or "unmatched"), with the actions of those who keep the books.
import { Link2, Link2Off, Trash2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import type { StatementLine } from '../api/statement.ts';

interface StatementLinesTableProps {
  lines: StatementLine[];
  currency: string;
  canWrite: boolean;
  onMatch(line: StatementLine): void;
  onUnmatch(line: StatementLine): void;
  onDelete(line: StatementLine): void;
}

export function StatementLinesTable({
  lines,
  currency,
  canWrite,
  onMatch,
  onUnmatch,
  onDelete,
}: StatementLinesTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Statement lines</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="px-5 py-2 font-semibold">
              Date
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Description
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Counterparty
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Reference
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Amount
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Matched payment
            </th>
            {canWrite && (
              <th scope="col" className="px-5 py-2">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id} className="border-b border-border last:border-b-0">
              <td className="px-5 py-2 whitespace-nowrap">{formatDate(line.booking_date)}</td>
              <td className="px-3 py-2">{line.description ?? ''}</td>
              <td className="px-3 py-2">{line.counterparty ?? ''}</td>
              <td className="px-3 py-2">{line.reference ?? ''}</td>
              <td
                className={`px-3 py-2 text-right whitespace-nowrap tabular-nums ${Number(line.amount) < 0 ? '' : 'text-success'}`}
              >
                {formatMoney(line.amount, currency)}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {line.payment_id ? (
                  <Badge tone="success">{line.payment?.number ?? 'Matched'}</Badge>
                ) : (
                  <Badge tone="warning">unmatched</Badge>
                )}
              </td>
              {canWrite && (
                <td className="px-5 py-1.5 text-right whitespace-nowrap">
                  {line.payment_id ? (
                    <Button size="sm" variant="secondary" onClick={() => onUnmatch(line)}>
                      <Link2Off className="size-4" aria-hidden="true" /> Unmatch
                    </Button>
                  ) : (
                    <span className="inline-flex gap-2">
                      <Button size="sm" onClick={() => onMatch(line)}>
                        <Link2 className="size-4" aria-hidden="true" /> Match
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => onDelete(line)}
                        aria-label={`Delete the line of ${formatDate(line.booking_date)}, ${formatMoney(line.amount, currency)}`}
                      >
                        <Trash2 className="size-4" aria-hidden="true" />
                      </Button>
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
