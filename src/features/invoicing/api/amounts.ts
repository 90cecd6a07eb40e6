// Invoice and payment arithmetic with big.js, as the database rounds it: line net and tax,
// totals, and how a payment is spread over open documents (oldest first, the rest kept as
// the partner's credit).
import Big from 'big.js';

type Num = number | string | Big | null | undefined;

/** A Big of a typed or stored value; blanks and junk count as zero. */
export function big(v: Num): Big {
  try {
    return new Big(v === null || v === undefined || v === '' ? 0 : v);
  } catch {
    return new Big(0);
  }
}

/** round(quantity × unit price × (1 − discount/100), 2), as invoice_lines.net_amount. */
export function lineNet(quantity: Num, unitPrice: Num, discountPct: Num): Big {
  return big(quantity)
    .times(big(unitPrice))
    .times(new Big(1).minus(big(discountPct).div(100)))
    .round(2);
}

/** round(net × rate / 100, 2), as invoice_lines.tax_amount. */
export function lineTax(net: Big, taxRate: Num): Big {
  return net.times(big(taxRate)).div(100).round(2);
}

export interface Totals {
  net: Big;
  tax: Big;
  gross: Big;
}

export function linesTotals(
  lines: readonly { quantity: Num; unit_price: Num; discount_pct: Num; tax_rate: Num }[],
): Totals {
  let net = new Big(0);
  let tax = new Big(0);
  for (const l of lines) {
    const n = lineNet(l.quantity, l.unit_price, l.discount_pct);
    net = net.plus(n);
    tax = tax.plus(lineTax(n, l.tax_rate));
  }
  return { net, tax, gross: net.plus(tax) };
}

export interface OpenDocument {
  id: string;
  amount_due: Num;
}

/**
 * Spreads `amount` over `docs` in the order given (oldest first): each gets what it still owes
 * until the money runs out. Returns the amount per document id as 2-decimal strings ("0.00" for
 * those left out) and what remains unallocated.
 */
export function allocateOldestFirst(
  amount: Num,
  docs: readonly OpenDocument[],
): {
  amounts: Record<string, string>;
  rest: Big;
} {
  let left = big(amount);
  if (left.lt(0)) left = new Big(0);
  const amounts: Record<string, string> = {};
  for (const d of docs) {
    const due = big(d.amount_due);
    const take = left.gt(due) ? due : left;
    amounts[d.id] = take.toFixed(2);
    left = left.minus(take);
  }
  return { amounts, rest: left };
}

/** "12", "12.5" for people (no trailing zeros). */
export function formatQuantity(v: Num): string {
  return Number(big(v).toFixed(4)).toLocaleString(undefined, { maximumFractionDigits: 4 });
}

/** A quantity as a plain decimal string for inputs and RPCs ("12.5"). */
export function quantityText(v: Num): string {
  return big(v).round(4).toString();
}
