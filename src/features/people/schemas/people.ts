// People: departments (a name, a parent, the manager who approves their time), employees (linked
// to a member's login where they have one) and hourly cost rates from a date on.
import { z } from 'zod';
import type { Database } from '@/lib/database.types.ts';

export type Department = Database['public']['Tables']['departments']['Row'];
export type Employee = Database['public']['Tables']['employees']['Row'];
export type CostRate = Database['public']['Tables']['employee_cost_rates']['Row'];

export const departmentSchema = z.object({
  name: z.string().trim().min(1, 'Name the department').max(200, 'At most 200 characters'),
  parent_id: z.string(),
  manager_user_id: z.string(),
});
export type DepartmentInput = z.input<typeof departmentSchema>;
export type DepartmentValues = z.output<typeof departmentSchema>;

export const departmentFields = (v: DepartmentValues) => ({
  name: v.name,
  parent_id: v.parent_id || null,
  manager_user_id: v.manager_user_id || null,
});

const blankToNull = (v: string) => (v === '' ? null : v);

export const employeeSchema = z.object({
  full_name: z.string().trim().min(1, 'Enter the name').max(200, 'At most 200 characters'),
  email: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), 'An e-mail address, e.g. ann@example.com')
    .transform(blankToNull),
  user_id: z.string(),
  department_id: z.string(),
  job_title: z.string().trim().max(200, 'At most 200 characters').transform(blankToNull),
  bill_rate: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{1,15}(\.\d{1,2})?$/.test(v), 'A price per hour with at most two decimals'),
  hired_on: z.string(),
  active: z.boolean(),
});
export type EmployeeInput = z.input<typeof employeeSchema>;
export type EmployeeValues = z.output<typeof employeeSchema>;

export const employeeFields = (v: EmployeeValues) => ({
  full_name: v.full_name,
  email: v.email,
  user_id: v.user_id || null,
  department_id: v.department_id || null,
  job_title: v.job_title,
  bill_rate: v.bill_rate === '' ? null : Number(v.bill_rate),
  hired_on: v.hired_on || null,
  active: v.active,
});

export const costRateSchema = z.object({
  valid_from: z.iso.date('Choose the first day it applies'),
  hourly_cost: z
    .string()
    .trim()
    .min(1, 'Enter the hourly cost')
    .regex(/^\d{1,14}(\.\d{1,4})?$/, 'A cost per hour with at most four decimals'),
});
export type CostRateInput = z.input<typeof costRateSchema>;
export type CostRateValues = z.output<typeof costRateSchema>;

/** The rate in force on `day`: the latest one valid from that day or before (as the database picks it). */
export function rateOn<T extends { valid_from: string }>(rates: T[], day: string): T | null {
  return rates.filter((r) => r.valid_from <= day).sort((a, b) => b.valid_from.localeCompare(a.valid_from))[0] ?? null;
}
