// Sets a product's price in a price list from a minimum quantity (validated here and by the
// table's checks). The same list and minimum quantity again replaces that price.
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@/components/button.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorMessage } from '@/lib/errors.ts';
import type { PriceList } from '../api/price-lists.ts';
import { productPriceSchema, type ProductPriceInput, type ProductPriceValues } from '../schemas/product.ts';

interface NewProductPriceFormProps {
  priceLists: PriceList[];
  onAdd(values: ProductPriceValues): Promise<void>;
}

export function NewProductPriceForm({ priceLists, onAdd }: NewProductPriceFormProps) {
  const form = useForm<ProductPriceInput, unknown, ProductPriceValues>({
    resolver: zodResolver(productPriceSchema),
    defaultValues: { price_list_id: priceLists[0]?.id ?? '', min_quantity: '1', unit_price: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      aria-label="Set a price"
      className="grid items-start gap-3 sm:grid-cols-[1fr_7rem_8rem_auto]"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onAdd(values);
          form.reset({ ...values, min_quantity: '1', unit_price: '' } as unknown as ProductPriceInput);
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      <Controller
        control={form.control}
        name="price_list_id"
        render={({ field }) => (
          <SelectField
            label="Price list"
            value={field.value || undefined}
            onValueChange={field.onChange}
            error={errors.price_list_id?.message}
            options={priceLists.map((l) => ({ value: l.id, label: `${l.name} (${l.currency})`, textValue: l.name }))}
          />
        )}
      />
      <TextField
        label="From quantity"
        inputMode="decimal"
        error={errors.min_quantity?.message}
        {...form.register('min_quantity')}
      />
      <TextField
        label="Unit price"
        inputMode="decimal"
        error={errors.unit_price?.message}
        {...form.register('unit_price')}
      />
      <Button type="submit" className="sm:mt-6" busy={isSubmitting}>
        Set price
      </Button>
      {errors.root?.message && (
        <p role="alert" className="text-sm text-danger sm:col-span-4">
          {errors.root.message}
        </p>
      )}
    </form>
  );
}
