// The header of an order: warehouse, promised date, currency, payment terms, the customer's
// reference and notes; editable while it is a draft, shown read-only after that.
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useSalesOrderMutations, useWarehouseChoices, type SalesOrderRecord } from '../api/sales-orders.ts';
import { soHeaderSchema, type SoHeaderInput, type SoHeaderValues } from '../schemas/sales-order.ts';

interface SoHeaderFormProps {
  order: SalesOrderRecord;
  canEdit: boolean;
  onDirtyChange?(dirty: boolean): void;
}

export function SoHeaderForm({ order, canEdit, onDirtyChange }: SoHeaderFormProps) {
  const { org } = useCurrentOrg();
  const warehouses = useWarehouseChoices(org.id);
  const { updateHeader } = useSalesOrderMutations(org.id);
  const form = useForm<SoHeaderInput, unknown, SoHeaderValues>({
    resolver: zodResolver(soHeaderSchema),
    values: {
      warehouse_id: order.warehouse_id,
      promised_date: order.promised_date ?? '',
      currency: order.currency,
      payment_terms_days: order.payment_terms_days === null ? '' : String(order.payment_terms_days),
      customer_reference: order.customer_reference ?? '',
      notes: order.notes ?? '',
    },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);
  const warehouseOptions = (warehouses.data ?? []).map((w) => ({
    value: w.id,
    label: `${w.code} · ${w.name}`,
    textValue: `${w.code} ${w.name}`,
  }));
  if (order.warehouse && !warehouseOptions.some((o) => o.value === order.warehouse_id)) {
    warehouseOptions.unshift({
      value: order.warehouse.id,
      label: `${order.warehouse.code} · ${order.warehouse.name}`,
      textValue: order.warehouse.code,
    });
  }

  return (
    <form
      noValidate
      aria-label="Order details"
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await updateHeader.mutateAsync({ id: order.id, ...values });
          toast.success('Order details saved');
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      {errors.root?.message && (
        <div className="sm:col-span-2">
          <Alert title="Could not save">{errors.root.message}</Alert>
        </div>
      )}
      <fieldset disabled={!canEdit} className="contents">
        <Controller
          control={form.control}
          name="warehouse_id"
          render={({ field }) => (
            <SelectField
              label="Ships from"
              value={field.value || undefined}
              disabled={!canEdit}
              onValueChange={field.onChange}
              error={errors.warehouse_id?.message}
              options={warehouseOptions}
            />
          )}
        />
        <TextField
          label="Promised date"
          type="date"
          error={errors.promised_date?.message}
          {...form.register('promised_date')}
        />
        <TextField label="Currency" maxLength={3} error={errors.currency?.message} {...form.register('currency')} />
        <TextField
          label="Payment terms (days)"
          inputMode="numeric"
          error={errors.payment_terms_days?.message}
          {...form.register('payment_terms_days')}
        />
        <TextField
          label="Customer reference"
          hint="The customer's PO number, if any"
          error={errors.customer_reference?.message}
          {...form.register('customer_reference')}
        />
        <label className="grid gap-1.5 text-sm font-semibold sm:col-span-2">
          Notes
          <textarea
            rows={2}
            className="rounded-md border border-border bg-surface px-3 py-2 font-normal"
            {...form.register('notes')}
          />
        </label>
      </fieldset>
      {canEdit && (
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button type="button" variant="secondary" disabled={!isDirty || isSubmitting} onClick={() => form.reset()}>
            Discard changes
          </Button>
          <Button type="submit" busy={isSubmitting} disabled={!isDirty}>
            Save details
          </Button>
        </div>
      )}
    </form>
  );
}
