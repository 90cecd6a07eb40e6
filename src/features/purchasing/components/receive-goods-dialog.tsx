// Receiving against an order: every line still open, with what arrived (by default all that
// is still to come). Less than that leaves a backorder; posting moves the stock.
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { Input } from '@/components/input.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatQuantity, openQuantity } from '../api/amounts.ts';
import { useReceiveGoods, type PurchaseOrderRecord } from '../api/purchase-orders.ts';
import { receiptSchema, type ReceiptInput, type ReceiptValues } from '../schemas/purchase-order.ts';

interface ReceiveGoodsDialogProps {
  po: PurchaseOrderRecord;
  open: boolean;
  onOpenChange(open: boolean): void;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ReceiveGoodsDialog({ po, open, onOpenChange }: ReceiveGoodsDialogProps) {
  const { org } = useCurrentOrg();
  const receive = useReceiveGoods(org.id, po.id);
  const openLines = po.lines.filter((l) => openQuantity(l) > 0);
  const form = useForm<ReceiptInput, unknown, ReceiptValues>({
    resolver: zodResolver(receiptSchema(openLines.map(openQuantity))),
    defaultValues: {
      received_date: today(),
      supplier_reference: '',
      lines: openLines.map((l) => ({ purchase_order_line_id: l.id, quantity: String(openQuantity(l)) })),
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !isSubmitting && onOpenChange(next)}
      title={`Receive goods for ${po.number ?? 'the order'}`}
      description="Enter what arrived. Anything less than is open stays on backorder."
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="receive-goods" busy={isSubmitting}>
            Post receipt
          </Button>
        </>
      }
    >
      <form
        id="receive-goods"
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            const receipt = await receive.mutateAsync({
              receivedDate: values.received_date,
              supplierReference: values.supplier_reference,
              lines: values.lines.filter((l) => l.quantity > 0),
            });
            toast.success(`Goods receipt ${receipt.number ?? ''} posted`);
            onOpenChange(false);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not post the receipt">{errors.root.message}</Alert>}
        {errors.lines?.message && <Alert title="Nothing to receive">{errors.lines.message}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Received on"
            type="date"
            error={errors.received_date?.message}
            {...form.register('received_date')}
          />
          <TextField
            label="Delivery note"
            hint="The supplier's reference, if any"
            error={errors.supplier_reference?.message}
            {...form.register('supplier_reference')}
          />
        </div>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Quantities received</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-3 font-semibold">
                  Product
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  Ordered
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  Received so far
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  Open
                </th>
                <th scope="col" className="w-32 py-2 font-semibold">
                  Receiving now
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {openLines.map((l, i) => {
                const e = errors.lines?.[i]?.quantity;
                const name = l.product?.name ?? 'Product';
                return (
                  <tr key={l.id} className="border-b border-border align-top last:border-b-0">
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <span className="font-medium">{name}</span>
                      <span className="block text-xs text-muted">{l.product?.sku}</span>
                    </th>
                    <td className="py-2 pr-3 text-right">{formatQuantity(l.quantity)}</td>
                    <td className="py-2 pr-3 text-right">{formatQuantity(l.received_quantity)}</td>
                    <td className="py-2 pr-3 text-right">{formatQuantity(openQuantity(l))}</td>
                    <td className="py-2">
                      <Input
                        inputMode="decimal"
                        aria-label={`Receiving now: ${name}`}
                        aria-invalid={e ? true : undefined}
                        {...form.register(`lines.${i}.quantity`)}
                      />
                      {e && <p className="mt-1 text-xs text-danger">{e.message}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </form>
    </Dialog>
  );
}
