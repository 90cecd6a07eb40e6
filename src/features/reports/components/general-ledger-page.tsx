// General ledger of one account over a period: the opening balance, its posted lines in entry
// order with the running balance after each (computed by Postgres), and the closing balance.
// Paged by 100 lines; the CSV export reads the whole range.
import { useState } from 'react';
import { BookOpen, ChevronLeft, ChevronRight } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import { useSearchParams } from 'react-router';
import {
  LEDGER_PAGE_SIZE,
  useFetchWholeLedger,
  useGeneralLedger,
  useGlAccountOptions,
  type GeneralLedger,
} from '../api/reports.ts';
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
  date: string;
  entry: string;
  description: string;
  partner: string;
  debit: number | '';
  credit: number | '';
  balance: number | '';
};

export function generalLedgerCsvRows(ledger: GeneralLedger): CsvRow[] {
  return [
    {
      date: ledger.from,
      entry: '',
      description: 'Opening balance',
      partner: '',
      debit: '',
      credit: '',
      balance: csvAmount(ledger.opening_balance),
    },
    ...ledger.lines.map((l) => ({
      date: l.entry_date,
      entry: l.entry_number,
      description: l.description,
      partner: l.partner_name ?? '',
      debit: csvAmount(l.debit),
      credit: csvAmount(l.credit),
      balance: csvAmount(l.balance),
    })),
    {
      date: ledger.to,
      entry: '',
      description: 'Closing balance',
      partner: '',
      debit: csvAmount(ledger.debit),
      credit: csvAmount(ledger.credit),
      balance: csvAmount(ledger.closing_balance),
    },
  ];
}

export function GeneralLedgerPage() {
  const { org } = useCurrentOrg();
  const currency = org.base_currency;
  const range = useReportRange();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const accountId = params.get('account');
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '1', 10) - 1 || 0);
  const accounts = useGlAccountOptions(org.id);
  const validRange = range.ok ? { from: range.from, to: range.to } : null;
  const ledger = useGeneralLedger(org.id, accountId, validRange, page);
  const fetchWhole = useFetchWholeLedger(org.id);
  const [exporting, setExporting] = useState(false);
  const data = ledger.data;
  const pages = data ? Math.max(1, Math.ceil(data.line_count / LEDGER_PAGE_SIZE)) : 1;

  const setPage = (next: number) =>
    update((p) => {
      if (next <= 0) p.delete('page');
      else p.set('page', String(next + 1));
    });

  const exportCsv = async () => {
    if (!accountId || !validRange) return;
    setExporting(true);
    try {
      const whole = await fetchWhole(accountId, validRange);
      downloadCsv(
        `general-ledger-${whole.account.code}-${validRange.from}-${validRange.to}`,
        generalLedgerCsvRows(whole),
        [
          { header: 'Date', value: (r) => r.date },
          { header: 'Entry', value: (r) => r.entry },
          { header: 'Description', value: (r) => r.description },
          { header: 'Partner', value: (r) => r.partner },
          { header: `Debit (${currency})`, value: (r) => r.debit },
          { header: `Credit (${currency})`, value: (r) => r.credit },
          { header: `Balance (${currency}, debit +)`, value: (r) => r.balance },
        ],
      );
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="General ledger"
        description={
          data
            ? `${data.account.code} · ${data.account.name}, from ${formatDate(range.from)} to ${formatDate(range.to)}, in ${currency}.`
            : 'The lines of one account over a period, with the running balance.'
        }
        actions={<ExportButton disabled={!data || exporting} onClick={() => void exportCsv()} />}
      />
      <ReportFilters>
        <SelectField
          label="Account"
          value={accountId ?? undefined}
          placeholder={accounts.isPending ? 'Loading accounts…' : 'Choose an account'}
          onValueChange={(v) =>
            update((p) => {
              p.set('account', v);
              p.delete('page');
            })
          }
          options={(accounts.data ?? []).map((a) => ({
            value: a.id,
            label: `${a.code} · ${a.name}${a.active ? '' : ' (inactive)'}`,
            textValue: `${a.code} ${a.name}`,
          }))}
          className="w-72"
        />
        <RangeFields range={range} />
      </ReportFilters>
      {accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => accounts.refetch()} />
      ) : !accountId ? (
        <EmptyState icon={BookOpen} title="Choose an account" description="Its ledger for the period shows here." />
      ) : !range.ok ? null : ledger.isPending ? (
        <LoadingState label="Reading the ledger…" />
      ) : ledger.isError ? (
        <ErrorState error={ledger.error} onRetry={() => ledger.refetch()} />
      ) : (
        <>
          <div className={tableFrame} aria-busy={ledger.isFetching}>
            <table className="w-full text-sm">
              <caption className="sr-only">
                General ledger of {data!.account.code} {data!.account.name} from {range.from} to {range.to}
              </caption>
              <thead className="border-b border-border text-left text-xs text-muted">
                <tr>
                  <th scope="col" className={headCell}>
                    Date
                  </th>
                  <th scope="col" className={headCell}>
                    Entry
                  </th>
                  <th scope="col" className={headCell}>
                    Description
                  </th>
                  <th scope="col" className={headCell}>
                    Partner
                  </th>
                  <th scope="col" className={`${headCell} text-right`}>
                    Debit
                  </th>
                  <th scope="col" className={`${headCell} text-right`}>
                    Credit
                  </th>
                  <th scope="col" className={`${headCell} text-right`}>
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                <tr className="bg-surface-muted font-semibold">
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(data!.from)}</td>
                  <th scope="row" colSpan={5} className="px-3 py-2 text-left">
                    Opening balance
                  </th>
                  <td className={numberCell}>{formatBalance(data!.opening_balance, currency)}</td>
                </tr>
                {data!.lines.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="px-3 py-6 text-center text-muted">
                      Nothing posted to this account in the period.
                    </td>
                  </tr>
                ) : (
                  data!.lines.map((l) => (
                    <tr key={l.line_id}>
                      <td className="px-3 py-2 whitespace-nowrap">{formatDate(l.entry_date)}</td>
                      <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{l.entry_number}</td>
                      <td className="px-3 py-2">{l.description}</td>
                      <td className="px-3 py-2">{l.partner_name ?? ''}</td>
                      <td className={numberCell}>{formatSide(l.debit, currency)}</td>
                      <td className={numberCell}>{formatSide(l.credit, currency)}</td>
                      <td className={numberCell}>{formatBalance(l.balance, currency)}</td>
                    </tr>
                  ))
                )}
              </tbody>
              <tfoot className="border-t-2 border-border font-semibold">
                <tr>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(data!.to)}</td>
                  <th scope="row" colSpan={3} className="px-3 py-2 text-left">
                    Period total and closing balance
                  </th>
                  <td className={numberCell}>{formatMoney(data!.debit, currency)}</td>
                  <td className={numberCell}>{formatMoney(data!.credit, currency)}</td>
                  <td className={numberCell}>{formatBalance(data!.closing_balance, currency)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          {data!.line_count > LEDGER_PAGE_SIZE && (
            <nav aria-label="Ledger pages" className="mt-3 flex items-center justify-end gap-2 text-sm">
              <span className="text-muted">
                Lines {data!.offset + 1}–{data!.offset + data!.lines.length} of {data!.line_count}
              </span>
              <Button size="sm" variant="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
                <ChevronLeft className="size-4" aria-hidden="true" /> Previous
              </Button>
              <Button size="sm" variant="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                Next <ChevronRight className="size-4" aria-hidden="true" />
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}
