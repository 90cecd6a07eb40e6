// Forms of the sales order screens: a new order, a draft's header and lines, and the
// quantities of a draft delivery or return. Numbers are typed as text and checked here;
// the database checks them again (and the rules that need other rows).
import { z } from 'zod';
import { optionalText } from '@/lib/form-schemas.ts';

export const SO_STATUS_LABELS = {
  draft: 'Draft',
  confirmed: 'Confirmed',
  partially_delivered: 'Partially delivered',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
} as const;

export const DOCUMENT_STATUS_LABELS = { draft: 'Draft', posted: 'Posted', cancelled: 'Cancelled' } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.string().regex(DATE, 'Enter a date').nullable());

/** A decimal typed into a box ("12", "12.5"), at most `scale` decimals, turned into a number. */
export const decimal = (label: string, { min = 0, max = 1e12, scale = 4, above = false } = {}) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}`)
    .regex(new RegExp(`^\\d+(\\.\\d{1,${scale}})?$`), `Enter ${label} as a number with at most ${scale} decimals`)
    .transform(Number)
    .pipe(
      z
        .number()
        .refine((n) => (above ? n > min : n >= min), above ? `Must be more than ${min}` : `At least ${min}`)
        .refine((n) => n <= max, `At most ${max}`),
    );

export const newSalesOrderSchema = z.object({
  account_id: z.string().min(1, 'Choose the customer'),
  warehouse_id: z.string().min(1, 'Choose the warehouse that ships the goods'),
  promised_date: optionalDate,
});
export type NewSalesOrderInput = z.input<typeof newSalesOrderSchema>;
export type NewSalesOrderValues = z.output<typeof newSalesOrderSchema>;

/** The header of a draft order; the status and the number belong to the database. */
export const soHeaderSchema = z.object({
  warehouse_id: z.string().min(1, 'Choose the warehouse'),
  promised_date: optionalDate,
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'A three-letter currency code, e.g. USD'),
  payment_terms_days: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, 'Whole days')
        .transform(Number)
        .pipe(z.number().max(365, 'At most 365 days'))
        .nullable(),
    ),
  customer_reference: optionalText(z.string().max(100, 'At most 100 characters')),
  notes: optionalText(z.string().max(5000, 'At most 5,000 characters')),
});
export type SoHeaderInput = z.input<typeof soHeaderSchema>;
export type SoHeaderValues = z.output<typeof soHeaderSchema>;

export const soLinesSchema = z.object({
  lines: z.array(
    z.object({
      id: z.string().optional(),
      product_id: z.string().nullable(),
      description: z.string().trim().min(1, 'Describe the line').max(500, 'At most 500 characters'),
      quantity: decimal('the quantity', { min: 0, above: true }),
      unit_price: decimal('the price'),
      discount_pct: decimal('the discount', { max: 100, scale: 2 }),
      tax_rate: decimal('the tax rate', { max: 100, scale: 3 }),
    }),
  ),
});
export type SoLinesInput = z.input<typeof soLinesSchema>;
export type SoLinesValues = z.output<typeof soLinesSchema>;

/**
 * Quantities of a draft delivery or return, per line (in the order of `limits`): none above
 * what is left (to deliver, or delivered and not returned), something on at least one line.
 * A line at 0 is taken off the document.
 */
export function documentQuantitiesSchema(limits: readonly number[], what: 'deliver' | 'return') {
  return z
    .object({
      lines: z.array(z.object({ id: z.string(), quantity: decimal('the quantity') })),
    })
    .superRefine((v, ctx) => {
      v.lines.forEach((line, i) => {
        const max = limits[i] ?? 0;
        if (line.quantity > max) {
          ctx.addIssue({
            code: 'custom',
            path: ['lines', i, 'quantity'],
            message:
              what === 'deliver' ? `At most ${max} left to deliver` : `At most ${max} delivered and not returned`,
          });
        }
      });
      if (!v.lines.some((l) => l.quantity > 0)) {
        ctx.addIssue({ code: 'custom', path: ['lines'], message: 'Enter a quantity for at least one line' });
      }
    });
}
export type DocumentQuantitiesInput = z.input<ReturnType<typeof documentQuantitiesSchema>>;
export type DocumentQuantitiesValues = z.output<ReturnType<typeof documentQuantitiesSchema>>;
