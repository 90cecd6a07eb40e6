// Trial balance: per account, the balance before the period, the period's debits and credits and
// the closing balance in its debit or credit column; the totals balance (computed by Postgres).
import { Scale } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { useTrialBalance, type TrialBalance } from '../api/reports.ts';
import {
  csvAmount,
  ExportButton,
  formatBalance,
  formatSide,
  headCell,
  numberCell,
  RangeFields,
  ReportFilters,
  tableFrame,
  useReportRange,
} from './report-parts.tsx';

type CsvRow = {
  code: string;
  name: string;
  type: string;
  opening: number | '';
  debit: number | '';
  credit: number | '';
  closingDebit: number | '';
  closingCredit: number | '';
};

export function trialBalanceCsvRows(report: TrialBalance): CsvRow[] {
  const t = report.totals;
  return [
    ...report.lines.map((l) => ({
      code: l.code,
      name: l.name,
      type: l.type,
      opening: csvAmount(l.opening_balance),
      debit: csvAmount(l.debit),
      credit: csvAmount(l.credit),
      closingDebit: csvAmount(l.closing_debit),
      closingCredit: csvAmount(l.closing_credit),
    })),
    {
      code: '',
      name: 'Total',
      type: '',
      opening: '',
      debit: csvAmount(t.debit),
      credit: csvAmount(t.credit),
      closingDebit: csvAmount(t.closing_debit),
      closingCredit: csvAmount(t.closing_credit),
    },
  ];
}

export function TrialBalancePage() {
  const { org } = useCurrentOrg();
  const currency = org.base_currency;
  const range = useReportRange();
  const report = useTrialBalance(org.id, range.ok ? { from: range.from, to: range.to } : null);
  const data = report.data;

  return (
    <>
      <PageHeader
        title="Trial balance"
        description={`Every account's balance from ${formatDate(range.from)} to ${formatDate(range.to)}, in ${currency}.`}
        actions={
          <ExportButton
            disabled={!data?.lines.length}
            onClick={() =>
              downloadCsv(`trial-balance-${range.from}-${range.to}`, trialBalanceCsvRows(data!), [
                { header: 'Code', value: (r) => r.code },
                { header: 'Account', value: (r) => r.name },
                { header: 'Type', value: (r) => r.type },
                { header: `Opening balance (${currency}, debit +)`, value: (r) => r.opening },
                { header: `Debit (${currency})`, value: (r) => r.debit },
                { header: `Credit (${currency})`, value: (r) => r.credit },
                { header: `Closing debit (${currency})`, value: (r) => r.closingDebit },
                { header: `Closing credit (${currency})`, value: (r) => r.closingCredit },
              ])
            }
          />
        }
      />
      <ReportFilters>
        <RangeFields range={range} />
      </ReportFilters>
      {!range.ok ? null : report.isPending ? (
        <LoadingState label="Adding up the ledger…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : data!.lines.length === 0 ? (
        <EmptyState icon={Scale} title="Nothing posted yet" description="No account has a balance up to this date." />
      ) : (
        <div className={tableFrame} aria-busy={report.isFetching}>
          <table className="w-full text-sm">
            <caption className="sr-only">
              Trial balance from {range.from} to {range.to}
            </caption>
            <thead className="border-b border-border text-left text-xs text-muted">
              <tr>
                <th scope="col" className={headCell}>
                  Account
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Opening balance
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Debit
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Credit
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Closing debit
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Closing credit
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {data!.lines.map((l) => (
                <tr key={l.gl_account_id}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <span className="mr-2 font-mono text-xs text-muted">{l.code}</span>
                    {l.name}
                  </th>
                  <td className={numberCell}>{formatBalance(l.opening_balance, currency)}</td>
                  <td className={numberCell}>{formatSide(l.debit, currency)}</td>
                  <td className={numberCell}>{formatSide(l.credit, currency)}</td>
                  <td className={numberCell}>{formatSide(l.closing_debit, currency)}</td>
                  <td className={numberCell}>{formatSide(l.closing_credit, currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-border font-semibold">
              <tr>
                <th scope="row" className="px-3 py-2 text-left">
                  Total
                </th>
                <td />
                <td className={numberCell}>{formatMoney(data!.totals.debit, currency)}</td>
                <td className={numberCell}>{formatMoney(data!.totals.credit, currency)}</td>
                <td className={numberCell}>{formatMoney(data!.totals.closing_debit, currency)}</td>
                <td className={numberCell}>{formatMoney(data!.totals.closing_credit, currency)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
