// A new sales order: customer, shipping warehouse (preselected as the database would pick it:
// the default warehouse, else the first by code) and promised date; the lines are added on the
// order's page, where it opens. Currency and payment terms come from the customer.
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useSalesOrderMutations, useWarehouseChoices } from '../api/sales-orders.ts';
import { newSalesOrderSchema, type NewSalesOrderInput, type NewSalesOrderValues } from '../schemas/sales-order.ts';
import { CustomerPicker } from './customer-picker.tsx';

interface NewSalesOrderDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function NewSalesOrderDialog({ open, onOpenChange }: NewSalesOrderDialogProps) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const warehouses = useWarehouseChoices(org.id);
  const { create } = useSalesOrderMutations(org.id);
  const form = useForm<NewSalesOrderInput, unknown, NewSalesOrderValues>({
    resolver: zodResolver(newSalesOrderSchema),
    values: { account_id: '', warehouse_id: warehouses.data?.[0]?.id ?? '', promised_date: '' },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors } = form.formState;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="New sales order"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" form="new-sales-order" busy={create.isPending}>
            Create sales order
          </Button>
        </>
      }
    >
      <form
        id="new-sales-order"
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            const id = await create.mutateAsync(values);
            toast.success('Draft sales order created');
            onOpenChange(false);
            navigate(`/sales-orders/${id}`);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not create the order">{errors.root.message}</Alert>}
        <Controller
          control={form.control}
          name="account_id"
          render={({ field }) => (
            <CustomerPicker
              orgId={org.id}
              value={field.value}
              onChange={field.onChange}
              error={errors.account_id?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="warehouse_id"
          render={({ field }) => (
            <SelectField
              label="Ships from"
              value={field.value || undefined}
              onValueChange={field.onChange}
              error={errors.warehouse_id?.message}
              placeholder="Choose a warehouse"
              options={(warehouses.data ?? []).map((w) => ({
                value: w.id,
                label: `${w.code} · ${w.name}`,
                textValue: `${w.code} ${w.name}`,
              }))}
            />
          )}
        />
        <TextField
          label="Promised date"
          type="date"
          error={errors.promised_date?.message}
          {...form.register('promised_date')}
        />
      </form>
    </Dialog>
  );
}
