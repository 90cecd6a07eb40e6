// What the report pages share: the period in the URL and its fields, the export button, and the
// formatting of server amounts (never summed here: totals come from the database).
import { useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import Big from 'big.js';
import { Download } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatMoney, type Amount } from '@/lib/money.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import { defaultRange, localIsoDate, parseAsOf, parseRange, type ParsedRange } from '../schemas/report-period.ts';

/** The report's from/to (URL search params, default: the current fiscal year to date). */
export function useReportRange(): ParsedRange & { setParam(name: 'from' | 'to', value: string): void } {
  const { org } = useCurrentOrg();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const range = useMemo(
    () => parseRange(from, to, defaultRange(new Date(), org.fiscal_year_start_month)),
    [from, to, org.fiscal_year_start_month],
  );
  return {
    ...range,
    setParam: (name, value) =>
      update((next) => {
        if (value) next.set(name, value);
        else next.delete(name);
      }),
  };
}

/** The balance sheet's date (URL ?as_of=, default today). */
export function useAsOf() {
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const asOf = params.get('as_of');
  const parsed = useMemo(() => parseAsOf(asOf, localIsoDate(new Date())), [asOf]);
  return {
    ...parsed,
    setAsOf: (value: string) =>
      update((next) => {
        if (value) next.set('as_of', value);
        else next.delete('as_of');
      }),
  };
}

export function RangeFields({ range }: { range: ReturnType<typeof useReportRange> }) {
  return (
    <>
      <TextField
        label="From"
        type="date"
        value={range.from}
        error={range.ok ? undefined : range.errors.from}
        onChange={(e) => range.setParam('from', e.target.value)}
        className="w-44"
      />
      <TextField
        label="To"
        type="date"
        value={range.to}
        error={range.ok ? undefined : range.errors.to}
        onChange={(e) => range.setParam('to', e.target.value)}
        className="w-44"
      />
    </>
  );
}

export function ReportFilters({ children }: { children: ReactNode }) {
  return (
    <div role="group" aria-label="Report period" className="mb-4 flex flex-wrap items-start gap-3">
      {children}
    </div>
  );
}

export function ExportButton({ disabled, onClick }: { disabled?: boolean; onClick(): void }) {
  return (
    <Button size="sm" variant="secondary" disabled={disabled} onClick={onClick}>
      <Download className="size-4" aria-hidden="true" /> Export CSV
    </Button>
  );
}

/**
 * An amount for CSV, as a number: the CSV writer escapes text starting with "-" against formula
 * injection (a negative "-900.00" would become "'-900.00"), never numbers. Amounts have two
 * decimals and at most 15 significant digits, which a double prints back exactly ("-900.5").
 */
export function csvAmount(value: Amount): number {
  return Number(new Big(value ?? 0).toFixed(2));
}

/** A signed balance (debit positive) as "€1,200.00 Dr" / "€300.00 Cr" / "€0.00". */
export function formatBalance(value: Amount, currency: string): string {
  const big = new Big(value ?? 0);
  if (big.eq(0)) return formatMoney(big, currency);
  return `${formatMoney(big.abs(), currency)} ${big.gt(0) ? 'Dr' : 'Cr'}`;
}

/** A zero amount shows as a dash in debit/credit columns, as on paper. */
export function formatSide(value: Amount, currency: string): string {
  return new Big(value ?? 0).eq(0) ? '–' : formatMoney(value, currency);
}

export const numberCell = 'px-3 py-2 text-right tabular-nums whitespace-nowrap';
export const headCell = 'px-3 py-2 font-semibold';
export const tableFrame = 'overflow-x-auto rounded-xl border border-border bg-surface';
