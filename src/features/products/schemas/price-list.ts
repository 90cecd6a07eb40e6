import { z } from 'zod';
import { optionalText } from '@/lib/form-schemas.ts';

export const priceListSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters'),
  /** Blank: the organisation's base currency. */
  currency: optionalText(
    z
      .string()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{3}$/, 'A three-letter code, e.g. EUR')),
  ),
});
export type PriceListInput = z.input<typeof priceListSchema>;
export type PriceListValues = z.output<typeof priceListSchema>;
