import { z } from 'zod';
import { tagList } from '@/lib/form-schemas.ts';

const optionalUuid = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.uuid().nullable());

export const dealSchema = z.object({
  title: z.string().trim().min(1, 'Give the deal a title').max(200, 'At most 200 characters'),
  stage_id: z.uuid('Choose a stage'),
  account_id: optionalUuid,
  contact_id: optionalUuid,
  amount: z.coerce
    .number<string>({ error: 'Enter an amount' })
    .min(0, 'The amount cannot be negative')
    .max(1e15, 'Too large'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'A three-letter currency code, e.g. USD'),
  expected_close_date: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(z.iso.date('Enter a date').nullable()),
  owner_id: optionalUuid,
  tags: tagList,
});

export type DealFormInput = z.input<typeof dealSchema>;
export type DealFormValues = z.output<typeof dealSchema>;

export const lostSchema = z.object({
  reason: z.string().trim().min(1, 'Say why the deal was lost').max(500, 'At most 500 characters'),
});

export const wonSchema = z.object({
  account_id: z.uuid('Choose the customer the order is for'),
  amount: z.coerce.number<string>({ error: 'Enter the amount' }).min(0, 'The amount cannot be negative'),
  delivery_date: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(z.iso.date('Enter a date').nullable()),
});
export type WonFormInput = z.input<typeof wonSchema>;
export type WonFormValues = z.output<typeof wonSchema>;

/** Common reasons offered when a deal is lost (free text is allowed too). */
export const LOST_REASONS = [
  'Price',
  'Chose a competitor',
  'No budget',
  'No decision',
  'Timing',
  'Product fit',
] as const;
