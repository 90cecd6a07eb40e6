// Planning a production order: the product (those with an active BOM), its BOM (the default
// unless another is chosen), the quantity, the warehouse the components come from, the planned
// date and notes. plan_production_order copies the BOM's components with scrap; the order's
// page opens on it.
import { Controller, useForm, useWatch } from 'react-hook-form';
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
import { useProductBoms } from '../api/boms.ts';
import { formatQuantity } from '../api/format.ts';
import { useBuildableProducts, useProductionOrderMutations, useWarehouseChoices } from '../api/production-orders.ts';
import {
  newProductionOrderSchema,
  type NewProductionOrderInput,
  type NewProductionOrderValues,
} from '../schemas/production-order.ts';

interface NewProductionOrderDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  productId?: string;
  bomId?: string;
}

/** Today in the browser, as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function NewProductionOrderDialog({
  open,
  onOpenChange,
  productId = '',
  bomId = '',
}: NewProductionOrderDialogProps) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const products = useBuildableProducts(org.id);
  const warehouses = useWarehouseChoices(org.id);
  const { plan } = useProductionOrderMutations(org.id);
  const defaultWarehouse = warehouses.data?.find((w) => w.is_default) ?? warehouses.data?.[0];
  const form = useForm<NewProductionOrderInput, unknown, NewProductionOrderValues>({
    resolver: zodResolver(newProductionOrderSchema),
    values: {
      product_id: productId,
      bom_id: bomId,
      quantity: '1',
      warehouse_id: defaultWarehouse?.id ?? '',
      planned_date: today(),
      notes: '',
    },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors } = form.formState;
  const chosenProduct = useWatch({ control: form.control, name: 'product_id' });
  const boms = useProductBoms(org.id, chosenProduct);
  const product = products.data?.find((p) => p.id === chosenProduct);

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Plan production"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" form="new-production-order" busy={plan.isPending}>
            Plan order
          </Button>
        </>
      }
    >
      <form
        id="new-production-order"
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            const order = await plan.mutateAsync(values);
            toast.success('Production order planned');
            onOpenChange(false);
            navigate(`/manufacturing/orders/${order.id}`);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not plan the order">{errors.root.message}</Alert>}
        <Controller
          control={form.control}
          name="product_id"
          render={({ field }) => (
            <SelectField
              label="Product"
              value={field.value || undefined}
              onValueChange={(id) => {
                field.onChange(id);
                form.setValue('bom_id', '', { shouldDirty: true });
              }}
              error={errors.product_id?.message}
              placeholder={products.data?.length === 0 ? 'No product has a bill of materials yet' : 'Choose a product'}
              options={(products.data ?? []).map((p) => ({
                value: p.id,
                label: `${p.sku} · ${p.name}`,
                textValue: `${p.sku} ${p.name}`,
              }))}
            />
          )}
        />
        <Controller
          control={form.control}
          name="bom_id"
          render={({ field }) => (
            <SelectField
              label="Bill of materials"
              value={field.value || 'default'}
              onValueChange={(v) => field.onChange(v === 'default' ? '' : v)}
              disabled={!chosenProduct}
              error={errors.bom_id?.message}
              options={[
                { value: 'default', label: 'The product’s default', textValue: 'Default' },
                ...(boms.data ?? []).map((b) => ({
                  value: b.id,
                  label: `${b.name} · version ${b.version}${b.is_default ? ' (default)' : ''} · makes ${formatQuantity(b.output_quantity)}`,
                  textValue: `${b.name} version ${b.version}`,
                })),
              ]}
            />
          )}
        />
        <TextField
          label={product ? `Quantity (${product.uom})` : 'Quantity'}
          inputMode="decimal"
          error={errors.quantity?.message}
          {...form.register('quantity')}
        />
        <Controller
          control={form.control}
          name="warehouse_id"
          render={({ field }) => (
            <SelectField
              label="Warehouse"
              hint="Components come from here and the goods are received here."
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
          label="Planned date"
          type="date"
          error={errors.planned_date?.message}
          {...form.register('planned_date')}
        />
        <TextField label="Notes" error={errors.notes?.message} {...form.register('notes')} />
      </form>
    </Dialog>
  );
}
