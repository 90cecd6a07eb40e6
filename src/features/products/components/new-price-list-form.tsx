// Adds a price list (a blank currency means the organisation's base currency).
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@/components/button.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { priceListSchema, type PriceListInput, type PriceListValues } from '../schemas/price-list.ts';

export function NewPriceListForm({ onAdd }: { onAdd(values: PriceListValues): Promise<void> }) {
  const form = useForm<PriceListInput, unknown, PriceListValues>({
    resolver: zodResolver(priceListSchema),
    defaultValues: { name: '', currency: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      aria-label="New price list"
      className="grid items-start gap-3 sm:grid-cols-[1fr_8rem_auto]"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onAdd(values);
          form.reset();
        } catch (error) {
          if (errorCode(error) === '23505') form.setError('name', { message: 'There is a price list of that name' });
          else form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
      <TextField
        label="Currency"
        placeholder="Base"
        maxLength={3}
        error={errors.currency?.message}
        {...form.register('currency')}
      />
      <Button type="submit" className="sm:mt-6" busy={isSubmitting}>
        Add price list
      </Button>
      {errors.root?.message && (
        <p role="alert" className="text-sm text-danger sm:col-span-3">
          {errors.root.message}
        </p>
      )}
    </form>
  );
}
