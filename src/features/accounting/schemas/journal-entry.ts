// A manual journal entry as typed: date, description and lines, each a debit or a credit of at
// most two decimals. Amounts stay decimal strings from the box to the request body (PostgREST
// casts them to numeric), and totals are summed exactly (lib/money.ts, big.js): no float ever
// touches an amount that is saved (DESIGN.md invariant 7).
import type Big from 'big.js';
import { z } from 'zod';
import { sumAmounts } from '@/lib/money.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** numeric(18, 2): at most 16 digits before the point and 2 after. */
const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;

/** The amount in a box as a decimal string, '' for a blank box, or null when it is not an amount. */
export function parseAmount(text: string | null | undefined): string | null {
  const v = (text ?? '').trim().replace(/,/g, '');
  if (v === '') return '';
  return AMOUNT.test(v) ? v : null;
}

const isZero = (v: string) => /^0*(\.0*)?$/.test(v);

const amountField = z.string().transform((v, ctx) => {
  const parsed = parseAmount(v);
  if (parsed === null) {
    ctx.addIssue({ code: 'custom', message: 'An amount like 1250.00 (at most 2 decimals)' });
    return z.NEVER;
  }
  return parsed === '' || isZero(parsed) ? null : parsed;
});

export const journalLineSchema = z
  .object({
    gl_account_id: z.string().min(1, 'Choose an account'),
    partner_id: z.string().transform((v) => (v === '' ? null : v)),
    description: z
      .string()
      .trim()
      .max(500, 'At most 500 characters')
      .transform((v) => (v === '' ? null : v)),
    debit: amountField,
    credit: amountField,
  })
  .superRefine((line, ctx) => {
    if (line.debit && line.credit)
      ctx.addIssue({ code: 'custom', path: ['credit'], message: 'A debit or a credit, not both' });
    else if (!line.debit && !line.credit)
      ctx.addIssue({ code: 'custom', path: ['debit'], message: 'Enter a debit or a credit' });
  });

export const journalEntrySchema = z.object({
  entry_date: z.string().regex(DATE, 'Enter a date'),
  description: z.string().trim().min(1, 'Describe the entry').max(500, 'At most 500 characters'),
  lines: z.array(journalLineSchema).min(2, 'An entry has two lines or more'),
});
export type JournalEntryInput = z.input<typeof journalEntrySchema>;
export type JournalEntryValues = z.output<typeof journalEntrySchema>;
export type JournalLineInput = z.input<typeof journalLineSchema>;

export const EMPTY_LINE: JournalLineInput = {
  gl_account_id: '',
  partner_id: '',
  description: '',
  debit: '',
  credit: '',
};

export interface EntryTotals {
  debit: Big;
  credit: Big;
  /** debit − credit: zero when the entry balances. */
  difference: Big;
  /** Some box holds something that is not an amount (left out of the totals). */
  invalid: boolean;
}

/** Exact totals of the lines as typed (what is not an amount yet counts as nothing). */
export function entryTotals(lines: readonly Pick<JournalLineInput, 'debit' | 'credit'>[]): EntryTotals {
  let invalid = false;
  const amount = (text: string | undefined) => {
    const parsed = parseAmount(text);
    if (parsed === null) invalid = true;
    return parsed || null;
  };
  const debit = sumAmounts(lines.map((l) => amount(l.debit)));
  const credit = sumAmounts(lines.map((l) => amount(l.credit)));
  return { debit, credit, difference: debit.minus(credit), invalid };
}

export const JOURNAL_STATUS_LABELS = { draft: 'Draft', posted: 'Posted' } as const;

/** What caused an entry (source_type); documents not listed show their table's name. */
export const SOURCE_LABELS: Record<string, string> = {
  manual: 'Manual',
  reversal: 'Reversal',
  invoices: 'Invoice',
  payments: 'Payment',
  vendor_bills: 'Vendor bill',
  goods_receipts: 'Goods receipt',
  deliveries: 'Delivery',
  credit_notes: 'Credit note',
};

export function sourceLabel(sourceType: string): string {
  return SOURCE_LABELS[sourceType] ?? sourceType.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export const reverseEntrySchema = z.object({
  date: z.string().regex(DATE, 'Enter a date'),
  reason: z.string().trim().max(300, 'At most 300 characters'),
});
export type ReverseEntryInput = z.input<typeof reverseEntrySchema>;
export type ReverseEntryValues = z.output<typeof reverseEntrySchema>;
