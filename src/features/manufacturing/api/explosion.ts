// The explosion as a tree, with costs rolled up exactly (big.js, never floating point): a
// component bought in (a leaf, or a sub-assembly not expanded further) costs its quantity ×
// its current moving-average unit cost; a sub-assembly expanded below costs what its own
// components cost. The rows come from explode_bom depth first, each with its path of product
// ids from the direct component down, so a row's parent is the row whose path is one shorter.
import Big from 'big.js';
import type { ExplosionRow } from './boms.ts';

export interface ExplosionNode {
  row: ExplosionRow;
  /** Stable across renders: the path of product ids. */
  key: string;
  children: ExplosionNode[];
  /** Quantity × unit cost (what it is carried at in stock). */
  stockCost: Big;
  /** What it costs built from its components (its stock cost when it has none below it). */
  rolledUpCost: Big;
}

export interface Explosion {
  roots: ExplosionNode[];
  /** Sum of the direct components' rolled-up costs. */
  total: Big;
  /** total / quantity (null for no quantity). */
  perUnit: Big | null;
  /** Leaves summed per product: what has to be bought for the quantity. */
  leaves: { product_id: string; sku: string; name: string; uom: string; quantity: Big; cost: Big }[];
}

export function buildExplosion(rows: readonly ExplosionRow[], quantity: number): Explosion {
  const byPath = new Map<string, ExplosionNode>();
  const roots: ExplosionNode[] = [];
  for (const row of rows) {
    const key = row.path.join('/');
    const stockCost = new Big(row.quantity).times(row.unit_cost);
    const node: ExplosionNode = { row, key, children: [], stockCost, rolledUpCost: stockCost };
    byPath.set(key, node);
    const parent = row.level > 1 ? byPath.get(row.path.slice(0, -1).join('/')) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const rollUp = (node: ExplosionNode): Big => {
    if (node.children.length > 0) {
      node.rolledUpCost = node.children.reduce((sum, child) => sum.plus(rollUp(child)), new Big(0));
    }
    return node.rolledUpCost;
  };
  const total = roots.reduce((sum, node) => sum.plus(rollUp(node)), new Big(0));

  const leaves = new Map<string, Explosion['leaves'][number]>();
  const collect = (node: ExplosionNode) => {
    if (node.children.length > 0) return node.children.forEach(collect);
    const { product_id, sku, name, uom } = node.row;
    const seen = leaves.get(product_id);
    if (seen) {
      seen.quantity = seen.quantity.plus(node.row.quantity);
      seen.cost = seen.cost.plus(node.stockCost);
    } else
      leaves.set(product_id, {
        product_id,
        sku,
        name,
        uom,
        quantity: new Big(node.row.quantity),
        cost: node.stockCost,
      });
  };
  roots.forEach(collect);

  return {
    roots,
    total,
    perUnit: quantity > 0 ? total.div(quantity) : null,
    leaves: [...leaves.values()].sort((a, b) => a.sku.localeCompare(b.sku)),
  };
}
