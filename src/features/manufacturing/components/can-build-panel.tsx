// "Can we build it": a quantity and a warehouse, then can_build's answer: buildable or not, how
// many the direct components allow now, every component (sub-assemblies broken down only as far
// as they are short) with required / available / short, and what to buy, with the way to the
// products and to the reorder alerts that production demand raises.
import { useState } from 'react';
import { Link } from 'react-router';
import { CircleCheck, CircleX, RefreshCw } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { Field } from '@/components/field.tsx';
import { Input } from '@/components/input.tsx';
import { Select } from '@/components/select.tsx';
import { Spinner } from '@/components/spinner.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatQuantity } from '../api/format.ts';
import { useCanBuild, useWarehouseChoices, type CanBuildParams } from '../api/production-orders.ts';
import { quantitySchema } from '../schemas/bom.ts';
import type { CanBuild } from '../schemas/production-order.ts';

interface CanBuildPanelProps {
  productId: string;
  uom: string;
  defaultQuantity: number;
  /** The components' warehouse to check first (else the org's default). */
  defaultWarehouseId?: string | null;
  /** The BOM the page is about: said so when production would use another one. */
  bomId?: string;
  /** Check at once (an order's page) rather than on request. */
  checkAtOnce?: boolean;
}

export function CanBuildPanel({
  productId,
  uom,
  defaultQuantity,
  defaultWarehouseId = null,
  bomId,
  checkAtOnce = false,
}: CanBuildPanelProps) {
  const { org } = useCurrentOrg();
  const warehouses = useWarehouseChoices(org.id);
  const [quantity, setQuantity] = useState(String(defaultQuantity));
  const [warehouseId, setWarehouseId] = useState<string | null>(defaultWarehouseId);
  const [quantityError, setQuantityError] = useState<string | null>(null);
  const [params, setParams] = useState<CanBuildParams | null>(
    checkAtOnce ? { productId, quantity: defaultQuantity, warehouseId: defaultWarehouseId } : null,
  );
  const answer = useCanBuild(org.id, params);
  const shownWarehouse = warehouseId ?? warehouses.data?.find((w) => w.is_default)?.id ?? warehouses.data?.[0]?.id;

  function check() {
    const parsed = quantitySchema.safeParse(quantity);
    if (!parsed.success) {
      setQuantityError(parsed.error.issues[0]?.message ?? 'Enter a quantity');
      return;
    }
    setQuantityError(null);
    const next = { productId, quantity: parsed.data, warehouseId: shownWarehouse ?? null };
    if (JSON.stringify(next) === JSON.stringify(params)) void answer.refetch();
    else setParams(next);
  }

  return (
    <div className="grid gap-4">
      <form
        noValidate
        aria-label="Can we build it"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          check();
        }}
      >
        <Field label="Quantity to build" error={quantityError ?? undefined} className="w-40">
          {(control) => (
            <Input {...control} inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          )}
        </Field>
        <Field label="Components from" className="w-56">
          {(control) => (
            <Select
              {...control}
              value={shownWarehouse}
              onValueChange={setWarehouseId}
              placeholder="Choose a warehouse"
              options={(warehouses.data ?? []).map((w) => ({
                value: w.id,
                label: `${w.code} · ${w.name}`,
                textValue: `${w.code} ${w.name}`,
              }))}
            />
          )}
        </Field>
        <Button type="submit" variant="secondary" busy={answer.isFetching}>
          <RefreshCw className="size-4" aria-hidden="true" /> {params ? 'Check again' : 'Check'}
        </Button>
      </form>
      {params &&
        (answer.isPending ? (
          <p className="m-0 inline-flex items-center gap-2 text-sm text-muted">
            <Spinner size="small" label="Checking the stock…" />
            <span aria-hidden="true">Checking the stock…</span>
          </p>
        ) : answer.isError ? (
          <ErrorState title="Could not check" error={answer.error} onRetry={() => answer.refetch()} />
        ) : (
          <CanBuildAnswer answer={answer.data} uom={uom} bomId={bomId} />
        ))}
    </div>
  );
}

