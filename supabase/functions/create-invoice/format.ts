// Number formatting for invoice documents, on the decimal strings Postgres returns
// (numeric columns read as text): digits are only regrouped and padded, never turned
// into floating-point numbers, so what the PDF shows is exactly what the database holds.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parts(value: string): { sign: string; int: string; frac: string } {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new Error(`Not a decimal number: ${JSON.stringify(value)}`);
  const int = m[2]!.replace(/^0+(?=\d)/, '');
  const frac = m[3] ?? '';
  // "-0.00" shows as "0.00".
  const zero = /^0*$/.test(int) && /^0*$/.test(frac);
  return { sign: zero ? '' : m[1]!, int, frac };
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "1234567.5" → "1,234,567.50": thousands grouped, at least `minDecimals` and at most
 * `maxDecimals` decimals (trailing zeros beyond the minimum dropped). Digits beyond
 * `maxDecimals` are an error rather than rounded: amounts come rounded from the database.
 */
export function formatDecimal(value: string, minDecimals = 2, maxDecimals = minDecimals): string {
  const { sign, int, frac } = parts(value);
  let f = frac.replace(/0+$/, '');
  if (f.length > maxDecimals) throw new Error(`${value} has more than ${maxDecimals} decimals`);
  f = f.padEnd(minDecimals, '0');
  return `${sign}${group(int)}${f ? `.${f}` : ''}`;
}

/** An amount of money: two decimals, grouped, with its currency ("1,234.50 EUR"). */
export function formatMoney(value: string, currency: string): string {
  return `${formatDecimal(value, 2)} ${currency}`;
}

/** A unit price: two to four decimals ("12.50", "0.1234"). */
export function formatUnitPrice(value: string): string {
  return formatDecimal(value, 2, 4);
}

/** A quantity or a percentage: only the decimals it has ("3", "2.5", "7.25"). */
export function formatQuantity(value: string): string {
  return formatDecimal(value, 0, 4);
}
