// Forms of invoicing: a new invoice (from a sales order or stand-alone lines), a credit note,
// and a payment with its allocations. Amounts stay the decimal strings typed (validated here)
// until they reach the database; nothing is summed in floating point.
import Big from 'big.js';
import { z } from 'zod';
import { optionalText } from '@/lib/form-schemas.ts';

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const requiredDate = z.string().regex(DATE_RE, 'Enter a date');
const optionalDate = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.string().regex(DATE_RE, 'Enter a date').nullable());

/** A decimal typed into a box, kept as its text ("12.50"), with at most `scale` decimals. */
export const decimalText = (label: string, { scale = 2, positive = false, max = '1e12' } = {}) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}`)
    .regex(new RegExp(`^\\d+(\\.\\d{1,${scale}})?$`), `Enter ${label} as a number with at most ${scale} decimals`)
    .refine((v) => !positive || new Big(v).gt(0), 'Must be more than 0')
    .refine((v) => new Big(v).lte(max), `At most ${Number(max).toLocaleString()}`);

export const DOCUMENT_STATUS_LABELS = { draft: 'Draft', posted: 'Posted', cancelled: 'Cancelled' } as const;

export const PAYMENT_STATUS_LABELS = {
  draft: 'Draft',
  cancelled: 'Cancelled',
  open: 'Open',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  overdue: 'Overdue',
} as const;
export type PaymentStatus = keyof typeof PAYMENT_STATUS_LABELS;

export const KIND_LABELS = { invoice: 'Invoice', credit_note: 'Credit note' } as const;

export const invoiceLineSchema = z.object({
  product_id: z.string().nullable(),
  description: z.string().trim().min(1, 'Describe the line').max(500, 'At most 500 characters'),
  quantity: decimalText('the quantity', { scale: 4, positive: true }),
  unit_price: decimalText('the unit price', { scale: 4 }),
  discount_pct: decimalText('the discount', { scale: 2, max: '100' }),
  tax_rate: decimalText('the tax rate', { scale: 3, max: '100' }),
});
export type InvoiceLineInput = z.input<typeof invoiceLineSchema>;

export const newInvoiceSchema = z
  .object({
    source: z.enum(['order', 'standalone']),
    sales_order_id: z.string(),
    only_delivered: z.boolean(),
    account_id: z.string(),
    lines: z.array(invoiceLineSchema),
    invoice_date: requiredDate,
    due_date: optionalDate,
    notes: optionalText(z.string().max(5000, 'At most 5,000 characters')),
    send: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.source === 'order' && !v.sales_order_id)
      ctx.addIssue({ code: 'custom', path: ['sales_order_id'], message: 'Choose the sales order to invoice' });
    if (v.source === 'standalone') {
      if (!v.account_id) ctx.addIssue({ code: 'custom', path: ['account_id'], message: 'Choose the customer' });
      if (v.lines.length === 0)
        ctx.addIssue({ code: 'custom', path: ['lines'], message: 'Add at least one line to invoice' });
    }
    if (v.due_date && v.due_date < v.invoice_date)
      ctx.addIssue({ code: 'custom', path: ['due_date'], message: 'On or after the invoice date' });
  });
export type NewInvoiceInput = z.input<typeof newInvoiceSchema>;
export type NewInvoiceValues = z.output<typeof newInvoiceSchema>;

/** What the create-invoice edge function takes (supabase/functions/create-invoice/index.ts). */
export interface CreateInvoiceBody {
  org_id: string;
  idempotency_key: string;
  sales_order_id?: string;
  only_delivered?: boolean;
  account_id?: string;
  lines?: {
    product_id?: string;
    description: string;
    quantity: number;
    unit_price: number;
    discount_pct?: number;
    tax_rate?: number;
  }[];
  invoice_date?: string;
  due_date?: string;
  notes?: string;
  send: boolean;
}

/** The function's body for the form's values (quantities and prices per line, never summed here). */
export function createInvoiceBody(orgId: string, idempotencyKey: string, v: NewInvoiceValues): CreateInvoiceBody {
  const common = {
    org_id: orgId,
    idempotency_key: idempotencyKey,
    invoice_date: v.invoice_date,
    ...(v.due_date ? { due_date: v.due_date } : {}),
    ...(v.notes ? { notes: v.notes } : {}),
    send: v.send,
  };
  if (v.source === 'order') return { ...common, sales_order_id: v.sales_order_id, only_delivered: v.only_delivered };
  return {
    ...common,
    account_id: v.account_id,
    lines: v.lines.map((l) => ({
      ...(l.product_id ? { product_id: l.product_id } : {}),
      description: l.description,
      quantity: Number(l.quantity),
      unit_price: Number(l.unit_price),
      discount_pct: Number(l.discount_pct),
      tax_rate: Number(l.tax_rate),
    })),
  };
}

/** Field errors the function answers with (400, zod's flattened fieldErrors), keyed by the body's fields. */
export function functionFieldErrors(details: unknown): Record<string, string> {
  if (!details || typeof details !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value.find((m) => typeof m === 'string') : undefined;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}

export const creditNoteSchema = z
  .object({
    mode: z.enum(['all', 'some']),
    lines: z.array(
      z.object({
        invoice_line_id: z.string(),
        selected: z.boolean(),
        quantity: z.string().trim(),
        max: z.string(),
      }),
    ),
    reason: optionalText(z.string().max(5000, 'At most 5,000 characters')),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'all') return;
    let any = false;
    v.lines.forEach((l, i) => {
      if (!l.selected) return;
      any = true;
      const q = decimalText('the quantity', { scale: 4, positive: true }).safeParse(l.quantity);
      if (!q.success) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'quantity'], message: q.error.issues[0]!.message });
      } else if (new Big(q.data).gt(l.max)) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'quantity'], message: `At most ${l.max}` });
      }
    });
    if (!any) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'Choose at least one line to credit' });
  });
export type CreditNoteInput = z.input<typeof creditNoteSchema>;
export type CreditNoteValues = z.output<typeof creditNoteSchema>;

export const paymentSchema = z.object({
  amount: decimalText('the amount', { positive: true }),
  payment_date: requiredDate,
  gl_account_id: z.string().min(1, 'Choose the bank account'),
  reference: optionalText(z.string().max(200, 'At most 200 characters')),
});
export type PaymentInput = z.input<typeof paymentSchema>;
export type PaymentValues = z.output<typeof paymentSchema>;

/** Today in the browser's calendar, as yyyy-mm-dd. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
