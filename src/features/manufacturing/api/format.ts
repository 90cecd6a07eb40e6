// Quantities (numeric(18,4): trailing zeros dropped) and unit costs (4 decimals, as the ledger
// keeps them) for the manufacturing screens. Values are passed to Intl as decimal strings, so
// nothing is rounded through floating point.
import Big from 'big.js';

const quantityFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

export function formatQuantity(value: Big | number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const big = value instanceof Big ? value : new Big(value);
  return quantityFormat.format(big.round(4).toString() as unknown as number);
}

const unitCostFormats = new Map<string, Intl.NumberFormat>();

/** "$41.0575", "$0.877": at least 2 and at most 4 decimals. */
export function formatUnitCost(value: Big | number | string | null | undefined, currency: string): string {
  if (value === null || value === undefined || value === '') return '—';
  let f = unitCostFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    });
    unitCostFormats.set(currency, f);
  }
  const big = value instanceof Big ? value : new Big(value);
  return f.format(big.round(4).toString() as unknown as number);
}
