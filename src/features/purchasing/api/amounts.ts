// Order arithmetic with big.js (never floats): line net and tax as the database rounds them,
// order totals, and how much of an order has arrived or been billed.
import Big from 'big.js';

type Num = number | string | null | undefined;

const big = (v: Num): Big => {
  try {
    return new Big(v === null || v === undefined || v === '' ? 0 : v);
  } catch {
    return new Big(0);
  }
};

/** round(quantity × unit cost, 2), as purchase_order_lines.net_amount. */
export function lineNet(quantity: Num, unitCost: Num): Big {
  return big(quantity).times(big(unitCost)).round(2);
}

/** round(net × rate / 100, 2), as vendor_bill_lines.tax_amount. */
export function lineTax(net: Big, taxRate: Num): Big {
  return net.times(big(taxRate)).div(100).round(2);
}

export interface Totals {
  net: Big;
  tax: Big;
  gross: Big;
}

export function orderTotals(lines: readonly { net: Big; taxRate: Num }[]): Totals {
  let net = new Big(0);
  let tax = new Big(0);
  for (const l of lines) {
    net = net.plus(l.net);
    tax = tax.plus(lineTax(l.net, l.taxRate));
  }
  return { net, tax, gross: net.plus(tax) };
}

/** Totals of stored lines (net_amount from the database). */
export function storedTotals(lines: readonly { net_amount: Num; tax_rate: Num }[]): Totals {
  return orderTotals(lines.map((l) => ({ net: big(l.net_amount), taxRate: l.tax_rate })));
}

/** Whole percent of the ordered quantity that has arrived (over-deliveries count as 100%). */
export function receivedPercent(lines: readonly { quantity: Num; received_quantity: Num }[]): number {
  let ordered = new Big(0);
  let received = new Big(0);
  for (const l of lines) {
    const q = big(l.quantity);
    const r = big(l.received_quantity);
    ordered = ordered.plus(q);
    received = received.plus(r.gt(q) ? q : r);
  }
  if (ordered.eq(0)) return 0;
  return Number(received.times(100).div(ordered).round(0, Big.roundDown));
}

/** quantity − received (never below 0). */
export function openQuantity(line: { quantity: Num; received_quantity: Num }): number {
  const open = big(line.quantity).minus(big(line.received_quantity));
  return open.gt(0) ? Number(open) : 0;
}

/** received − billed (never below 0). */
export function unbilledQuantity(line: { received_quantity: Num; billed_quantity: Num }): number {
  const open = big(line.received_quantity).minus(big(line.billed_quantity));
  return open.gt(0) ? Number(open) : 0;
}

/** A quantity for people: "12", "12.5" (no trailing zeros). */
export function formatQuantity(v: Num): string {
  return Number(big(v).toFixed(4)).toLocaleString(undefined, { maximumFractionDigits: 4 });
}
