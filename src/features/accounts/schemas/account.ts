import { z } from 'zod';
import { optionalText, tagList } from '@/lib/form-schemas.ts';

export const accountSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters'),
  kind: z.enum(['company', 'person']),
  email: optionalText(z.email('Enter a valid e-mail address')),
  website: optionalText(z.string().max(500, 'At most 500 characters')),
  phone: optionalText(z.string().max(50, 'At most 50 characters')),
  tax_id: optionalText(z.string().max(50, 'At most 50 characters')),
  currency: optionalText(z.string().regex(/^[A-Z]{3}$/, 'A three-letter code, e.g. USD')),
  payment_terms_days: z.coerce
    .number<string>({ error: 'Days, e.g. 30' })
    .int('Whole days')
    .min(0, 'At least 0')
    .max(365, 'At most 365'),
  credit_limit: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(z.number({ error: 'An amount, e.g. 2500' }).min(0, 'Cannot be negative').nullable()),
  is_customer: z.boolean(),
  is_supplier: z.boolean(),
  tags: tagList,
  owner_id: optionalText(z.uuid()),
  notes: optionalText(z.string().max(20000, 'At most 20,000 characters')),
});
export type AccountFormInput = z.input<typeof accountSchema>;
export type AccountFormValues = z.output<typeof accountSchema>;

/** One CSV row of an account import (all values are strings from the file). */
export const accountImportRow = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200, 'At most 200 characters'),
  kind: z.enum(['company', 'person', ''], { error: 'company or person' }).optional(),
  email: z.union([z.literal(''), z.email('Not a valid e-mail address')]).optional(),
  website: z.string().max(500, 'At most 500 characters').optional(),
  phone: z.string().max(50, 'At most 50 characters').optional(),
  tax_id: z.string().max(50, 'At most 50 characters').optional(),
  currency: z.union([z.literal(''), z.string().regex(/^[A-Za-z]{3}$/, 'A three-letter code, e.g. USD')]).optional(),
  payment_terms_days: z.union([z.literal(''), z.string().regex(/^\d{1,3}$/, 'Whole days, e.g. 30')]).optional(),
  credit_limit: z
    .union([z.literal(''), z.string().regex(/^\d{1,15}(\.\d{1,2})?$/, 'An amount like 2500 or 2500.50')])
    .optional(),
  tags: z.string().optional(),
  notes: z.string().optional(),
});

export const ACCOUNT_IMPORT_FIELDS = [
  { key: 'name', label: 'Name', required: true, aliases: ['company', 'company name', 'account', 'account name'] },
  { key: 'kind', label: 'Kind', aliases: ['type'] },
  { key: 'email', label: 'E-mail', aliases: ['email address', 'mail'] },
  { key: 'website', label: 'Website', aliases: ['web', 'url', 'domain'] },
  { key: 'phone', label: 'Phone', aliases: ['telephone', 'tel'] },
  { key: 'tax_id', label: 'Tax ID', aliases: ['vat', 'vat id', 'tax number'] },
  { key: 'currency', label: 'Currency' },
  { key: 'payment_terms_days', label: 'Payment terms (days)', aliases: ['payment terms', 'terms'] },
  { key: 'credit_limit', label: 'Credit limit' },
  { key: 'tags', label: 'Tags', aliases: ['labels'] },
  { key: 'notes', label: 'Notes' },
];
