// Balance sheet at the end of a day: assets, liabilities and equity, where equity includes the
// earnings not yet closed into an equity account, so assets = liabilities + equity (computed by
// Postgres from the daily balances).
import Big from 'big.js';
import { Landmark } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { formatDate } from '@/lib/format.ts';
import { useBalanceSheet, type BalanceSheet } from '../api/reports.ts';
import { csvAmount, ExportButton, ReportFilters, useAsOf } from './report-parts.tsx';
import { StatementTable } from './statement-table.tsx';

type CsvRow = { section: string; code: string; name: string; amount: number };

export function balanceSheetCsvRows(report: BalanceSheet): CsvRow[] {
  const t = report.totals;
  const section = (
    name: string,
    lines: BalanceSheet['assets'],
    total: string,
    amount: BalanceSheet['totals']['assets'],
  ) => [
    ...lines.map((l) => ({ section: name, code: l.code ?? '', name: l.name, amount: csvAmount(l.amount) })),
    { section: name, code: '', name: total, amount: csvAmount(amount) },
  ];
  return [
    ...section('Assets', report.assets, 'Total assets', t.assets),
    ...section('Liabilities', report.liabilities, 'Total liabilities', t.liabilities),
    ...section('Equity', report.equity, 'Total equity', t.equity),
    { section: '', code: '', name: 'Total liabilities and equity', amount: csvAmount(t.liabilities_and_equity) },
  ];
}

export function BalanceSheetPage() {
  const { org } = useCurrentOrg();
  const currency = org.base_currency;
  const asOf = useAsOf();
  const report = useBalanceSheet(org.id, asOf.error ? null : asOf.value);
  const data = report.data;
  const empty =
    data !== undefined &&
    data.assets.length === 0 &&
    data.liabilities.length === 0 &&
    new Big(data.totals.equity).eq(0);

  return (
    <>
      <PageHeader
        title="Balance sheet"
        description={`At the end of ${formatDate(asOf.value)}, in ${currency}.`}
        actions={
          <ExportButton
            disabled={!data || empty}
            onClick={() =>
              downloadCsv(`balance-sheet-${asOf.value}`, balanceSheetCsvRows(data!), [
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
        <TextField
          label="As of the end of"
          type="date"
          value={asOf.value}
          error={asOf.error}
          onChange={(e) => asOf.setAsOf(e.target.value)}
          className="w-44"
        />
      </ReportFilters>
      {asOf.error ? null : report.isPending ? (
        <LoadingState label="Drawing up the balance sheet…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : empty ? (
        <EmptyState icon={Landmark} title="Nothing posted yet" description="No account has a balance at this date." />
      ) : (
        <>
          {!new Big(data!.totals.assets).eq(data!.totals.liabilities_and_equity) && (
            <Alert tone="error" className="mb-4">
              Assets and liabilities plus equity differ: the books are out of balance.
            </Alert>
          )}
          <StatementTable
            caption={`Balance sheet at the end of ${asOf.value}`}
            currency={currency}
            busy={report.isFetching}
            sections={[
              {
                title: 'Assets',
                lines: data!.assets,
                totalLabel: 'Total assets',
                total: data!.totals.assets,
                emptyText: 'No assets',
              },
              {
                title: 'Liabilities',
                lines: data!.liabilities,
                totalLabel: 'Total liabilities',
                total: data!.totals.liabilities,
                emptyText: 'No liabilities',
              },
              {
                title: 'Equity',
                lines: data!.equity,
                totalLabel: 'Total equity',
                total: data!.totals.equity,
                emptyText: 'No equity',
              },
            ]}
            footer={[{ label: 'Total liabilities and equity', amount: data!.totals.liabilities_and_equity }]}
          />
          <p className="mt-2 text-sm text-muted">
            Equity includes this fiscal year&apos;s earnings (since {formatDate(data!.fiscal_year_start)}) and any
            earlier earnings not yet closed into an equity account.
          </p>
        </>
      )}
    </>
  );
}
