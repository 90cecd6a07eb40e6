import { z } from 'zod';
import type { ImportField } from '@/components/csv-import-dialog.tsx';

const YES_NO = ['', 'true', 'false', 'yes', 'no', '1', '0'];

/**
 * One CSV row of a contact import (all values are strings from the file). The account is
 * an account name; the server matches it (case-insensitively) and reports unknown or
 * ambiguous names, unless create_account asks it to create a missing one.
 */
export const contactImportRow = z
  .object({
    first_name: z.string().max(100, 'At most 100 characters').optional(),
    last_name: z.string().max(100, 'At most 100 characters').optional(),
    email: z.union([z.literal(''), z.email('Not a valid e-mail address')]).optional(),
    phone: z.string().max(50, 'At most 50 characters').optional(),
    mobile: z.string().max(50, 'At most 50 characters').optional(),
    title: z.string().max(200, 'At most 200 characters').optional(),
    account: z.string().max(200, 'At most 200 characters').optional(),
    create_account: z
      .string()
      .refine((v) => YES_NO.includes(v.trim().toLowerCase()), 'yes or no')
      .optional(),
    tags: z.string().optional(),
    notes: z.string().max(20000, 'At most 20,000 characters').optional(),
  })
  .refine((row) => !!(row.first_name?.trim() || row.last_name?.trim() || row.email?.trim()), {
    message: 'A name or an e-mail address is required',
    path: ['first_name'],
  });

export const CONTACT_IMPORT_FIELDS: ImportField[] = [
  { key: 'first_name', label: 'First name', aliases: ['first', 'given name', 'firstname', 'forename'] },
  { key: 'last_name', label: 'Last name', aliases: ['last', 'surname', 'family name', 'lastname'] },
  { key: 'email', label: 'E-mail', aliases: ['email address', 'mail', 'work email'] },
  { key: 'phone', label: 'Phone', aliases: ['telephone', 'tel', 'work phone', 'phone number'] },
  { key: 'mobile', label: 'Mobile', aliases: ['cell', 'mobile phone', 'cell phone'] },
  { key: 'title', label: 'Title', aliases: ['job title', 'position', 'role'] },
  {
    key: 'account',
    label: 'Account',
    aliases: ['organization', 'organisation', 'company', 'company name', 'account name', 'organization name'],
  },
  { key: 'create_account', label: 'Create account if missing', aliases: ['create account', 'create organization'] },
  { key: 'tags', label: 'Tags', aliases: ['labels', 'label'] },
  { key: 'notes', label: 'Notes', aliases: ['note'] },
];
