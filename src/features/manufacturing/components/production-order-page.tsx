// One production order: its steps (planned → in progress → done, or cancelled), the finished
// good's stock and each component's availability live in the order's warehouse, the components
// with required / reserved / consumed, and the actions by status and role: start (reserves every
// component or is refused with the short ones listed), complete (quantity, labour, date; the
// unit cost it came to), cancel (reservations released). Live: the order's row changing
// anywhere reads it again. Planned orders show whether they can be built.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft, CheckCircle2, Play } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage, AppError } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useLiveStock, type LiveProductStock } from '@/lib/use-live-stock.ts';
import Big from 'big.js';
import { formatQuantity, formatUnitCost } from '../api/format.ts';
import {
  useProductionOrder,
  useProductionOrderMutations,
  type ProductionOrder,
  type ProductionOrderRecord,
} from '../api/production-orders.ts';
import { startShortages, type StartShortage } from '../schemas/production-order.ts';
import { CanBuildPanel } from './can-build-panel.tsx';
import { CompleteProductionOrderDialog } from './complete-production-order-dialog.tsx';
import { ProductionStatusBadge, ProductionSteps } from './production-status.tsx';

function levelIn(stock: LiveProductStock | undefined, warehouseId: string) {
  return stock?.levels.find((l) => l.warehouse_id === warehouseId);
}

interface Refusal {
  message: string;
  shortages: StartShortage[] | null;
}

