// Projects: the form (a customer, how time is billed, the rates, budget and dates) and the
// project page's figures as project_margin() answers them (validated here, so a change in the
// RPC's shape shows as an error rather than as wrong numbers).
import { z } from 'zod';
import type { Database } from '@/lib/database.types.ts';

export type Project = Database['public']['Tables']['projects']['Row'];
export type ProjectStatus = Database['public']['Enums']['project_status'];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = { active: 'Active', closed: 'Closed' };
export const BILLING_METHOD_LABELS: Record<string, string> = {
  time_and_materials: 'Time and materials',
  non_billable: 'Not billable (internal)',
};

const decimal = (label: string, { max, scale }: { max?: number; scale: number }) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || new RegExp(`^\\d{1,15}(\\.\\d{1,${scale}})?$`).test(v), {
      message: `${label}: a number with at most ${scale} decimals`,
    })
    .refine((v) => v === '' || max === undefined || Number(v) <= max, { message: `${label}: at most ${max}` });

export const projectSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the project').max(200, 'At most 200 characters'),
    account_id: z.string().min(1, 'Choose the customer'),
    billing_method: z.enum(['time_and_materials', 'non_billable']),
    hourly_rate: decimal('Hourly rate', { scale: 2 }),
    expense_markup_pct: decimal('Mark-up', { scale: 2, max: 1000 }),
    tax_rate: decimal('Tax rate', { scale: 3, max: 100 }),
    budget: decimal('Budget', { scale: 2 }),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => v === '' || /^[A-Z]{3}$/.test(v), { message: 'Three letters, e.g. USD (blank: the customer’s)' }),
    manager_id: z.string(),
    start_date: z.string(),
    end_date: z.string(),
    description: z.string().trim().max(5000, 'At most 5000 characters'),
  })
  .superRefine((v, ctx) => {
    if (v.start_date && v.end_date && v.end_date < v.start_date)
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'On or after the start date' });
  });
export type ProjectInput = z.input<typeof projectSchema>;
export type ProjectValues = z.output<typeof projectSchema>;

/** The row to insert or update for the form's values (blanks become nulls or defaults). */
export function projectFields(v: ProjectValues) {
  return {
    name: v.name,
    account_id: v.account_id,
    billing_method: v.billing_method,
    hourly_rate: v.hourly_rate === '' ? null : Number(v.hourly_rate),
    expense_markup_pct: v.expense_markup_pct === '' ? 0 : Number(v.expense_markup_pct),
    tax_rate: v.tax_rate === '' ? 0 : Number(v.tax_rate),
    budget: v.budget === '' ? null : Number(v.budget),
    manager_id: v.manager_id || null,
    start_date: v.start_date || null,
    end_date: v.end_date || null,
    description: v.description || null,
  };
}

export function projectFormDefaults(p?: Project): ProjectInput {
  return {
    name: p?.name ?? '',
    account_id: p?.account_id ?? '',
    billing_method: (p?.billing_method as ProjectInput['billing_method']) ?? 'time_and_materials',
    hourly_rate: p?.hourly_rate == null ? '' : String(p.hourly_rate),
    expense_markup_pct: p ? String(p.expense_markup_pct) : '0',
    tax_rate: p ? String(p.tax_rate) : '0',
    budget: p?.budget == null ? '' : String(p.budget),
    currency: p?.currency ?? '',
    manager_id: p?.manager_id ?? '',
    start_date: p?.start_date ?? '',
    end_date: p?.end_date ?? '',
    description: p?.description ?? '',
  };
}

const amount = z.union([z.number(), z.string()]);

/** What project_margin() answers (base currency). */
export const projectMarginSchema = z.object({
  currency: z.string(),
  budget: amount.nullable(),
  billed: amount,
  time_cost: amount,
  purchases: amount,
  materials: amount,
  expenses: amount,
  cost: amount,
  margin: amount,
  margin_pct: amount.nullable(),
  hours: z.object({
    logged: amount,
    approved: amount,
    billable: amount,
    unbilled: amount,
    uncosted: amount,
  }),
});
export type ProjectMargin = z.infer<typeof projectMarginSchema>;
