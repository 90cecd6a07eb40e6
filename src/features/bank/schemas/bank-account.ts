import { z } from 'zod';
import { optionalText } from '@/lib/form-schemas.ts';

/** bank_accounts' own checks: name 1–100, bank name ≤ 100, account number ≤ 50, an ISO currency. */
export const bankAccountSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name, e.g. Main bank account').max(100, 'At most 100 characters'),
  bank_name: optionalText(z.string().max(100, 'At most 100 characters')),
  account_number: optionalText(z.string().max(50, 'At most 50 characters')),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Choose a currency'),
  gl_account_id: z.string().min(1, 'Choose the ledger account the money is booked on'),
  active: z.boolean(),
});
export type BankAccountInput = z.input<typeof bankAccountSchema>;
export type BankAccountValues = z.output<typeof bankAccountSchema>;

/** "DE89 3704 0044 0532 0130 00" → "•••• 3000": only the last four characters are shown in lists. */
export function maskAccountNumber(value: string | null | undefined): string {
  const compact = (value ?? '').replace(/\s+/g, '');
  if (compact === '') return '—';
  if (compact.length <= 4) return compact;
  return `•••• ${compact.slice(-4)}`;
}
