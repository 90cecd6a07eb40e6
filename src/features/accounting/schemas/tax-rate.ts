import { z } from 'zod';

export const taxRateSchema = z.object({
  name: z.string().trim().min(1, 'Name the rate, e.g. "Standard VAT"').max(100, 'At most 100 characters'),
  // Kept as the typed decimal text (numeric(6,3) in the database): no float rounding.
  rate: z
    .string()
    .trim()
    .regex(/^\d{1,3}([.,]\d{1,3})?$/, 'A percentage with at most three decimals, e.g. 20 or 5.5')
    .transform((v) => v.replace(',', '.'))
    .refine((v) => Number(v) <= 100, 'At most 100 %'),
});
export type TaxRateInput = z.input<typeof taxRateSchema>;
export type TaxRateValues = z.output<typeof taxRateSchema>;
