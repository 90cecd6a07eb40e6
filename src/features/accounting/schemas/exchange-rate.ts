import { z } from 'zod';
import type { ImportField } from '@/components/csv-import-dialog.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** numeric(18, 8): at most 10 digits before the point and 8 after. */
const RATE = /^\d{1,10}(\.\d{1,8})?$/;

const positiveRate = z
  .string()
  .trim()
  .regex(RATE, 'A rate like 1.0825 (at most 8 decimals)')
  .refine((v) => !/^0*(\.0*)?$/.test(v), 'More than zero');

/** A rate as typed: units of the base currency per unit of `currency`, kept as a decimal string. */
export function exchangeRateSchema(baseCurrency: string) {
  return z.object({
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'Choose a currency')
      .refine((c) => c !== baseCurrency, `${baseCurrency} is the base currency: its rate is always 1`),
    rate_date: z.string().regex(DATE, 'Enter a date'),
    rate: positiveRate,
  });
}
export type ExchangeRateInput = z.input<ReturnType<typeof exchangeRateSchema>>;
export type ExchangeRateValues = z.output<ReturnType<typeof exchangeRateSchema>>;

/** One CSV row of a rate import, checked against the currencies the database knows. */
export function exchangeRateImportRow(currencies: readonly string[], baseCurrency: string) {
  return z.object({
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((c) => currencies.includes(c), 'Not a known currency code')
      .refine((c) => c !== baseCurrency, 'The base currency needs no rate'),
    rate_date: z.string().trim().regex(DATE, 'A date as YYYY-MM-DD'),
    rate: positiveRate,
  });
}

export const EXCHANGE_RATE_IMPORT_FIELDS: ImportField[] = [
  { key: 'currency', label: 'Currency', required: true, aliases: ['code', 'currency code', 'iso'] },
  { key: 'rate_date', label: 'Date', required: true, aliases: ['rate date', 'day', 'valid from', 'as of'] },
  { key: 'rate', label: 'Rate', required: true, aliases: ['exchange rate', 'value', 'fx rate'] },
];
