// Completing an order in progress: how many good units were produced (at most the quantity
// ordered; fewer consume the components pro rata and release the rest), labour (blank: what the
// order carries, e.g. from linked timesheets), and the date of the posting. The unit cost it
// would give at today's component costs is shown as it is typed; the database's is shown on the
// order once done.
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { estimateCompletion } from '../api/costing.ts';
import { formatQuantity, formatUnitCost } from '../api/format.ts';
import {
  useProductionOrderMutations,
  type ProductionOrder,
  type ProductionOrderRecord,
} from '../api/production-orders.ts';
import { completeSchema, type CompleteInput, type CompleteValues } from '../schemas/production-order.ts';
import { today } from './new-production-order-dialog.tsx';

interface CompleteProductionOrderDialogProps {
  order: ProductionOrderRecord;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCompleted(order: ProductionOrder): void;
}

export function CompleteProductionOrderDialog({
  order,
  open,
  onOpenChange,
  onCompleted,
}: CompleteProductionOrderDialogProps) {
  const { org } = useCurrentOrg();
  const { complete } = useProductionOrderMutations(org.id);
  const uom = order.product?.uom ?? '';
  const form = useForm<CompleteInput, unknown, CompleteValues>({
    resolver: zodResolver(completeSchema(Number(order.quantity))),
    defaultValues: { quantity: String(order.quantity), labour_cost: '', done_date: today() },
  });
  const { errors, isSubmitting } = form.formState;
  const [quantity, labour] = useWatch({ control: form.control, name: ['quantity', 'labour_cost'] });
  const estimate = (() => {
    try {
      return estimateCompletion(
        order.components.map((c) => ({ required_quantity: c.required_quantity, cost: c.product?.cost })),
        order.quantity,
        quantity?.trim() || '0',
        labour?.trim() || order.labour_cost,
      );
    } catch {
      return null; // a quantity or labour cost that is not a number yet
    }
  })();

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Complete ${order.number ?? 'the order'}`}
      description={`Consumes the components and receives ${order.product?.name ?? 'the product'} into ${order.output_warehouse?.code ?? 'the warehouse'}, in one posting.`}
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="complete-production-order" busy={isSubmitting}>
            Complete production
          </Button>
        </>
      }
    >
      <form
        id="complete-production-order"
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            const done = await complete.mutateAsync({
              id: order.id,
              quantity: values.quantity,
              labourCost: values.labour_cost,
              date: values.done_date,
            });
            onCompleted(done);
            onOpenChange(false);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not complete the order">{errors.root.message}</Alert>}
        <TextField
          label={`Quantity produced (${uom})`}
          hint={`At most the ${formatQuantity(order.quantity)} ordered; fewer consume the components pro rata.`}
          inputMode="decimal"
          error={errors.quantity?.message}
          {...form.register('quantity')}
        />
        <TextField
          label={`Labour cost (${org.base_currency})`}
          hint={`Optional: blank uses the order's ${formatMoney(order.labour_cost, org.base_currency)}.`}
          inputMode="decimal"
          error={errors.labour_cost?.message}
          {...form.register('labour_cost')}
        />
        <TextField label="Date" type="date" error={errors.done_date?.message} {...form.register('done_date')} />
        {estimate && (
          <dl
            className="m-0 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 rounded-lg border border-border p-3 text-sm"
            aria-label="Estimated cost"
          >
            <dt className="text-muted">Material at current costs</dt>
            <dd className="m-0 text-right tabular-nums">{formatMoney(estimate.material, org.base_currency)}</dd>
            <dt className="text-muted">Labour</dt>
            <dd className="m-0 text-right tabular-nums">{formatMoney(estimate.labour, org.base_currency)}</dd>
            <dt className="font-semibold">Estimated unit cost</dt>
            <dd className="m-0 text-right font-semibold tabular-nums">
              {formatUnitCost(estimate.unitCost, org.base_currency)}
            </dd>
          </dl>
        )}
      </form>
    </Dialog>
  );
}
