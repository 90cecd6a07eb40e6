// An expense as the form takes it: the amount net of tax and the (recoverable) tax on top, in a
// currency (the organisation's by default), on a project or not (billable only on a project), and
// a receipt file (an image or a PDF of at most 10 MB, as the "receipts" bucket takes).
import { z } from 'zod';
import type { Database } from '@/lib/database.types.ts';

export type ExpenseStatus = Database['public']['Enums']['expense_status'];
export type Expense = Database['public']['Tables']['expenses']['Row'];

export const EXPENSE_STATUS_LABELS: Record<ExpenseStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  invoiced: 'Invoiced',
};

export const EXPENSE_STATUS_TONES = {
  draft: 'neutral',
  submitted: 'info',
  approved: 'success',
  rejected: 'danger',
  invoiced: 'success',
} as const satisfies Record<ExpenseStatus, 'neutral' | 'info' | 'success' | 'danger'>;

export const EXPENSE_CATEGORIES = ['Travel', 'Meals', 'Lodging', 'Mileage', 'Supplies', 'Software', 'Other'];

export const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'];
export const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;

const money = (label: string, { positive }: { positive: boolean }) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}`)
    .regex(/^\d{1,15}(\.\d{1,2})?$/, `The ${label} is a number with at most two decimals, e.g. 42.50`)
    .refine((v) => !positive || Number(v) > 0, `The ${label} is more than zero`);

export const expenseSchema = z
  .object({
    expense_date: z.iso.date('Choose the date'),
    category: z.string().trim().min(1, 'Say what it was for').max(100, 'At most 100 characters'),
    project_id: z.string(),
    description: z
      .string()
      .trim()
      .max(1000, 'At most 1000 characters')
      .transform((v) => (v === '' ? null : v)),
    amount: money('amount', { positive: true }),
    tax_amount: money('tax', { positive: false }),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'Three letters, e.g. USD'),
    billable: z.boolean(),
    receipt: z
      .instanceof(File)
      .nullable()
      .refine((f) => !f || RECEIPT_TYPES.includes(f.type), 'A receipt is an image (JPEG, PNG, WebP, HEIC) or a PDF')
      .refine((f) => !f || f.size <= RECEIPT_MAX_BYTES, 'A receipt is at most 10 MB'),
  })
  .superRefine((v, ctx) => {
    if (v.billable && !v.project_id)
      ctx.addIssue({ code: 'custom', path: ['billable'], message: 'Only expenses on a project are billable' });
  });
export type ExpenseInput = z.input<typeof expenseSchema>;
export type ExpenseValues = z.output<typeof expenseSchema>;

/** A file name Storage keys take as it is: letters, digits, dots, dashes and underscores. */
export function receiptFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (cleaned || 'receipt').slice(-120);
}

/** Where the receipt of an expense lives in the "receipts" bucket (the bucket's policy checks it). */
export const receiptPath = (orgId: string, expenseId: string, fileName: string) =>
  `${orgId}/${expenseId}/${receiptFileName(fileName)}`;
