// Entering the supplier's bill for an order: invoice number and date, and per line what is
// billed, by default what was received and not billed yet, at the order's cost. The database
// refuses billing more than was received (beyond the organisation's allowance).
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { Input } from '@/components/input.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { formatQuantity, lineNet, orderTotals, unbilledQuantity } from '../api/amounts.ts';
import { useEnterBill, type PurchaseOrderRecord } from '../api/purchase-orders.ts';
import { billSchema, type BillFormInput, type BillFormValues } from '../schemas/purchase-order.ts';

interface EnterBillDialogProps {
  po: PurchaseOrderRecord;
  open: boolean;
  onOpenChange(open: boolean): void;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function EnterBillDialog({ po, open, onOpenChange }: EnterBillDialogProps) {
  const { org } = useCurrentOrg();
  const enter = useEnterBill(org.id, po.id);
  const form = useForm<BillFormInput, unknown, BillFormValues>({
    resolver: zodResolver(billSchema),
    defaultValues: {
      supplier_invoice_number: '',
      bill_date: today(),
      due_date: '',
      lines: po.lines.map((l) => ({
        purchase_order_line_id: l.id,
        quantity: String(unbilledQuantity(l)),
        unit_price: String(l.unit_cost),
      })),
    },
  });
  const { errors, isSubmitting } = form.formState;
  const watched = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const totals = orderTotals(
    watched.map((l, i) => ({ net: lineNet(l.quantity, l.unit_price), taxRate: po.lines[i]?.tax_rate })),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !isSubmitting && onOpenChange(next)}
      title={`Enter a bill for ${po.number ?? 'the order'}`}
      description={`From ${po.supplier?.name ?? 'the supplier'}, matched to the order's lines.`}
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="enter-bill" busy={isSubmitting}>
            Post bill
          </Button>
        </>
      }
    >
      <form
        id="enter-bill"
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            const bill = await enter.mutateAsync({
              supplierId: po.supplier_id,
              currency: po.currency,
              exchangeRate: po.exchange_rate,
              supplierInvoiceNumber: values.supplier_invoice_number,
              billDate: values.bill_date,
              dueDate: values.due_date,
              lines: values.lines.flatMap((l) => {
                const line = po.lines.find((p) => p.id === l.purchase_order_line_id);
                if (!line || l.quantity <= 0) return [];
                return [
                  {
                    purchase_order_line_id: line.id,
                    product_id: line.product_id,
                    description: line.description || line.product?.name || 'As ordered',
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    tax_rate: line.tax_rate,
                  },
                ];
              }),
            });
            toast.success(`Bill ${bill.number ?? ''} posted`);
            onOpenChange(false);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && (
          <Alert
            title={
              /billed more than received/i.test(errors.root.message)
                ? 'Billed more than received'
                : 'Could not post the bill'
            }
          >
            {errors.root.message}
          </Alert>
        )}
        {errors.lines?.message && <Alert title="Nothing to bill">{errors.lines.message}</Alert>}
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Supplier invoice number"
            error={errors.supplier_invoice_number?.message}
            {...form.register('supplier_invoice_number')}
          />
          <TextField label="Bill date" type="date" error={errors.bill_date?.message} {...form.register('bill_date')} />
          <TextField
            label="Due date"
            type="date"
            hint="Blank: from the supplier's payment terms"
            error={errors.due_date?.message}
            {...form.register('due_date')}
          />
        </div>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Bill lines</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-3 font-semibold">
                  Product
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  Received
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  Billed before
                </th>
                <th scope="col" className="w-28 py-2 pr-3 font-semibold">
                  Quantity
                </th>
                <th scope="col" className="w-32 py-2 pr-3 font-semibold">
                  Unit price
                </th>
                <th scope="col" className="py-2 text-right font-semibold">
                  Net
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {po.lines.map((l, i) => {
                const e = errors.lines?.[i];
                const name = l.product?.name ?? 'Product';
                const w = watched[i];
                return (
                  <tr key={l.id} className="border-b border-border align-top last:border-b-0">
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <span className="font-medium">{name}</span>
                      <span className="block text-xs text-muted">{l.product?.sku}</span>
                    </th>
                    <td className="py-2 pr-3 text-right">{formatQuantity(l.received_quantity)}</td>
                    <td className="py-2 pr-3 text-right">{formatQuantity(l.billed_quantity)}</td>
                    <td className="py-2 pr-3">
                      <Input
                        inputMode="decimal"
                        aria-label={`Quantity billed: ${name}`}
                        aria-invalid={e?.quantity ? true : undefined}
                        {...form.register(`lines.${i}.quantity`)}
                      />
                      {e?.quantity && <p className="mt-1 text-xs text-danger">{e.quantity.message}</p>}
                    </td>
                    <td className="py-2 pr-3">
                      <Input
                        inputMode="decimal"
                        aria-label={`Unit price: ${name}`}
                        aria-invalid={e?.unit_price ? true : undefined}
                        {...form.register(`lines.${i}.unit_price`)}
                      />
                      {e?.unit_price && <p className="mt-1 text-xs text-danger">{e.unit_price.message}</p>}
                    </td>
                    <td className="py-2 text-right">{formatMoney(lineNet(w?.quantity, w?.unit_price), po.currency)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot className="tabular-nums">
              <tr>
                <th scope="row" colSpan={5} className="pt-2 text-right font-normal text-muted">
                  Net
                </th>
                <td className="pt-2 text-right">{formatMoney(totals.net, po.currency)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={5} className="text-right font-normal text-muted">
                  Tax
                </th>
                <td className="text-right">{formatMoney(totals.tax, po.currency)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={5} className="text-right font-semibold">
                  Total
                </th>
                <td className="text-right font-semibold">{formatMoney(totals.gross, po.currency)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </form>
    </Dialog>
  );
}
