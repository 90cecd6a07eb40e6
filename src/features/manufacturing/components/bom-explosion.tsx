// The multi-level explosion of a BOM (explode_bom) for a quantity: every component on every
// level with the quantity it takes including scrap, its current unit cost and its cost, sub-
// assemblies rolled up from their own components (and foldable), and the material cost of the
// whole quantity and per unit. Costs are summed exactly (api/explosion.ts).
import { useState } from 'react';
import { Link } from 'react-router';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { Field } from '@/components/field.tsx';
import { Input } from '@/components/input.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatMoney } from '@/lib/money.ts';
import { useExplosion, type ExplosionRow } from '../api/boms.ts';
import { buildExplosion, type ExplosionNode } from '../api/explosion.ts';
import { formatQuantity, formatUnitCost } from '../api/format.ts';
import { quantitySchema } from '../schemas/bom.ts';

interface BomExplosionProps {
  productId: string;
  bomId: string;
  uom: string;
  outputQuantity: number;
}

export function BomExplosion({ productId, bomId, uom, outputQuantity }: BomExplosionProps) {
  const { org } = useCurrentOrg();
  const [text, setText] = useState(String(outputQuantity));
  const parsed = quantitySchema.safeParse(text);
  const quantity = parsed.success ? parsed.data : null;
  const explosion = useExplosion(org.id, productId, bomId, quantity);

  return (
    <div className="grid gap-4">
      <Field
        label={`Explode for (${uom})`}
        error={parsed.success ? undefined : parsed.error.issues[0]?.message}
        className="w-40"
      >
        {(control) => <Input {...control} inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {explosion.isPending && quantity !== null ? (
        <LoadingState label="Exploding the bill of materials…" />
      ) : explosion.isError ? (
        <ErrorState title="Could not explode" error={explosion.error} onRetry={() => explosion.refetch()} />
      ) : explosion.data ? (
        <ExplosionTable rows={explosion.data} quantity={quantity ?? 0} uom={uom} currency={org.base_currency} />
      ) : null}
    </div>
  );
}

interface ExplosionTableProps {
  rows: readonly ExplosionRow[];
  quantity: number;
  uom: string;
  currency: string;
}

export function ExplosionTable({ rows, quantity, uom, currency }: ExplosionTableProps) {
  const [folded, setFolded] = useState<Set<string>>(new Set());
  if (rows.length === 0) return <p className="m-0 text-sm text-muted">No components yet.</p>;
  const tree = buildExplosion(rows, quantity);
  const visible: ExplosionNode[] = [];
  const walk = (node: ExplosionNode) => {
    visible.push(node);
    if (!folded.has(node.key)) node.children.forEach(walk);
  };
  tree.roots.forEach(walk);
  const toggle = (key: string) =>
    setFolded((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Explosion</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-semibold">
              Component
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Level
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Quantity
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Scrap
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Unit cost
            </th>
            <th scope="col" className="py-2 text-right font-semibold">
              Cost
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {visible.map((node) => {
            const { row } = node;
            const open = !folded.has(node.key);
            return (
              <tr key={node.key} data-path={row.sku_path.join('/')}>
                <td className="py-2 pr-3">
                  <div className="flex items-start gap-1" style={{ paddingLeft: `${(row.level - 1) * 1.5}rem` }}>
                    {node.children.length > 0 ? (
                      <Button
                        size="icon"
                        variant="ghost"
                        className="size-6"
                        aria-expanded={open}
                        aria-label={`${open ? 'Fold' : 'Unfold'} ${row.name}`}
                        onClick={() => toggle(node.key)}
                      >
                        {open ? (
                          <ChevronDown className="size-4" aria-hidden="true" />
                        ) : (
                          <ChevronRight className="size-4" aria-hidden="true" />
                        )}
                      </Button>
                    ) : (
                      <span className="inline-block size-6" aria-hidden="true" />
                    )}
                    <span>
                      <Link to={`/products/${row.product_id}`} className="font-medium">
                        {row.name}
                      </Link>
                      <span className="block text-xs text-muted">
                        {row.sku}
                        {row.bom_id && (
                          <>
                            {' · '}
                            <Link to={`/manufacturing/boms/${row.bom_id}`}>sub-assembly</Link>
                          </>
                        )}
                      </span>
                    </span>
                  </div>
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{row.level}</td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {formatQuantity(row.quantity)} <span className="text-xs text-muted">{row.uom}</span>
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {row.scrap_pct > 0 ? `${formatQuantity(row.scrap_pct)} %` : '—'}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatUnitCost(row.unit_cost, currency)}</td>
                <td className="py-2 text-right tabular-nums">
                  {formatMoney(node.rolledUpCost, currency)}
                  {node.children.length > 0 && (
                    <span className="block text-xs text-muted">
                      rolled up; in stock at {formatMoney(node.stockCost, currency)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="tabular-nums">
          <tr>
            <th scope="row" colSpan={5} className="pt-3 pr-3 text-right font-semibold">
              Material cost of {formatQuantity(quantity)} {uom}
            </th>
            <td className="pt-3 text-right font-semibold" data-testid="explosion-total">
              {formatMoney(tree.total, currency)}
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={5} className="pr-3 text-right font-normal text-muted">
              Per {uom}
            </th>
            <td className="text-right" data-testid="explosion-per-unit">
              {tree.perUnit ? formatUnitCost(tree.perUnit, currency) : '—'}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
