// Adds a fiscal period. Periods never overlap: the database refuses one that does
// (an exclusion constraint), and the form says which dates clash.
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@/components/button.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { periodSchema, type PeriodInput, type PeriodValues } from '../schemas/period.ts';

export function NewPeriodForm({ onAdd }: { onAdd(values: PeriodValues): Promise<void> }) {
  const form = useForm<PeriodInput, unknown, PeriodValues>({
    resolver: zodResolver(periodSchema),
    defaultValues: { name: '', start_date: '', end_date: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      aria-label="New fiscal period"
      className="grid items-start gap-3 sm:grid-cols-[1fr_11rem_11rem_auto]"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onAdd(values);
          form.reset();
        } catch (error) {
          const message = error instanceof Error ? error.message : '';
          if (errorCode(error) === '23P01' || /fiscal_periods_no_overlap/.test(message))
            form.setError('root', {
              message: `${values.start_date} to ${values.end_date} overlaps a period already in the books (the database refuses overlapping periods). Choose dates outside the existing periods.`,
            });
          else if (errorCode(error) === '23505') form.setError('name', { message: 'There is a period of that name' });
          else form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      <TextField
        label="Name"
        placeholder="e.g. 2026-12"
        autoComplete="off"
        error={errors.name?.message}
        {...form.register('name')}
      />
      <TextField label="First day" type="date" error={errors.start_date?.message} {...form.register('start_date')} />
      <TextField label="Last day" type="date" error={errors.end_date?.message} {...form.register('end_date')} />
      <Button type="submit" className="sm:mt-6" busy={isSubmitting}>
        Add period
      </Button>
      {errors.root?.message && (
        <p role="alert" className="m-0 text-sm text-danger sm:col-span-4">
          {errors.root.message}
        </p>
      )}
    </form>
  );
}
