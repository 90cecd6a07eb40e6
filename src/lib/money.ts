// Money in the browser: amounts arrive from PostgREST as JSON numbers with at most the
// column's scale (numeric(18,2)), and totals are summed exactly with big.js, never with
// floating point (DESIGN.md invariant 7).
import Big from 'big.js';

export type Amount = number | string | null | undefined;

/** Exact sum of amounts (null/undefined count as zero). */
export function sumAmounts(amounts: Iterable<Amount>): Big {
  let total = new Big(0);
  for (const a of amounts) if (a !== null && a !== undefined && a !== '') total = total.plus(a);
  return total;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "€1,234.50"; whole units when `compact` (board column headers). */
export function formatMoney(
  value: Big | Amount,
  currency: string,
  { compact = false, locale }: { compact?: boolean; locale?: string } = {},
): string {
  const key = `${locale ?? ''}|${currency}|${compact}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(compact ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
    });
    formatters.set(key, f);
  }
  const big = value instanceof Big ? value : new Big(value ?? 0);
  // Intl takes a decimal string exactly (no float rounding on large totals).
  return f.format(big.toFixed(compact ? 0 : 2) as unknown as number);
}
