// One sales order: its header (customer, deal, currency, terms, promised date, warehouse,
// status), its lines (edited while a draft, with live availability; after confirmation what is
// reserved, delivered, invoiced, returned and backordered), and what can happen next by
// status and role: confirm (the SO number; what could not be reserved is backordered), reserve
// again, cancel, deliver and take returns (warehouse), with deliveries, returns and invoices.
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft, CheckCircle2, PackageCheck, RefreshCw, Undo2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { backorderQuantity, formatQuantity, returnableQuantity, toDeliverQuantity } from '../api/amounts.ts';
import { useCustomerReturns, useDeliveries, useDeliveryMutations, useReturnMutations } from '../api/fulfilment.ts';
import { useSalesOrder, useSalesOrderMutations, type BackorderLine } from '../api/sales-orders.ts';
import { DeliveriesCard } from './deliveries-card.tsx';
import { DeliveryDialog } from './delivery-dialog.tsx';
import { OrderInvoicesCard } from './order-invoices-card.tsx';
import { ReturnDialog } from './return-dialog.tsx';
import { ReturnsCard } from './returns-card.tsx';
import { SoHeaderForm } from './so-header-form.tsx';
import { SoLinesEditor } from './so-lines-editor.tsx';
import { SoLinesTable } from './so-lines-table.tsx';
import { SoStatusBadge } from './so-status-badge.tsx';

