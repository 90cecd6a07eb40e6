// Profit and loss over a period: income and expense accounts, their totals and the net profit,
// all computed by Postgres from the daily balances.
import { TrendingUp } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { formatDate } from '@/lib/format.ts';
import { useProfitAndLoss, type ProfitAndLoss } from '../api/reports.ts';
import { csvAmount, ExportButton, RangeFields, ReportFilters, useReportRange } from './report-parts.tsx';
import { StatementTable } from './statement-table.tsx';

type CsvRow = { section: string; code: string; name: string; amount: number };

export function profitAndLossCsvRows(report: ProfitAndLoss): CsvRow[] {
  const t = report.totals;
  return [
    ...report.income.map((l) => ({ section: 'Income', code: l.code ?? '', name: l.name, amount: csvAmount(l.amount) })),
    { section: 'Income', code: '', name: 'Total income', amount: csvAmount(t.income) },
    ...report.expenses.map((l) => ({
      section: 'Expenses',
      code: l.code ?? '',
      name: l.name,
      amount: csvAmount(l.amount),
    })),
    { section: 'Expenses', code: '', name: 'Total expenses', amount: csvAmount(t.expenses) },
    { section: '', code: '', name: 'Net profit', amount: csvAmount(t.net_profit) },
  ];
}

export function ProfitAndLossPage() {
  const { org } = useCurrentOrg();
  const currency = org.base_currency;
  const range = useReportRange();
  const report = useProfitAndLoss(org.id, range.ok ? { from: range.from, to: range.to } : null);
  const data = report.data;
  const empty = data !== undefined && data.income.length === 0 && data.expenses.length === 0;

  return (
    <>
      <PageHeader
        title="Profit and loss"
        description={`Income and expenses from ${formatDate(range.from)} to ${formatDate(range.to)}, in ${currency}.`}
        actions={
          <ExportButton
            disabled={!data || empty}
            onClick={() =>
              downloadCsv(`profit-and-loss-${range.from}-${range.to}`, profitAndLossCsvRows(data!), [
                { header: 'Section', value: (r) => r.section },
                { header: 'Code', value: (r) => r.code },
                { header: 'Account', value: (r) => r.name },
                { header: `Amount (${currency})`, value: (r) => r.amount },
              ])
            }
          />
        }
      />
      <ReportFilters>
        <RangeFields range={range} />
      </ReportFilters>
      {!range.ok ? null : report.isPending ? (
        <LoadingState label="Adding up income and expenses…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : empty ? (
        <EmptyState
          icon={TrendingUp}
          title="No income or expenses in this period"
          description="Nothing was posted to an income or expense account between these dates."
        />
      ) : (
        <StatementTable
          caption={`Profit and loss from ${range.from} to ${range.to}`}
          currency={currency}
          busy={report.isFetching}
          sections={[
            {
              title: 'Income',
              lines: data!.income,
              totalLabel: 'Total income',
              total: data!.totals.income,
              emptyText: 'No income in this period',
            },
            {
              title: 'Expenses',
              lines: data!.expenses,
              totalLabel: 'Total expenses',
              total: data!.totals.expenses,
              emptyText: 'No expenses in this period',
            },
          ]}
          footer={[{ label: 'Net profit', amount: data!.totals.net_profit }]}
        />
      )}
    </>
  );
}
