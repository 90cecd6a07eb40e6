// Bills of materials as typed into the editor: the finished product, how many the lines make
// (output quantity), version, default/active, and the component lines with their quantity per
// output quantity and scrap %. The checks mirror the tables' (20261202220000): quantities above
// zero with at most 4 decimals, scrap from 0 up to (not including) 100 % with 2 decimals, one
// line per component, no product as its own component, an archived BOM never the default.
// Deeper loops (A → B → A) are refused by the database, whose message names the loop.
import { z } from 'zod';
import { optionalText } from '@/lib/form-schemas.ts';

/** A decimal typed into a box ("12", "12.5"), at most `scale` decimals, turned into a number. */
export const decimal = (label: string, { min = 0, max = 1e12, scale = 4, above = false, below = false } = {}) =>
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
        .refine((n) => (below ? n < max : n <= max), below ? `Must be less than ${max}` : `At most ${max}`),
    );

const version = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(
    z
      .string()
      .regex(/^\d{1,6}$/, 'A whole number, e.g. 2')
      .transform(Number)
      .pipe(z.number().int().min(1, 'Versions start at 1'))
      .nullable(),
  );

export const bomLineSchema = z.object({
  /** The saved line's id; absent for a new line. */
  id: z.string().optional(),
  product_id: z.string().min(1, 'Choose a component'),
  quantity: decimal('the quantity', { above: true }),
  scrap_pct: decimal('the scrap %', { max: 100, below: true, scale: 2 }),
});

export const bomSchema = z
  .object({
    product_id: z.string().min(1, 'Choose the product this bill of materials builds'),
    name: z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters'),
    /** Blank: the product's next version (the database numbers it). */
    version,
    output_quantity: decimal('the output quantity', { above: true }),
    is_default: z.boolean(),
    is_active: z.boolean(),
    notes: optionalText(z.string().max(5000, 'At most 5,000 characters')),
    lines: z.array(bomLineSchema).min(1, 'Add at least one component'),
  })
  .superRefine((v, ctx) => {
    if (v.is_default && !v.is_active) {
      ctx.addIssue({
        code: 'custom',
        path: ['is_default'],
        message: 'An archived bill of materials cannot be the default',
      });
    }
    const seen = new Map<string, number>();
    v.lines.forEach((line, i) => {
      if (!line.product_id) return;
      if (line.product_id === v.product_id) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'product_id'],
          message: 'A product cannot be a component of itself',
        });
      }
      const first = seen.get(line.product_id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'product_id'],
          message: `Already on line ${first + 1}: change its quantity instead`,
        });
      } else seen.set(line.product_id, i);
    });
  });
export type BomInput = z.input<typeof bomSchema>;
export type BomValues = z.output<typeof bomSchema>;
export type BomLineValues = z.output<typeof bomLineSchema>;

/** What a quantity box for an explosion or a can-we-build check holds. */
export const quantitySchema = decimal('a quantity', { above: true });