export function SalesOrderPage() {
  const { orderId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const order = useSalesOrder(org.id, orderId);
  const deliveries = useDeliveries(org.id, orderId);
  const returns = useCustomerReturns(org.id, orderId);
  const { confirm, reserve, cancel } = useSalesOrderMutations(org.id);
  const deliveryMutations = useDeliveryMutations(org.id, orderId);
  const returnMutations = useReturnMutations(org.id, orderId);
  const [cancelling, setCancelling] = useState(false);
  const [deliveryId, setDeliveryId] = useState<string | null>(null);
  const [returnId, setReturnId] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<{ number: string | null; backorders: BackorderLine[] } | null>(null);
  const [headerDirty, setHeaderDirty] = useState(false);
  const [linesDirty, setLinesDirty] = useState(false);
  const onHeaderDirty = useCallback((d: boolean) => setHeaderDirty(d), []);
  const onLinesDirty = useCallback((d: boolean) => setLinesDirty(d), []);
  const canWrite = can(role, 'salesOrders.write');
  const canReserve = can(role, 'stock.reserve');
  const canDeliver = can(role, 'deliveries.write');
  const canSeeInvoices = can(role, 'invoices.read');

  if (order.isPending) return <LoadingState label="Loading the sales order…" />;
  if (order.isError) return <ErrorState error={order.error} onRetry={() => order.refetch()} />;
  if (!order.data)
    return <EmptyState title="Sales order not found" action={<Link to="/sales-orders">Back to sales orders</Link>} />;
  const o = order.data;
  const draft = o.status === 'draft';
  const open = o.status === 'confirmed' || o.status === 'partially_delivered';
  const unsaved = headerDirty || linesDirty;
  const backordered = open && o.lines.some((l) => l.product?.kind === 'stocked' && backorderQuantity(l) > 0);
  const deliverable =
    open && o.lines.some((l) => l.product && l.product.kind !== 'service' && toDeliverQuantity(l) > 0);
  const returnable = !draft && o.lines.some((l) => returnableQuantity(l) > 0);
  const cancellable = draft || (o.status === 'confirmed' && o.lines.every((l) => Number(l.delivered_quantity) === 0));
  const draftDelivery = deliveries.data?.find((d) => d.status === 'draft');
  const draftReturn = returns.data?.find((r) => r.status === 'draft');
  const openDelivery = deliveryId ? deliveries.data?.find((d) => d.id === deliveryId) : undefined;
  const openReturn = returnId ? returns.data?.find((r) => r.id === returnId) : undefined;

  function confirmOrder() {
    confirm.mutate(o.id, {
      onSuccess: (result) => {
        setConfirmed(result);
        toast.success(
          result.backorders.length
            ? `Sales order ${result.number ?? ''} confirmed; some lines are on backorder`
            : `Sales order ${result.number ?? ''} confirmed and reserved`,
        );
      },
      onError: (e) => toast.error(`Could not confirm: ${errorMessage(e)}`),
    });
  }

  function reserveAgain() {
    reserve.mutate(o.id, {
      onSuccess: () => toast.success('Reserved what is available now'),
      onError: (e) => toast.error(`Could not reserve: ${errorMessage(e)}`),
    });
  }

  async function startDelivery() {
    if (draftDelivery) return setDeliveryId(draftDelivery.id);
    try {
      const created = await deliveryMutations.create.mutateAsync();
      setDeliveryId(created.id);
    } catch (e) {
      toast.error(`Could not start a delivery: ${errorMessage(e)}`);
    }
  }

  async function startReturn() {
    if (draftReturn) return setReturnId(draftReturn.id);
    try {
      const created = await returnMutations.create.mutateAsync();
      setReturnId(created.id);
    } catch (e) {
      toast.error(`Could not start a return: ${errorMessage(e)}`);
    }
  }

  return (
    <>
      <Link to="/sales-orders" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Sales orders
      </Link>
      <PageHeader
        title={o.number ? `Sales order ${o.number}` : 'Draft sales order'}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <SoStatusBadge status={o.status} />
            {o.customer && (
              <Link to={`/accounts/${o.customer.id}`} className="hover:underline">
                {o.customer.name}
              </Link>
            )}
            {o.deal && (
              <span>
                · deal{' '}
                <Link to={`/deals/${o.deal.id}`} className="hover:underline">
                  {o.deal.title}
                </Link>
              </span>
            )}
            <span>· ordered {formatDate(o.order_date)}</span>
            {o.promised_date && <span>· promised {formatDate(o.promised_date)}</span>}
            <span>· {o.currency}</span>
            {o.payment_terms_days !== null && <span>· {o.payment_terms_days} days</span>}
            {o.warehouse && <span>· ships from {o.warehouse.code}</span>}
          </span>
        }
        actions={
          <>
            {canWrite && cancellable && (
              <Button size="sm" variant="secondary" onClick={() => setCancelling(true)}>
                Cancel order
              </Button>
            )}
            {canWrite && draft && (
              <Button
                size="sm"
                onClick={confirmOrder}
                busy={confirm.isPending}
                disabled={o.lines.length === 0 || unsaved}
                title={unsaved ? 'Save your changes first' : o.lines.length === 0 ? 'Add a line first' : undefined}
              >
                <CheckCircle2 className="size-4" aria-hidden="true" /> Confirm
              </Button>
            )}
            {canReserve && backordered && (
              <Button size="sm" variant="secondary" onClick={reserveAgain} busy={reserve.isPending}>
                <RefreshCw className="size-4" aria-hidden="true" /> Reserve again
              </Button>
            )}
            {canDeliver && deliverable && (
              <Button size="sm" onClick={() => void startDelivery()} busy={deliveryMutations.create.isPending}>
                <PackageCheck className="size-4" aria-hidden="true" />{' '}
                {draftDelivery ? 'Continue delivery' : 'Create delivery'}
              </Button>
            )}
            {canDeliver && returnable && (
              <Button
                size="sm"
                variant="secondary"
                onClick={() => void startReturn()}
                busy={returnMutations.create.isPending}
              >
                <Undo2 className="size-4" aria-hidden="true" /> Return goods
              </Button>
            )}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          {confirmed && (
            <Alert tone="info" title={`Confirmed as ${confirmed.number ?? 'a sales order'}`}>
              {confirmed.backorders.length === 0 ? (
                'Every stocked line is reserved in the warehouse.'
              ) : (
                <>
                  Not enough stock to reserve everything; on backorder:{' '}
                  {confirmed.backorders
                    .map((b) => `${formatQuantity(b.quantity)} ${b.uom} ${b.description}`.replace(/\s+/g, ' '))
                    .join(', ')}
                  .
                </>
              )}
            </Alert>
          )}
          {draft && unsaved && canWrite && (
            <Alert tone="info" title="Unsaved changes">
              Save the details and lines before confirming the order.
            </Alert>
          )}
          <Card title="Lines">
            {draft ? (
              <SoLinesEditor order={o} canEdit={canWrite} onDirtyChange={onLinesDirty} />
            ) : (
              <SoLinesTable order={o} />
            )}
          </Card>
          <Card title="Details">
            <SoHeaderForm order={o} canEdit={canWrite && draft} onDirtyChange={onHeaderDirty} />
          </Card>
        </div>
        <div className="grid content-start gap-4">
          {!draft && (
            <DeliveriesCard
              order={o}
              deliveries={deliveries}
              canDeliver={canDeliver}
              onOpenDraft={(d) => setDeliveryId(d.id)}
            />
          )}
          {!draft && (
            <ReturnsCard order={o} returns={returns} canReturn={canDeliver} onOpenDraft={(r) => setReturnId(r.id)} />
          )}
          {!draft && canSeeInvoices && <OrderInvoicesCard orderId={o.id} />}
        </div>
      </div>
      <ConfirmDialog
        open={cancelling}
        onOpenChange={setCancelling}
        title={`Cancel ${o.number ?? 'this draft order'}?`}
        description="Reserved stock is released; the order stays on record as cancelled and nothing more can be delivered on it."
        confirmLabel="Cancel order"
        onConfirm={async () => {
          await cancel.mutateAsync(o.id);
          toast.success('Sales order cancelled');
        }}
      />
      {openDelivery && (
        <DeliveryDialog
          key={openDelivery.id}
          order={o}
          delivery={openDelivery}
          open
          onOpenChange={(next) => !next && setDeliveryId(null)}
        />
      )}
      {openReturn && (
        <ReturnDialog
          key={openReturn.id}
          order={o}
          customerReturn={openReturn}
          open
          onOpenChange={(next) => !next && setReturnId(null)}
        />
      )}
    </>
  );
}
