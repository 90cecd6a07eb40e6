// The tax report for a period: output tax (invoices less credit notes) and input tax
// (vendor bills) per rate, in base currency, as Postgres sums them; the net is what is
// owed to (or reclaimable from) the tax authority. Sums here are exact (big.js).
import { Receipt } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney, sumAmounts } from '@/lib/money.ts';
import { useTaxReport, type TaxReportRow } from '../api/reports.ts';
import {
  csvAmount,
  ExportButton,
  headCell,
  numberCell,
  RangeFields,
  ReportFilters,
  tableFrame,
  useReportRange,
} from './report-parts.tsx';

const sections = [
  { direction: 'output', title: 'Output tax (sales)' },
  { direction: 'input', title: 'Input tax (purchases)' },
] as const;

export function taxReportTotals(rows: readonly TaxReportRow[]) {
  const of = (direction: 'output' | 'input') => rows.filter((r) => r.direction === direction);
  const output = sumAmounts(of('output').map((r) => r.tax_amount));
  const input = sumAmounts(of('input').map((r) => r.tax_amount));
  return { output, input, net: output.minus(input) };
}

export function TaxReportPage() {
  const { org } = useCurrentOrg();
  const currency = org.base_currency;
  const range = useReportRange();
  const report = useTaxReport(org.id, range.ok ? { from: range.from, to: range.to } : null);
  const rows = report.data;
  const totals = rows ? taxReportTotals(rows) : null;

  return (
    <>
      <PageHeader
        title="Tax report"
        description={`Tax charged and paid from ${formatDate(range.from)} to ${formatDate(range.to)}, in ${currency}.`}
        actions={
          <ExportButton
            disabled={!rows || rows.length === 0}
            onClick={() =>
              downloadCsv(`tax-report-${range.from}-${range.to}`, rows!, [
                { header: 'Direction', value: (r) => r.direction },
                { header: 'Tax rate (%)', value: (r) => Number(r.tax_rate) },
                { header: `Taxable amount (${currency})`, value: (r) => csvAmount(r.taxable_amount) },
                { header: `Tax (${currency})`, value: (r) => csvAmount(r.tax_amount) },
                { header: 'Documents', value: (r) => r.documents },
              ])
            }
          />
        }
      />
      <ReportFilters>
        <RangeFields range={range} />
      </ReportFilters>
      {!range.ok ? null : report.isPending ? (
        <LoadingState label="Adding up tax…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : rows!.length === 0 ? (
        <EmptyState
          icon={Receipt}
          title="No taxed documents in this period"
          description="No invoice, credit note or vendor bill was posted between these dates."
        />
      ) : (
        <div className={tableFrame} aria-busy={report.isFetching}>
          <table className="w-full text-sm">
            <caption className="sr-only">{`Tax report from ${range.from} to ${range.to}`}</caption>
            <thead className="border-b border-border text-left">
              <tr>
                <th scope="col" className={headCell}>
                  Rate
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Taxable amount
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Tax
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Documents
                </th>
              </tr>
            </thead>
            {sections.map((section) => {
              const lines = rows!.filter((r) => r.direction === section.direction);
              return (
                <tbody key={section.direction} className="border-b border-border">
                  <tr>
                    <th scope="rowgroup" colSpan={4} className={`${headCell} bg-muted/40 text-left`}>
                      {section.title}
                    </th>
                  </tr>
                  {lines.length === 0 ? (
                    <tr>
                      <td colSpan={4} className="px-3 py-2 text-muted-foreground">
                        None in this period
                      </td>
                    </tr>
                  ) : (
                    lines.map((r) => (
                      <tr key={`${r.direction}-${r.tax_rate}`}>
                        <th scope="row" className="px-3 py-2 text-left font-normal">
                          {`${Number(r.tax_rate)} %`}
                        </th>
                        <td className={numberCell}>{formatMoney(r.taxable_amount, currency)}</td>
                        <td className={numberCell}>{formatMoney(r.tax_amount, currency)}</td>
                        <td className={numberCell}>{r.documents}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              );
            })}
            <tfoot>
              <tr>
                <th scope="row" colSpan={2} className={`${headCell} text-left`}>
                  Output tax less input tax
                </th>
                <td className={`${numberCell} font-semibold`}>{formatMoney(totals!.net, currency)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
