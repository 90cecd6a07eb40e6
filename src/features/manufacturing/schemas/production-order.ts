// Production orders: status labels, the new-order and completion forms, and the shapes of what
// the database answers that are not table rows (can_build's JSON, start_production_order's
// refusal detail), checked with zod where they enter the app.
import { z } from 'zod';
import { optionalText } from '@/lib/form-schemas.ts';
import { decimal } from './bom.ts';

export const PRODUCTION_STATUS_LABELS = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
} as const;
export type ProductionStatus = keyof typeof PRODUCTION_STATUS_LABELS;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const requiredDate = z.string().regex(DATE, 'Enter a date');

export const newProductionOrderSchema = z.object({
  product_id: z.string().min(1, 'Choose the product to build'),
  /** Blank: the product's own BOM (its default, else its latest active one). */
  bom_id: z.string().transform((v) => (v === '' ? null : v)),
  quantity: decimal('the quantity', { above: true }),
  warehouse_id: z.string().min(1, 'Choose the warehouse the components come from'),
  planned_date: requiredDate,
  notes: optionalText(z.string().max(5000, 'At most 5,000 characters')),
});
export type NewProductionOrderInput = z.input<typeof newProductionOrderSchema>;
export type NewProductionOrderValues = z.output<typeof newProductionOrderSchema>;

/** Completing: good units produced (more than 0, at most the order's quantity), labour, the date. */
export function completeSchema(orderQuantity: number) {
  return z.object({
    quantity: decimal('the quantity produced', { above: true }).refine((n) => n <= orderQuantity, {
      message: `At most the ${orderQuantity} ordered`,
    }),
    labour_cost: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : v))
      .pipe(decimal('the labour cost', { scale: 2 }).nullable()),
    done_date: requiredDate,
  });
}
export type CompleteInput = z.input<ReturnType<typeof completeSchema>>;
export type CompleteValues = z.output<ReturnType<typeof completeSchema>>;

const num = z.coerce.number();

/** One row of can_build's netted tree (20261202220000). */
export const canBuildComponentSchema = z.object({
  level: z.number().int(),
  path: z.array(z.string()),
  sku_path: z.array(z.string()),
  product_id: z.string(),
  sku: z.string(),
  name: z.string(),
  uom: z.string(),
  required: num,
  available: num,
  allocated: num,
  shortage: num,
  has_bom: z.boolean(),
  allows_negative_stock: z.boolean(),
});
export type CanBuildComponent = z.output<typeof canBuildComponentSchema>;

export const canBuildSchema = z.object({
  product_id: z.string(),
  warehouse_id: z.string().nullable(),
  bom_id: z.string(),
  quantity: num,
  buildable: z.boolean(),
  max_buildable: num.nullable(),
  components: z.array(canBuildComponentSchema),
  to_buy: z.array(
    z.object({ product_id: z.string(), sku: z.string(), name: z.string(), uom: z.string(), shortage: num }),
  ),
});
export type CanBuild = z.output<typeof canBuildSchema>;

/** start_production_order's refusal detail: every short component. */
export const startRefusalSchema = z.array(
  z.object({ product_id: z.string(), sku: z.string(), required: num, available: num, shortage: num }),
);
export type StartShortage = z.output<typeof startRefusalSchema>[number];

/** The short components of a refused start, when the error carries them (else null). */
export function startShortages(details: unknown): StartShortage[] | null {
  if (typeof details !== 'string' || !details.trim().startsWith('[')) return null;
  try {
    const parsed = startRefusalSchema.safeParse(JSON.parse(details));
    return parsed.success && parsed.data.length > 0 ? parsed.data : null;
  } catch {
    return null;
  }
}