export function CanBuildAnswer({ answer, uom, bomId }: { answer: CanBuild; uom: string; bomId?: string }) {
  const q = formatQuantity(answer.quantity);
  const shortSubAssemblies = answer.components.filter((c) => c.has_bom && c.shortage > 0);
  return (
    <div className="grid gap-3" data-testid="can-build-answer">
      <div role="status" className="grid gap-1">
        <p
          className={cn(
            'm-0 inline-flex items-center gap-2 font-semibold',
            answer.buildable ? 'text-success' : 'text-danger',
          )}
        >
          {answer.buildable ? (
            <CircleCheck className="size-5" aria-hidden="true" />
          ) : (
            <CircleX className="size-5" aria-hidden="true" />
          )}
          {answer.buildable ? `Yes: ${q} ${uom} can be built now` : `No: not enough components for ${q} ${uom}`}
        </p>
        <p className="m-0 text-sm text-muted">
          {answer.max_buildable === null
            ? 'The components are not limited by stock.'
            : `Up to ${formatQuantity(answer.max_buildable)} ${uom} can be built from the components in stock.`}
        </p>
      </div>
      {bomId && answer.bom_id !== bomId && (
        <Alert tone="info" title="Checked with another bill of materials">
          Production uses the product&apos;s{' '}
          <Link to={`/manufacturing/boms/${answer.bom_id}`}>default bill of materials</Link>, so that is the one
          checked.
        </Alert>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Components needed</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted">
              <th scope="col" className="py-2 pr-3 font-semibold">
                Component
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-semibold">
                Required
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-semibold">
                Available
              </th>
              <th scope="col" className="py-2 text-right font-semibold">
                Short
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {answer.components.map((c) => (
              <tr key={c.path.join('/')} data-component={c.sku}>
                <td className="py-2 pr-3" style={{ paddingLeft: `${(c.level - 1) * 1.25}rem` }}>
                  <Link to={`/products/${c.product_id}`} className="font-medium">
                    {c.name}
                  </Link>
                  <span className="block text-xs text-muted">
                    {c.level > 1 ? `for ${c.sku_path.slice(0, -1).join(' › ')} · ` : ''}
                    {c.sku}
                    {c.has_bom && c.shortage > 0 && ' · build the missing ones (components below)'}
                    {c.allows_negative_stock && ' · may go below zero'}
                  </span>
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {formatQuantity(c.required)} <span className="text-xs text-muted">{c.uom}</span>
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatQuantity(c.available)}</td>
                <td
                  className={cn(
                    'py-2 text-right tabular-nums',
                    c.shortage > 0 && !c.allows_negative_stock && 'font-semibold text-danger',
                  )}
                >
                  {c.shortage > 0 ? formatQuantity(c.shortage) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(answer.to_buy.length > 0 || shortSubAssemblies.length > 0) && (
        <div className="grid gap-2 rounded-lg border border-border p-3 text-sm">
          {answer.to_buy.length > 0 && (
            <>
              <p className="m-0 font-semibold">To buy</p>
              <ul className="m-0 grid list-none gap-1 p-0" aria-label="To buy">
                {answer.to_buy.map((b) => (
                  <li key={b.product_id}>
                    <Link to={`/products/${b.product_id}`}>{b.name}</Link> <span className="text-muted">{b.sku}</span>:{' '}
                    {formatQuantity(b.shortage)} {b.uom}
                  </li>
                ))}
              </ul>
            </>
          )}
          {shortSubAssemblies.length > 0 && (
            <p className="m-0">
              To build first:{' '}
              {shortSubAssemblies.map((c, i) => (
                <span key={c.path.join('/')}>
                  {i > 0 && ', '}
                  {formatQuantity(c.shortage)} {c.uom} <Link to={`/products/${c.product_id}`}>{c.name}</Link>
                </span>
              ))}
              .
            </p>
          )}
          <p className="m-0 text-muted">
            Planned orders count as demand: their shortages raise <Link to="/stock/alerts">reorder alerts</Link> with
            draft purchase orders for the preferred suppliers.
          </p>
        </div>
      )}
    </div>
  );
}
