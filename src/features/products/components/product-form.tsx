// The fields of a product, for creating one (in a dialog) and editing one (on its page). Prices
// are set only by roles with 'prices.manage' (the database refuses the rest); the cost is not
// here: the stock ledger keeps it.
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { useSupplierChoices, useTaxRates, type ProductRow } from '../api/products.ts';
import {
  PRODUCT_KIND_LABELS,
  productSchema,
  type ProductFormInput,
  type ProductFormValues,
} from '../schemas/product.ts';

const NONE = '__none__';

interface ProductFormProps {
  product?: ProductRow;
  canEdit: boolean;
  canSetPrices: boolean;
  formId: string;
  onSave(values: ProductFormValues): Promise<void>;
  showButtons?: boolean;
}

export function ProductForm({ product, canEdit, canSetPrices, formId, onSave, showButtons = false }: ProductFormProps) {
  const { org } = useCurrentOrg();
  const taxRates = useTaxRates(org.id);
  const suppliers = useSupplierChoices(org.id);
  const form = useForm<ProductFormInput, unknown, ProductFormValues>({
    resolver: zodResolver(productSchema),
    values: {
      sku: product?.sku ?? '',
      name: product?.name ?? '',
      description: product?.description ?? '',
      kind: product?.kind ?? 'stocked',
      uom: product?.uom ?? 'unit',
      barcode: product?.barcode ?? '',
      sale_price: String(product?.sale_price ?? 0),
      tax_rate_id: product?.tax_rate_id ?? taxRates.data?.find((t) => t.is_default)?.id ?? '',
      preferred_supplier_id: product?.preferred_supplier_id ?? '',
      active: product?.active ?? true,
    },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  // A supplier archived since it was chosen still shows by name.
  const supplierOptions = [...(suppliers.data ?? [])];
  if (product?.preferred_supplier_id && !supplierOptions.some((s) => s.id === product.preferred_supplier_id))
    supplierOptions.push({ id: product.preferred_supplier_id, name: product.supplier?.name ?? 'Unknown supplier' });

  return (
    <form
      id={formId}
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onSave(values);
        } catch (error) {
          const message = error instanceof Error ? error.message : '';
          if (errorCode(error) === '23505' && /sku/.test(message))
            form.setError('sku', { message: 'Another product already has this SKU' });
          else if (errorCode(error) === '23505' && /barcode/.test(message))
            form.setError('barcode', { message: 'Another product already has this barcode' });
          else form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      {errors.root?.message && (
        <div className="sm:col-span-2">
          <Alert title="Could not save">{errors.root.message}</Alert>
        </div>
      )}
      <fieldset disabled={!canEdit} className="contents">
        <TextField label="SKU" autoComplete="off" error={errors.sku?.message} {...form.register('sku')} />
        <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <SelectField
              label="Kind"
              value={field.value}
              onValueChange={field.onChange}
              disabled={!canEdit}
              options={(['stocked', 'consumable', 'service'] as const).map((k) => ({
                value: k,
                label: PRODUCT_KIND_LABELS[k],
                textValue: PRODUCT_KIND_LABELS[k],
              }))}
            />
          )}
        />
        <TextField
          label="Unit of measure"
          hint="e.g. unit, kg, box"
          error={errors.uom?.message}
          {...form.register('uom')}
        />
        <TextField label="Barcode" error={errors.barcode?.message} {...form.register('barcode')} />
        <TextField
          label={`Sale price (${product?.currency || org.base_currency})`}
          inputMode="decimal"
          readOnly={!canSetPrices}
          hint={canSetPrices ? undefined : 'Only owners, admins, managers and accountants set prices'}
          error={errors.sale_price?.message}
          {...form.register('sale_price')}
        />
        <Controller
          control={form.control}
          name="tax_rate_id"
          render={({ field }) => (
            <SelectField
              label="Tax rate"
              value={field.value || NONE}
              onValueChange={(v) => field.onChange(v === NONE ? '' : v)}
              disabled={!canEdit}
              error={errors.tax_rate_id?.message}
              options={[
                { value: NONE, label: 'None', textValue: 'None' },
                ...(taxRates.data ?? []).map((t) => ({
                  value: t.id,
                  label: `${t.name} (${t.rate}%)`,
                  textValue: t.name,
                })),
              ]}
            />
          )}
        />
        <Controller
          control={form.control}
          name="preferred_supplier_id"
          render={({ field }) => (
            <SelectField
              label="Preferred supplier"
              value={field.value || NONE}
              onValueChange={(v) => field.onChange(v === NONE ? '' : v)}
              disabled={!canEdit}
              error={errors.preferred_supplier_id?.message}
              hint="Accounts marked as suppliers"
              options={[
                { value: NONE, label: 'None', textValue: 'None' },
                ...supplierOptions.map((s) => ({ value: s.id, label: s.name, textValue: s.name })),
              ]}
            />
          )}
        />
        <label className="grid gap-1.5 text-sm font-semibold sm:col-span-2">
          Description
          <textarea
            rows={3}
            className="rounded-md border border-border bg-surface px-3 py-2 font-normal"
            {...form.register('description')}
          />
        </label>
        <label className="inline-flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" className="size-4" {...form.register('active')} /> Active (can be sold and bought)
        </label>
      </fieldset>
      {showButtons && canEdit && (
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button type="button" variant="secondary" disabled={!isDirty || isSubmitting} onClick={() => form.reset()}>
            Discard changes
          </Button>
          <Button type="submit" busy={isSubmitting} disabled={!isDirty}>
            Save
          </Button>
        </div>
      )}
    </form>
  );
}
