// Issues a credit note of a posted invoice: all of it, or chosen lines with the quantities to
// credit (never more than is left after earlier credit notes), and a reason. The database makes
// it (credit_invoice) and posts it (post_invoice), which settles what the invoice still owes.
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { Input } from '@/components/input.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { big, formatQuantity, linesTotals, quantityText } from '../api/amounts.ts';
import { useInvoiceMutations, type InvoiceRecord } from '../api/invoices.ts';
import { creditNoteSchema, type CreditNoteInput, type CreditNoteValues } from '../schemas/invoicing.ts';

interface CreditNoteDialogProps {
  invoice: InvoiceRecord;
  creditedQuantities: Map<string, number>;
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function CreditNoteDialog({ invoice, creditedQuantities, open, onOpenChange }: CreditNoteDialogProps) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const { credit } = useInvoiceMutations(org.id);
  const remaining = invoice.lines.map((l) => {
    const left = big(l.quantity).minus(big(creditedQuantities.get(l.id)));
    return left.gt(0) ? left : big(0);
  });
  const anyCredited = invoice.lines.some((l) => big(creditedQuantities.get(l.id)).gt(0));
  const form = useForm<CreditNoteInput, unknown, CreditNoteValues>({
    resolver: zodResolver(creditNoteSchema),
    defaultValues: {
      mode: anyCredited ? 'some' : 'all',
      lines: invoice.lines.map((l, i) => ({
        invoice_line_id: l.id,
        selected: remaining[i]!.gt(0),
        quantity: quantityText(remaining[i]!.toString()),
        max: remaining[i]!.toString(),
      })),
      reason: '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const mode = useWatch({ control: form.control, name: 'mode' });
  const watched = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const preview = linesTotals(
    invoice.lines.flatMap((l, i) => {
      const w = watched[i];
      if (mode === 'some' && !w?.selected) return [];
      const quantity = mode === 'all' ? l.quantity : /^\d+(\.\d{1,4})?$/.test(w?.quantity ?? '') ? w!.quantity : 0;
      return [{ quantity, unit_price: l.unit_price, discount_pct: l.discount_pct, tax_rate: l.tax_rate }];
    }),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !isSubmitting && onOpenChange(next)}
      title={`Issue a credit note for ${invoice.number ?? 'the invoice'}`}
      description="The credit note is posted at once and settles what the invoice still owes; the rest becomes the customer's credit."
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="credit-note" busy={isSubmitting}>
            Issue credit note
          </Button>
        </>
      }
    >
      <form
        id="credit-note"
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            const note = await credit.mutateAsync({
              invoiceId: invoice.id,
              lines:
                values.mode === 'all'
                  ? null
                  : values.lines
                      .filter((l) => l.selected)
                      .map((l) => ({ invoice_line_id: l.invoice_line_id, quantity: l.quantity })),
              reason: values.reason,
            });
            toast.success(`Credit note ${note.number ?? ''} posted`);
            onOpenChange(false);
            navigate(`/invoices/${note.id}`);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not issue the credit note">{errors.root.message}</Alert>}
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-2 text-sm font-semibold">Credit</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="all" disabled={anyCredited} {...form.register('mode')} /> The whole invoice
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="some" {...form.register('mode')} /> Some lines or quantities
          </label>
        </fieldset>
        {anyCredited && (
          <p className="m-0 text-sm text-muted">Part of this invoice was credited before; what is left is offered.</p>
        )}
        {errors.lines?.message && <p className="m-0 text-sm text-danger">{errors.lines.message}</p>}
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Lines to credit</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-3 font-semibold">
                  Line
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  Invoiced
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  Credited before
                </th>
                <th scope="col" className="w-32 py-2 font-semibold">
                  Quantity to credit
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {invoice.lines.map((l, i) => {
                const e = errors.lines?.[i];
                return (
                  <tr key={l.id} className="border-b border-border align-top last:border-b-0">
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <label className="flex items-center gap-2">
                        <input
                          type="checkbox"
                          disabled={mode === 'all' || remaining[i]!.eq(0)}
                          {...form.register(`lines.${i}.selected`)}
                        />
                        <span>{l.description}</span>
                      </label>
                    </th>
                    <td className="py-2 pr-3 text-right">{formatQuantity(l.quantity)}</td>
                    <td className="py-2 pr-3 text-right">{formatQuantity(creditedQuantities.get(l.id) ?? 0)}</td>
                    <td className="py-2">
                      <Input
                        inputMode="decimal"
                        aria-label={`Quantity to credit: ${l.description}`}
                        disabled={mode === 'all' || !watched[i]?.selected}
                        aria-invalid={e?.quantity ? true : undefined}
                        {...form.register(`lines.${i}.quantity`)}
                      />
                      {e?.quantity && <p className="mt-1 text-xs text-danger">{e.quantity.message}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="m-0 text-sm" role="status">
          Credit note total: <strong>{formatMoney(preview.gross, invoice.currency)}</strong> (tax{' '}
          {formatMoney(preview.tax, invoice.currency)})
        </p>
        <TextField label="Reason" error={errors.reason?.message} {...form.register('reason')} />
      </form>
    </Dialog>
  );
}
