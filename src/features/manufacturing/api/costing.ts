// What completing a production order will cost, estimated the way complete_production_order
// computes it (20261202220100), at the components' current moving-average costs: each
// component consumes its required quantity (pro rata, rounded to 4 decimals, when fewer are
// produced) at its unit cost, rounded to cents per component; the unit cost of the finished
// good is (material + labour) / produced, rounded to 4 decimals. The database's figure, at the
// costs at that moment, is the one that counts.
import Big from 'big.js';

export interface ComponentCostInput {
  required_quantity: number | string;
  cost: number | string | null | undefined;
}

export interface CompletionEstimate {
  material: Big;
  labour: Big;
  total: Big;
  unitCost: Big;
}

export function estimateCompletion(
  components: readonly ComponentCostInput[],
  orderQuantity: number | string,
  produced: number | string,
  labour: number | string,
): CompletionEstimate | null {
  const ordered = new Big(orderQuantity);
  const made = new Big(produced);
  if (made.lte(0) || made.gt(ordered)) return null;
  const material = components.reduce((sum, c) => {
    const required = new Big(c.required_quantity);
    const consumed = made.eq(ordered) ? required : required.times(made).div(ordered).round(4);
    return sum.plus(consumed.times(c.cost ?? 0).round(2));
  }, new Big(0));
  const labourCost = new Big(labour).round(2);
  const total = material.plus(labourCost);
  return { material, labour: labourCost, total, unitCost: total.div(made).round(4) };
}
