import { z } from 'zod';
import { optionalText } from '@/lib/form-schemas.ts';

export const PO_STATUS_LABELS = {
  draft: 'Draft',
  sent: 'Sent',
  partially_received: 'Partially received',
  received: 'Received',
  closed: 'Closed',
  cancelled: 'Cancelled',
} as const;

export const DOCUMENT_STATUS_LABELS = { draft: 'Draft', posted: 'Posted', cancelled: 'Cancelled' } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const requiredDate = z.string().regex(DATE, 'Enter a date');
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

export const newPurchaseOrderSchema = z.object({
  supplier_id: z.string().min(1, 'Choose the supplier'),
  warehouse_id: z.string().min(1, 'Choose the warehouse that receives the goods'),
  expected_date: optionalDate,
});
export type NewPurchaseOrderInput = z.input<typeof newPurchaseOrderSchema>;
export type NewPurchaseOrderValues = z.output<typeof newPurchaseOrderSchema>;

/** The header of a draft order; the status and the number belong to the database. */
export const poHeaderSchema = z
  .object({
    supplier_id: z.string().min(1, 'Choose the supplier'),
    warehouse_id: z.string().min(1, 'Choose the warehouse'),
    order_date: requiredDate,
    expected_date: optionalDate,
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'A three-letter currency code, e.g. USD'),
    exchange_rate: decimal('the exchange rate', { min: 0, above: true, scale: 8 }),
    supplier_reference: optionalText(z.string().max(100, 'At most 100 characters')),
    notes: optionalText(z.string().max(5000, 'At most 5,000 characters')),
  })
  .refine((v) => !v.expected_date || v.expected_date >= v.order_date, {
    message: 'Expected on or after the order date',
    path: ['expected_date'],
  });
export type PoHeaderInput = z.input<typeof poHeaderSchema>;
export type PoHeaderValues = z.output<typeof poHeaderSchema>;

export const poLinesSchema = z.object({
  lines: z.array(
    z.object({
      id: z.string().optional(),
      product_id: z.string().min(1, 'Choose a product'),
      quantity: decimal('the quantity', { min: 0, above: true }),
      unit_cost: decimal('the unit cost'),
      tax_rate: decimal('the tax rate', { max: 100, scale: 3 }),
    }),
  ),
});
export type PoLinesInput = z.input<typeof poLinesSchema>;
export type PoLinesValues = z.output<typeof poLinesSchema>;

/** What arrived, per open line (in the order of `openQuantities`): no more than is open, something in all. */
export function receiptSchema(openQuantities: readonly number[]) {
  return z
    .object({
      received_date: requiredDate,
      supplier_reference: optionalText(z.string().max(100, 'At most 100 characters')),
      lines: z.array(z.object({ purchase_order_line_id: z.string(), quantity: decimal('the quantity') })),
    })
    .superRefine((v, ctx) => {
      v.lines.forEach((line, i) => {
        const open = openQuantities[i] ?? 0;
        if (line.quantity > open) {
          ctx.addIssue({ code: 'custom', path: ['lines', i, 'quantity'], message: `At most ${open} still to come` });
        }
      });
      if (!v.lines.some((l) => l.quantity > 0)) {
        ctx.addIssue({ code: 'custom', path: ['lines'], message: 'Enter a quantity for at least one line' });
      }
    });
}
export type ReceiptInput = z.input<ReturnType<typeof receiptSchema>>;
export type ReceiptValues = z.output<ReturnType<typeof receiptSchema>>;

export const billSchema = z
  .object({
    supplier_invoice_number: z
      .string()
      .trim()
      .min(1, "Enter the supplier's invoice number")
      .max(100, 'At most 100 characters'),
    bill_date: requiredDate,
    due_date: optionalDate,
    lines: z.array(
      z.object({
        purchase_order_line_id: z.string(),
        quantity: decimal('the quantity'),
        unit_price: decimal('the unit price'),
      }),
    ),
  })
  .refine((v) => !v.due_date || v.due_date >= v.bill_date, {
    message: 'Due on or after the bill date',
    path: ['due_date'],
  })
  .refine((v) => v.lines.some((l) => l.quantity > 0), {
    message: 'Enter a quantity for at least one line',
    path: ['lines'],
  });
export type BillFormInput = z.input<typeof billSchema>;
export type BillFormValues = z.output<typeof billSchema>;
