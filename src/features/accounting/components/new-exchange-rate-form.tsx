// Adds one exchange rate: a currency, the day it is for and how many units of the base
// currency one unit buys. One rate per currency and day (the database refuses a second).
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { format } from 'date-fns';
import { Button } from '@/components/button.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import type { Currency } from '../api/exchange-rates.ts';
import { exchangeRateSchema, type ExchangeRateInput, type ExchangeRateValues } from '../schemas/exchange-rate.ts';

interface NewExchangeRateFormProps {
  baseCurrency: string;
  currencies: readonly Currency[];
  onAdd(values: ExchangeRateValues): Promise<void>;
}

export function NewExchangeRateForm({ baseCurrency, currencies, onAdd }: NewExchangeRateFormProps) {
  const form = useForm<ExchangeRateInput, unknown, ExchangeRateValues>({
    resolver: zodResolver(exchangeRateSchema(baseCurrency)),
    defaultValues: { currency: '', rate_date: format(new Date(), 'yyyy-MM-dd'), rate: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      aria-label="New exchange rate"
      className="grid items-start gap-3 sm:grid-cols-[12rem_11rem_1fr_auto]"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onAdd(values);
          form.reset({ currency: values.currency, rate_date: values.rate_date, rate: '' });
        } catch (error) {
          if (errorCode(error) === '23505')
            form.setError('rate_date', { message: `${values.currency} already has a rate for this day` });
          else form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      <Controller
        control={form.control}
        name="currency"
        render={({ field }) => (
          <SelectField
            label="Currency"
            value={field.value || undefined}
            onValueChange={field.onChange}
            placeholder="Choose…"
            error={errors.currency?.message}
            options={currencies
              .filter((c) => c.code !== baseCurrency)
              .map((c) => ({ value: c.code, label: `${c.code} · ${c.name}`, textValue: `${c.code} ${c.name}` }))}
          />
        )}
      />
      <TextField label="Date" type="date" error={errors.rate_date?.message} {...form.register('rate_date')} />
      <TextField
        label={`Rate (${baseCurrency} per unit)`}
        inputMode="decimal"
        autoComplete="off"
        placeholder="e.g. 1.0825"
        error={errors.rate?.message}
        {...form.register('rate')}
      />
      <Button type="submit" className="sm:mt-6" busy={isSubmitting}>
        Add rate
      </Button>
      {errors.root?.message && (
        <p role="alert" className="m-0 text-sm text-danger sm:col-span-4">
          {errors.root.message}
        </p>
      )}
    </form>
  );
}
