// One purchase order: its header (editable while a draft), its lines, and what can happen
// next by status: confirm and send (the number is taken then), cancel, receive goods (a
// partial receipt leaves a backorder), enter the supplier's bill; receipts and bills listed.
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft, FileText, PackageCheck, Send } from 'lucide-react';
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
import { openQuantity, receivedPercent, unbilledQuantity } from '../api/amounts.ts';
import { usePurchaseOrder, usePurchaseOrderMutations } from '../api/purchase-orders.ts';
import { EnterBillDialog } from './enter-bill-dialog.tsx';
import { GoodsReceiptsCard } from './goods-receipts-card.tsx';
import { PoHeaderForm } from './po-header-form.tsx';
import { PoLinesEditor } from './po-lines-editor.tsx';
import { PoLinesTable } from './po-lines-table.tsx';
import { PoStatusBadge } from './po-status-badge.tsx';
import { ReceiveGoodsDialog } from './receive-goods-dialog.tsx';
import { VendorBillsCard } from './vendor-bills-card.tsx';

export function PurchaseOrderPage() {
  const { poId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const po = usePurchaseOrder(org.id, poId);
  const { confirm, cancel } = usePurchaseOrderMutations(org.id);
  const [cancelling, setCancelling] = useState(false);
  const [receiving, setReceiving] = useState(false);
  const [billing, setBilling] = useState(false);
  const [headerDirty, setHeaderDirty] = useState(false);
  const [linesDirty, setLinesDirty] = useState(false);
  const onHeaderDirty = useCallback((d: boolean) => setHeaderDirty(d), []);
  const onLinesDirty = useCallback((d: boolean) => setLinesDirty(d), []);
  const canWrite = can(role, 'purchasing.write');
  const canReceive = can(role, 'receipts.write');
  const canSeeBills = can(role, 'bills.read');

  if (po.isPending) return <LoadingState label="Loading the purchase order…" />;
  if (po.isError) return <ErrorState error={po.error} onRetry={() => po.refetch()} />;
  if (!po.data)
    return (
      <EmptyState
        title="Purchase order not found"
        action={<Link to="/purchase-orders">Back to purchase orders</Link>}
      />
    );
  const p = po.data;
  const draft = p.status === 'draft';
  const receivable =
    (p.status === 'sent' || p.status === 'partially_received') && p.lines.some((l) => openQuantity(l) > 0);
  const billable =
    ['sent', 'partially_received', 'received'].includes(p.status) && p.lines.some((l) => unbilledQuantity(l) > 0);
  const cancellable = p.status === 'draft' || (p.status === 'sent' && p.lines.every((l) => l.received_quantity === 0));
  const unsaved = headerDirty || linesDirty;

  function confirmOrder() {
    confirm.mutate(p.id, {
      onSuccess: (sent) => toast.success(`Purchase order ${sent.number ?? ''} confirmed and sent`),
      onError: (e) => toast.error(`Could not confirm: ${errorMessage(e)}`),
    });
  }

  return (
    <>
      <Link to="/purchase-orders" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Purchase orders
      </Link>
      <PageHeader
        title={p.number ? `Purchase order ${p.number}` : 'Draft purchase order'}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <PoStatusBadge status={p.status} />
            <span>{p.supplier?.name}</span>
            <span>· ordered {formatDate(p.order_date)}</span>
            {p.expected_date && <span>· expected {formatDate(p.expected_date)}</span>}
            {!draft && p.status !== 'cancelled' && <span>· {receivedPercent(p.lines)}% received</span>}
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
                disabled={p.lines.length === 0 || unsaved}
                title={unsaved ? 'Save your changes first' : p.lines.length === 0 ? 'Add a line first' : undefined}
              >
                <Send className="size-4" aria-hidden="true" /> Confirm and send
              </Button>
            )}
            {canReceive && receivable && (
              <Button size="sm" onClick={() => setReceiving(true)}>
                <PackageCheck className="size-4" aria-hidden="true" /> Receive
              </Button>
            )}
            {canWrite && canSeeBills && billable && (
              <Button size="sm" variant="secondary" onClick={() => setBilling(true)}>
                <FileText className="size-4" aria-hidden="true" /> Enter bill
              </Button>
            )}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          {draft && unsaved && canWrite && (
            <Alert tone="info" title="Unsaved changes">
              Save the details and lines before confirming the order.
            </Alert>
          )}
          <Card title="Lines">
            {draft ? <PoLinesEditor po={p} canEdit={canWrite} onDirtyChange={onLinesDirty} /> : <PoLinesTable po={p} />}
          </Card>
          <Card title="Details">
            <PoHeaderForm po={p} canEdit={canWrite && draft} onDirtyChange={onHeaderDirty} />
          </Card>
        </div>
        <div className="grid content-start gap-4">
          {!draft && <GoodsReceiptsCard po={p} />}
          {!draft && canSeeBills && <VendorBillsCard po={p} />}
        </div>
      </div>
      <ConfirmDialog
        open={cancelling}
        onOpenChange={setCancelling}
        title={`Cancel ${p.number ?? 'this draft order'}?`}
        description="The order stays on record as cancelled; nothing more can be received or billed against it."
        confirmLabel="Cancel order"
        onConfirm={async () => {
          await cancel.mutateAsync(p.id);
          toast.success('Purchase order cancelled');
        }}
      />
      {receiving && <ReceiveGoodsDialog po={p} open={receiving} onOpenChange={setReceiving} />}
      {billing && <EnterBillDialog po={p} open={billing} onOpenChange={setBilling} />}
    </>
  );
}
