// A new purchase order: supplier, receiving warehouse and expected date; the lines are added
// on the order's page, where it opens.
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
import { usePurchaseOrderMutations, useSupplierChoices, useWarehouseChoices } from '../api/purchase-orders.ts';
import {
  newPurchaseOrderSchema,
  type NewPurchaseOrderInput,
  type NewPurchaseOrderValues,
} from '../schemas/purchase-order.ts';

interface NewPurchaseOrderDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function NewPurchaseOrderDialog({ open, onOpenChange }: NewPurchaseOrderDialogProps) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const suppliers = useSupplierChoices(org.id);
  const warehouses = useWarehouseChoices(org.id);
  const { create } = usePurchaseOrderMutations(org.id);
  const defaultWarehouse = warehouses.data?.find((w) => w.is_default) ?? warehouses.data?.[0];
  const form = useForm<NewPurchaseOrderInput, unknown, NewPurchaseOrderValues>({
    resolver: zodResolver(newPurchaseOrderSchema),
    values: { supplier_id: '', warehouse_id: defaultWarehouse?.id ?? '', expected_date: '' },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors } = form.formState;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="New purchase order"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" form="new-purchase-order" busy={create.isPending}>
            Create purchase order
          </Button>
        </>
      }
    >
      <form
        id="new-purchase-order"
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            const id = await create.mutateAsync(values);
            toast.success('Draft purchase order created');
            onOpenChange(false);
            navigate(`/purchase-orders/${id}`);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not create the order">{errors.root.message}</Alert>}
        <Controller
          control={form.control}
          name="supplier_id"
          render={({ field }) => (
            <SelectField
              label="Supplier"
              value={field.value || undefined}
              onValueChange={field.onChange}
              error={errors.supplier_id?.message}
              placeholder={suppliers.data?.length === 0 ? 'No suppliers yet' : 'Choose a supplier'}
              options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name, textValue: s.name }))}
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
          label="Expected date"
          type="date"
          error={errors.expected_date?.message}
          {...form.register('expected_date')}
        />
      </form>
    </Dialog>
  );
}
