// Order arithmetic with big.js (never floats): a line's net and tax as the database rounds
// them (sales_order_lines.net_amount / tax_amount), order totals, and per line what is still
// to ship, on backorder, or may come back.
import Big from 'big.js';

type Num = number | string | null | undefined;

const big = (v: Num): Big => {
  try {
    return new Big(v === null || v === undefined || v === '' ? 0 : v);
  } catch {
    return new Big(0);
  }
};

/** round(quantity × unit price × (1 − discount / 100), 2); null when a box holds no number. */
export function lineNet(quantity: Num, unitPrice: Num, discountPct: Num): Big | null {
  try {
    return new Big(quantity || 0)
      .times(new Big(unitPrice || 0))
      .times(new Big(100).minus(new Big(discountPct || 0)))
      .div(100)
      .round(2);
  } catch {
    return null;
  }
}

/** round(net × rate / 100, 2). */
export function lineTax(net: Big, taxRate: Num): Big {
  return net.times(big(taxRate)).div(100).round(2);
}

export interface Totals {
  net: Big;
  tax: Big;
  gross: Big;
}

/** Totals of lines being edited (a line without a valid number counts as 0). */
export function draftTotals(
  lines: readonly { quantity: Num; unit_price: Num; discount_pct: Num; tax_rate: Num }[],
): Totals {
  let net = new Big(0);
  let tax = new Big(0);
  for (const l of lines) {
    const n = lineNet(l.quantity, l.unit_price, l.discount_pct) ?? new Big(0);
    net = net.plus(n);
    let t = new Big(0);
    try {
      t = lineTax(n, l.tax_rate || 0);
    } catch {
      // A tax rate that is not a number yet.
    }
    tax = tax.plus(t);
  }
  return { net, tax, gross: net.plus(tax) };
}

/** Totals of stored lines (net_amount and tax_amount from the database). */
export function storedTotals(lines: readonly { net_amount: Num; tax_amount: Num }[]): Totals {
  let net = new Big(0);
  let tax = new Big(0);
  for (const l of lines) {
    net = net.plus(big(l.net_amount));
    tax = tax.plus(big(l.tax_amount));
  }
  return { net, tax, gross: net.plus(tax) };
}

interface FulfilmentLine {
  quantity: Num;
  reserved_quantity: Num;
  delivered_quantity: Num;
}

/** quantity − delivered − reserved (never below 0): what is neither shipped nor held in stock. */
export function backorderQuantity(line: FulfilmentLine): number {
  const open = big(line.quantity).minus(big(line.delivered_quantity)).minus(big(line.reserved_quantity));
  return open.gt(0) ? Number(open) : 0;
}

/** quantity − delivered (never below 0). */
export function toDeliverQuantity(line: { quantity: Num; delivered_quantity: Num }): number {
  const open = big(line.quantity).minus(big(line.delivered_quantity));
  return open.gt(0) ? Number(open) : 0;
}

/** delivered − returned (never below 0). */
export function returnableQuantity(line: { delivered_quantity: Num; returned_quantity: Num }): number {
  const open = big(line.delivered_quantity).minus(big(line.returned_quantity));
  return open.gt(0) ? Number(open) : 0;
}

/** Whether `quantity` is more than `available` (exactly, as decimals). */
export function exceeds(quantity: Num, available: Num): boolean {
  return big(quantity).gt(big(available));
}

/** A quantity for people: "12", "12.5" (no trailing zeros). */
export function formatQuantity(v: Num): string {
  return Number(big(v).toFixed(4)).toLocaleString(undefined, { maximumFractionDigits: 4 });
}
