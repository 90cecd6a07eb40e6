// The reconciliation of one bank account as of a day: the statement's balance against the
// ledger's, the difference, and what explains it (statement lines not matched yet, payments
// in the books that are not on the statement).
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { cn } from '@/lib/cn.ts';
import { formatMoney } from '@/lib/money.ts';
import type { Reconciliation } from '../api/bank-accounts.ts';

interface ReconciliationSummaryProps {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: Reconciliation | null | undefined;
    refetch(): unknown;
  };
  currency: string;
}

export function ReconciliationSummary({ query, currency }: ReconciliationSummaryProps) {
  if (query.isPending) return <LoadingState label="Reconciling…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const r = query.data;
  if (!r) return <ErrorState title="Bank account not found" />;
  const reconciled = Number(r.difference) === 0;
  const item = (label: string, testId: string, value: string, detail?: string, tone?: 'ok' | 'off') => (
    <div className="grid gap-0.5 rounded-lg border border-border p-3">
      <dt className="text-xs text-muted">{label}</dt>
      <dd
        className={cn(
          'm-0 text-lg font-semibold tabular-nums',
          tone === 'ok' && 'text-success',
          tone === 'off' && 'text-danger',
        )}
        data-testid={testId}
      >
        {value}
      </dd>
      {detail && <dd className="m-0 text-xs text-muted">{detail}</dd>}
    </div>
  );
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <dl className="m-0 grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Reconciliation">
      {item('Statement balance', 'statement-balance', formatMoney(r.statement_balance, currency))}
      {item('Ledger balance', 'ledger-balance', formatMoney(r.ledger_balance, currency))}
      {item(
        'Difference',
        'difference',
        formatMoney(r.difference, currency),
        reconciled ? 'Reconciled' : 'Statement minus ledger',
        reconciled ? 'ok' : 'off',
      )}
      {item(
        'Unmatched statement lines',
        'unmatched-lines',
        count(r.unmatched_lines, 'line', 'lines'),
        formatMoney(r.unmatched_lines_amount, currency),
      )}
      {item(
        'Payments not on the statement',
        'unreconciled-payments',
        count(r.unreconciled_payments, 'payment', 'payments'),
        formatMoney(r.unreconciled_payments_amount, currency),
      )}
    </dl>
  );
}