export function ProductionOrderPage() {
  const { orderId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const order = useProductionOrder(org.id, orderId);
  const { start, cancel } = useProductionOrderMutations(org.id);
  const o = order.data;
  const stock = useLiveStock(org.id, o ? [o.product_id, ...o.components.map((c) => c.product_id)] : []);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [completing, setCompleting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [completed, setCompleted] = useState<ProductionOrder | null>(null);
  const canWrite = can(role, 'manufacturing.write');
  const canSeeBooks = can(role, 'accounting.read');

  if (order.isPending) return <LoadingState label="Loading the production order…" />;
  if (order.isError) return <ErrorState error={order.error} onRetry={() => order.refetch()} />;
  if (!o)
    return (
      <EmptyState
        title="Production order not found"
        action={<Link to="/manufacturing/orders">Back to production orders</Link>}
      />
    );
  const uom = o.product?.uom ?? '';
  const title = o.number ? `Production order ${o.number}` : 'Planned production order';
  const finished = levelIn(stock.stock?.[o.product_id], o.output_warehouse_id);

  function startOrder() {
    setRefusal(null);
    start.mutate(o!.id, {
      onSuccess: (started) =>
        toast.success(`Started as ${started.number ?? 'a production order'}; components reserved`),
      onError: (e) =>
        setRefusal({ message: errorMessage(e), shortages: e instanceof AppError ? startShortages(e.details) : null }),
    });
  }

  return (
    <>
      <Link
        to="/manufacturing/orders"
        className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden="true" /> Production orders
      </Link>
      <PageHeader
        title={title}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <ProductionStatusBadge status={o.status} />
            <span>
              {formatQuantity(o.quantity)} {uom} ×{' '}
              <Link to={`/products/${o.product_id}`}>{o.product?.name ?? 'product'}</Link>
            </span>
            {o.bom && (
              <span>
                · <Link to={`/manufacturing/boms/${o.bom.id}`}>{o.bom.name}</Link> (version {o.bom.version})
              </span>
            )}
            <span>· planned {formatDate(o.planned_date)}</span>
            {o.warehouse && <span>· {o.warehouse.code}</span>}
          </span>
        }
        actions={
          canWrite && (
            <>
              {(o.status === 'planned' || o.status === 'in_progress') && (
                <Button size="sm" variant="secondary" onClick={() => setCancelling(true)}>
                  Cancel order
                </Button>
              )}
              {o.status === 'planned' && (
                <Button size="sm" onClick={startOrder} busy={start.isPending}>
                  <Play className="size-4" aria-hidden="true" /> Start
                </Button>
              )}
              {o.status === 'in_progress' && (
                <Button size="sm" onClick={() => setCompleting(true)}>
                  <CheckCircle2 className="size-4" aria-hidden="true" /> Complete
                </Button>
              )}
            </>
          )
        }
      />
      <div className="grid gap-4">
        <ProductionSteps status={o.status} />
        {refusal && o.status === 'planned' && <RefusalAlert refusal={refusal} />}
        {completed && o.status === 'done' && (
          <Alert tone="info" title={`Produced ${formatQuantity(completed.produced_quantity)} ${uom}`}>
            At {formatUnitCost(completed.unit_cost, org.base_currency)} per {uom}: material{' '}
            {formatMoney(completed.material_cost, org.base_currency)} and labour{' '}
            {formatMoney(completed.labour_cost, org.base_currency)}.
          </Alert>
        )}
        <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
          <Card title="Components" flush>
            <ComponentsTable order={o} stock={stock.stock} />
          </Card>
          <div className="grid content-start gap-4">
            <Card title="Finished goods">
              <dl className="m-0 grid grid-cols-[1fr_auto] gap-x-4 gap-y-2 text-sm">
                <dt className="text-muted">On hand in {o.output_warehouse?.code ?? 'the warehouse'}</dt>
                <dd className="m-0 text-right font-semibold" data-testid="finished-on-hand">
                  {stock.isPending ? (
                    '…'
                  ) : (
                    <LiveQuantity value={finished?.on_hand ?? 0} changedAt={finished?.changedAt} uom={uom} />
                  )}
                </dd>
                <dt className="text-muted">To produce</dt>
                <dd className="m-0 text-right tabular-nums">
                  {formatQuantity(o.quantity)} {uom}
                </dd>
                {o.status === 'done' && (
                  <>
                    <dt className="text-muted">Produced on {formatDate(o.done_date)}</dt>
                    <dd className="m-0 text-right tabular-nums">
                      {formatQuantity(o.produced_quantity)} {uom}
                    </dd>
                  </>
                )}
              </dl>
            </Card>
            {o.status === 'done' && (
              <Card title="Cost">
                <dl className="m-0 grid grid-cols-[1fr_auto] gap-x-4 gap-y-2 text-sm" data-testid="order-cost">
                  <dt className="text-muted">Material</dt>
                  <dd className="m-0 text-right tabular-nums">{formatMoney(o.material_cost, org.base_currency)}</dd>
                  <dt className="text-muted">Labour</dt>
                  <dd className="m-0 text-right tabular-nums">{formatMoney(o.labour_cost, org.base_currency)}</dd>
                  <dt className="font-semibold">Unit cost</dt>
                  <dd className="m-0 text-right font-semibold tabular-nums">
                    {formatUnitCost(o.unit_cost, org.base_currency)}
                  </dd>
                </dl>
                {o.journal_entry_id && canSeeBooks && (
                  <p className="mt-3 mb-0 text-sm">
                    <Link to={`/accounting/journal/${o.journal_entry_id}`}>Journal entry</Link>
                  </p>
                )}
              </Card>
            )}
            {o.notes && (
              <Card title="Notes">
                <p className="m-0 text-sm whitespace-pre-wrap">{o.notes}</p>
              </Card>
            )}
          </div>
        </div>
        {o.status === 'planned' && (
          <Card title="Can we build it?" description="The whole tree, netted against what is available now.">
            <CanBuildPanel
              productId={o.product_id}
              uom={uom}
              defaultQuantity={o.quantity}
              defaultWarehouseId={o.warehouse_id}
              bomId={o.bom_id}
              checkAtOnce
            />
          </Card>
        )}
      </div>
      {completing && (
        <CompleteProductionOrderDialog
          order={o}
          open={completing}
          onOpenChange={setCompleting}
          onCompleted={(done) => {
            setCompleted(done);
            toast.success(
              `${done.number ?? 'Order'} done: ${formatQuantity(done.produced_quantity)} ${uom} at ${formatUnitCost(done.unit_cost, org.base_currency)} each`,
            );
          }}
        />
      )}
      <ConfirmDialog
        open={cancelling}
        onOpenChange={setCancelling}
        title={`Cancel ${o.number ?? 'this planned order'}?`}
        description="What it reserved is released; the order stays on record as cancelled."
        confirmLabel="Cancel order"
        onConfirm={async () => {
          await cancel.mutateAsync(o.id);
          toast.success('Production order cancelled');
        }}
      />
    </>
  );
}

function RefusalAlert({ refusal }: { refusal: Refusal }) {
  return (
    <Alert title="Could not start">
      <p>{refusal.message}</p>
      {refusal.shortages && (
        <table className="mt-2 text-sm">
          <caption className="sr-only">Short components</caption>
          <thead>
            <tr className="text-left text-xs">
              <th scope="col" className="pr-4 font-semibold">
                Component
              </th>
              <th scope="col" className="pr-4 text-right font-semibold">
                Needs
              </th>
              <th scope="col" className="pr-4 text-right font-semibold">
                Available
              </th>
              <th scope="col" className="text-right font-semibold">
                Short
              </th>
            </tr>
          </thead>
          <tbody>
            {refusal.shortages.map((s) => (
              <tr key={s.product_id}>
                <td className="pr-4">
                  <Link to={`/products/${s.product_id}`}>{s.sku}</Link>
                </td>
                <td className="pr-4 text-right tabular-nums">{formatQuantity(s.required)}</td>
                <td className="pr-4 text-right tabular-nums">{formatQuantity(s.available)}</td>
                <td className="text-right font-semibold tabular-nums">{formatQuantity(s.shortage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Alert>
  );
}

function ComponentsTable({
  order,
  stock,
}: {
  order: ProductionOrderRecord;
  stock: Record<string, LiveProductStock> | undefined;
}) {
  const { org } = useCurrentOrg();
  const done = order.status === 'done';
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Components</caption>
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-semibold">
              Component
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Required
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Reserved
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Consumed
            </th>
            <th scope="col" className="px-4 py-2 text-right font-semibold">
              {done ? 'Unit cost' : `Available in ${order.warehouse?.code ?? 'the warehouse'}`}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {order.components.map((c) => {
            const level = levelIn(stock?.[c.product_id], order.warehouse_id);
            const available = level?.available ?? 0;
            const short =
              order.status === 'planned' && c.product?.kind !== 'consumable'
                ? new Big(c.required_quantity).minus(available)
                : null;
            return (
              <tr key={c.id} data-component={c.product?.sku}>
                <td className="px-4 py-2">
                  <Link to={`/products/${c.product_id}`} className="font-medium">
                    {c.product?.name}
                  </Link>
                  <span className="block text-xs text-muted">{c.product?.sku}</span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatQuantity(c.required_quantity)} <span className="text-xs text-muted">{c.product?.uom}</span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatQuantity(c.reserved_quantity)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatQuantity(c.consumed_quantity)}</td>
                <td className="px-4 py-2 text-right">
                  {done ? (
                    <span className="tabular-nums">{formatUnitCost(c.unit_cost, org.base_currency)}</span>
                  ) : stock ? (
                    <span className="inline-grid justify-items-end" data-testid="component-available">
                      <LiveQuantity value={available} changedAt={level?.changedAt} warnBelowZero />
                      {short && short.gt(0) && (
                        <span className={cn('text-xs font-medium text-danger')}>short by {formatQuantity(short)}</span>
                      )}
                    </span>
                  ) : (
                    '…'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
