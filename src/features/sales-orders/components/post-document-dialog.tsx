// The quantities of a draft delivery or customer return, per order line, edited before it is
// posted: each defaults to what the draft holds, at most what is left (to deliver, or
// delivered and not returned); 0 leaves the line off. The database's refusal (someone else
// delivered in the meantime, say) is shown here as it says it, and the draft stays.
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { Input } from '@/components/input.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { formatQuantity } from '../api/amounts.ts';
import type { DocumentQuantity } from '../api/fulfilment.ts';
import {
  documentQuantitiesSchema,
  type DocumentQuantitiesInput,
  type DocumentQuantitiesValues,
} from '../schemas/sales-order.ts';

export interface DocumentRow {
  /** The sales order line. */
  id: string;
  name: string;
  sku: string;
  uom: string;
  ordered: number;
  /** Delivered (for a delivery) or returned (for a return) so far. */
  done: number;
  /** The most this document may carry. */
  limit: number;
  /** What the draft holds now. */
  quantity: number;
}

interface PostDocumentDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description: string;
  what: 'deliver' | 'return';
  rows: DocumentRow[];
  submitLabel: string;
  /** Fields of the document itself, above the lines. */
  children?: ReactNode;
  onPost(lines: DocumentQuantity[]): Promise<void>;
}

export function PostDocumentDialog({
  open,
  onOpenChange,
  title,
  description,
  what,
  rows,
  submitLabel,
  children,
  onPost,
}: PostDocumentDialogProps) {
  const form = useForm<DocumentQuantitiesInput, unknown, DocumentQuantitiesValues>({
    resolver: zodResolver(
      documentQuantitiesSchema(
        rows.map((r) => r.limit),
        what,
      ),
    ),
    defaultValues: { lines: rows.map((r) => ({ id: r.id, quantity: String(r.quantity) })) },
  });
  const { errors, isSubmitting } = form.formState;
  const formId = `post-${what}`;
  const nowLabel = what === 'deliver' ? 'Delivering now' : 'Returning now';

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !isSubmitting && onOpenChange(next)}
      title={title}
      description={description}
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
            Close
          </Button>
          <Button type="submit" form={formId} busy={isSubmitting}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            await onPost(
              values.lines
                .filter((l) => l.quantity > 0)
                .map((l) => ({ sales_order_line_id: l.id, quantity: l.quantity })),
            );
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && (
          <Alert title={what === 'deliver' ? 'Could not post the delivery' : 'Could not post the return'}>
            {errors.root.message}
          </Alert>
        )}
        {errors.lines?.message && <Alert title="Nothing to post">{errors.lines.message}</Alert>}
        {children}
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{nowLabel}</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-3 font-semibold">
                  Product
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  Ordered
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  {what === 'deliver' ? 'Delivered so far' : 'Returned so far'}
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-semibold">
                  {what === 'deliver' ? 'Left to deliver' : 'Returnable'}
                </th>
                <th scope="col" className="w-32 py-2 font-semibold">
                  {nowLabel}
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {rows.map((r, i) => {
                const e = errors.lines?.[i]?.quantity;
                return (
                  <tr key={r.id} className="border-b border-border align-top last:border-b-0">
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <span className="font-medium">{r.name}</span>
                      <span className="block text-xs text-muted">{r.sku}</span>
                    </th>
                    <td className="py-2 pr-3 text-right">
                      {formatQuantity(r.ordered)} {r.uom}
                    </td>
                    <td className="py-2 pr-3 text-right">{formatQuantity(r.done)}</td>
                    <td className="py-2 pr-3 text-right">{formatQuantity(r.limit)}</td>
                    <td className="py-2">
                      <Input
                        inputMode="decimal"
                        aria-label={`${nowLabel}: ${r.name}`}
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
