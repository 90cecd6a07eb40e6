import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const periodSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the period, e.g. 2026-11').max(50, 'At most 50 characters'),
    start_date: z.string().regex(DATE, 'Enter the first day'),
    end_date: z.string().regex(DATE, 'Enter the last day'),
  })
  .refine((v) => v.end_date >= v.start_date, { message: 'On or after the first day', path: ['end_date'] });
export type PeriodInput = z.input<typeof periodSchema>;
export type PeriodValues = z.output<typeof periodSchema>;
