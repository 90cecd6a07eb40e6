import { z } from 'zod';
import type { Database } from '@/lib/database.types.ts';

export type GlAccountType = Database['public']['Enums']['gl_account_type'];

export const ACCOUNT_TYPES: readonly GlAccountType[] = ['asset', 'liability', 'equity', 'income', 'expense'];

export const ACCOUNT_TYPE_LABELS: Record<GlAccountType, string> = {
  asset: 'Assets',
  liability: 'Liabilities',
  equity: 'Equity',
  income: 'Income',
  expense: 'Expenses',
};

export const ACCOUNT_TYPE_SINGULAR: Record<GlAccountType, string> = {
  asset: 'Asset',
  liability: 'Liability',
  equity: 'Equity',
  income: 'Income',
  expense: 'Expense',
};

/** The roles automatic postings look accounts up by (gl_accounts.role). */
export const ACCOUNT_ROLE_LABELS: Record<string, string> = {
  bank: 'Bank',
  receivable: 'Receivables',
  payable: 'Payables',
  inventory: 'Inventory',
  grni: 'Goods received not invoiced',
  tax_receivable: 'Input tax',
  tax_payable: 'Sales tax',
  sales: 'Product sales',
  service_sales: 'Service sales',
  cogs: 'Cost of goods sold',
  purchases: 'Purchases',
  stock_adjustment: 'Stock adjustments',
  fx_gain: 'Exchange gains',
  fx_loss: 'Exchange losses',
  retained_earnings: 'Retained earnings',
  customer_credit: 'Customer credits',
  sales_returns: 'Sales returns',
  labour_absorbed: 'Labour absorbed into production',
};

/** gl_accounts' own checks: code ^[0-9A-Za-z.-]{1,20}$, name 1–200 characters. */
export const accountSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Enter a code, e.g. 6300')
    .regex(/^[0-9A-Za-z.-]{1,20}$/, 'Letters, digits, dots and dashes (at most 20)'),
  name: z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters'),
  type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
  parent_id: z.string().transform((v) => (v === '' ? null : v)),
  reconcilable: z.boolean(),
  active: z.boolean(),
});
export type AccountInput = z.input<typeof accountSchema>;
export type AccountValues = z.output<typeof accountSchema>;
