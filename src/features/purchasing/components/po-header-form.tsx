// The header of an order: editable while it is a draft, shown read-only after that.
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
import {
  usePurchaseOrderMutations,
  useSupplierChoices,
  useWarehouseChoices,
  type PurchaseOrderRecord,
} from '../api/purchase-orders.ts';
import { poHeaderSchema, type PoHeaderInput, type PoHeaderValues } from '../schemas/purchase-order.ts';

interface PoHeaderFormProps {
  po: PurchaseOrderRecord;
  canEdit: boolean;
  onDirtyChange?(dirty: boolean): void;
}

export function PoHeaderForm({ po, canEdit, onDirtyChange }: PoHeaderFormProps) {
  const { org } = useCurrentOrg();
  const suppliers = useSupplierChoices(org.id);
  const warehouses = useWarehouseChoices(org.id);
  const { updateHeader } = usePurchaseOrderMutations(org.id);
  const form = useForm<PoHeaderInput, unknown, PoHeaderValues>({
    resolver: zodResolver(poHeaderSchema),
    values: {
      supplier_id: po.supplier_id,
      warehouse_id: po.warehouse_id,
      order_date: po.order_date,
      expected_date: po.expected_date ?? '',
      currency: po.currency,
      exchange_rate: String(po.exchange_rate),
      supplier_reference: po.supplier_reference ?? '',
      notes: po.notes ?? '',
    },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);
  const supplierOptions = (suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name, textValue: s.name }));
  if (po.supplier && !supplierOptions.some((o) => o.value === po.supplier_id)) {
    supplierOptions.unshift({ value: po.supplier.id, label: po.supplier.name, textValue: po.supplier.name });
  }
  const warehouseOptions = (warehouses.data ?? []).map((w) => ({
    value: w.id,
    label: `${w.code} · ${w.name}`,
    textValue: `${w.code} ${w.name}`,
  }));
  if (po.warehouse && !warehouseOptions.some((o) => o.value === po.warehouse_id)) {
    warehouseOptions.unshift({
      value: po.warehouse.id,
      label: `${po.warehouse.code} · ${po.warehouse.name}`,
      textValue: po.warehouse.code,
    });
  }

  return (
    <form
      noValidate
      aria-label="Order details"
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await updateHeader.mutateAsync({ id: po.id, ...values });
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
          name="supplier_id"
          render={({ field }) => (
            <SelectField
              label="Supplier"
              value={field.value || undefined}
              disabled={!canEdit}
              onValueChange={(id) => {
                field.onChange(id);
                const currency = suppliers.data?.find((s) => s.id === id)?.currency;
                if (currency) form.setValue('currency', currency, { shouldDirty: true });
              }}
              error={errors.supplier_id?.message}
              options={supplierOptions}
            />
          )}
        />
        <Controller
          control={form.control}
          name="warehouse_id"
          render={({ field }) => (
            <SelectField
              label="Warehouse"
              value={field.value || undefined}
              disabled={!canEdit}
              onValueChange={field.onChange}
              error={errors.warehouse_id?.message}
              options={warehouseOptions}
            />
          )}
        />
        <TextField label="Order date" type="date" error={errors.order_date?.message} {...form.register('order_date')} />
        <TextField
          label="Expected date"
          type="date"
          error={errors.expected_date?.message}
          {...form.register('expected_date')}
        />
        <TextField label="Currency" maxLength={3} error={errors.currency?.message} {...form.register('currency')} />
        <TextField
          label="Exchange rate"
          inputMode="decimal"
          hint={`${org.base_currency} per unit of the order's currency`}
          error={errors.exchange_rate?.message}
          {...form.register('exchange_rate')}
        />
        <TextField
          label="Supplier reference"
          error={errors.supplier_reference?.message}
          {...form.register('supplier_reference')}
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
