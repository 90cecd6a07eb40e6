// Bank statement CSV files → the rows import_bank_statement() takes. Banks write dates and
// amounts in many ways, so the user maps the columns and says how dates and decimals are
// written; every value is converted here as text (amounts are never parsed as floats, so
// "1.234,56" becomes exactly "1234.56") and checked with zod before anything is sent. The
// database checks the rows again and refuses the whole file if any is bad.
import { z } from 'zod';
import type { ImportField } from '@/components/csv-import-dialog.tsx';

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export type DecimalSeparator = '.' | ',';
/** One signed amount column, or money out (debit) and money in (credit) in two columns. */
export type AmountMode = 'single' | 'split';

export type MappedField = 'date' | 'amount' | 'debit' | 'credit' | 'description' | 'counterparty' | 'reference';

export interface StatementMapping {
  /** The file's header feeding each field (null: not in the file). */
  columns: Record<MappedField, string | null>;
  amountMode: AmountMode;
  dateFormat: DateFormat;
  decimal: DecimalSeparator;
}

/** A row as import_bank_statement() takes it. */
export interface StatementRow {
  booking_date: string;
  amount: string;
  description?: string;
  counterparty?: string;
  reference?: string;
}

export const STATEMENT_FIELDS: (ImportField & { key: MappedField })[] = [
  {
    key: 'date',
    label: 'Booking date',
    required: true,
    aliases: ['date', 'booking date', 'transaction date', 'posting date', 'value date', 'buchungstag', 'datum'],
  },
  { key: 'amount', label: 'Amount (signed)', aliases: ['amount', 'betrag', 'value', 'transaction amount'] },
  {
    key: 'debit',
    label: 'Money out (debit)',
    aliases: ['debit', 'money out', 'paid out', 'withdrawal', 'withdrawals', 'out', 'soll'],
  },
  {
    key: 'credit',
    label: 'Money in (credit)',
    aliases: ['credit', 'money in', 'paid in', 'deposit', 'deposits', 'in', 'haben'],
  },
  {
    key: 'description',
    label: 'Description',
    aliases: ['details', 'memo', 'narrative', 'purpose', 'text', 'verwendungszweck', 'transaction details'],
  },
  {
    key: 'counterparty',
    label: 'Counterparty',
    aliases: ['payee', 'payer', 'name', 'beneficiary', 'partner', 'counter party', 'empfaenger'],
  },
  { key: 'reference', label: 'Reference', aliases: ['ref', 'reference number', 'end to end reference', 'referenz'] },
];

export const FIELD_LABELS: Record<MappedField, string> = Object.fromEntries(
  STATEMENT_FIELDS.map((f) => [f.key, f.label]),
) as Record<MappedField, string>;

const DATE_PATTERNS: Record<DateFormat, { re: RegExp; order: ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd'] }> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
};

/** "31.01.2026" in DD.MM.YYYY → "2026-01-31"; null when it is not a real date in that format. */
export function toIsoDate(value: string, format: DateFormat): string | null {
  const { re, order } = DATE_PATTERNS[format];
  const match = re.exec(value.trim());
  if (!match) return null;
  const parts = { y: 0, m: 0, d: 0 };
  order.forEach((key, i) => (parts[key] = Number(match[i + 1])));
  const { y, m, d } = parts;
  if (m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (d > daysInMonth[m - 1]!) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type AmountResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * A bank's written amount → a signed decimal string with two decimals, by text alone:
 * "1.234,5" with "," → "1234.50", "(12.00)" → "-12.00", "12,50-" → "-12.50". Spaces,
 * apostrophes and the other separator are taken as thousands separators. Empty → "".
 */
export function toDecimalString(raw: string, decimal: DecimalSeparator): AmountResult {
  let text = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (text === '') return { ok: true, value: '' };
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (/^[+-]/.test(text)) {
    negative = negative !== (text[0] === '-');
    text = text.slice(1);
  } else if (/[+-]$/.test(text)) {
    negative = negative !== text.endsWith('-');
    text = text.slice(0, -1);
  }
  const thousands = decimal === '.' ? ',' : '.';
  const [whole = '', fraction, ...more] = text.split(decimal);
  if (more.length > 0) return { ok: false, message: `more than one "${decimal}" in the amount` };
  // Thousands separators only between groups of three digits: "1.234" with "," is 1234, "1.23" is a mistake.
  if (whole.includes(thousands) && !new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})+$`).test(whole))
    return { ok: false, message: `"${raw.trim()}" is not an amount with "${decimal}" as the decimal separator` };
  const digits = whole.split(thousands).join('');
  if (!/^\d*$/.test(digits) || (fraction !== undefined && !/^\d*$/.test(fraction)) || digits + (fraction ?? '') === '')
    return { ok: false, message: `"${raw.trim()}" is not an amount` };
  let cents = (fraction ?? '').replace(/0+$/, '');
  if (cents.length > 2) return { ok: false, message: 'more than two decimals' };
  cents = cents.padEnd(2, '0');
  const units = digits.replace(/^0+(?=\d)/, '') || '0';
  if (units.length > 15) return { ok: false, message: 'the amount is too large' };
  const zero = /^0+$/.test(units + cents);
  return { ok: true, value: `${negative && !zero ? '-' : ''}${units}.${cents}` };
}

const isZero = (value: string) => /^-?0+\.00$/.test(value);

/** What import_bank_statement() accepts (its own checks, so a row that passes here is not refused). */
export const statementRowSchema = z.object({
  booking_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date'),
  amount: z
    .string()
    .regex(/^-?\d{1,15}(\.\d{1,2})?$/, 'not a number with at most two decimals')
    .refine((v) => !isZero(v), 'the amount is zero'),
  description: z.string().max(500, 'at most 500 characters').optional(),
  counterparty: z.string().max(200, 'at most 200 characters').optional(),
  reference: z.string().max(200, 'at most 200 characters').optional(),
});

/** The mapped values of one file row (all text, '' when the column is not mapped or empty). */
export type RawStatementRow = Record<MappedField, string>;

/** Converts one mapped row with the file's formats and checks it; issues name the mapped field. */
export function statementRowFromFile(mapping: Pick<StatementMapping, 'amountMode' | 'dateFormat' | 'decimal'>) {
  return z
    .object({
      date: z.string(),
      amount: z.string(),
      debit: z.string(),
      credit: z.string(),
      description: z.string(),
      counterparty: z.string(),
      reference: z.string(),
    })
    .transform((raw, ctx): StatementRow => {
      const bookingDate = raw.date.trim() === '' ? null : toIsoDate(raw.date, mapping.dateFormat);
      if (!bookingDate)
        ctx.addIssue({
          code: 'custom',
          path: ['date'],
          message: raw.date.trim() === '' ? 'no date' : `"${raw.date.trim()}" is not a date as ${mapping.dateFormat}`,
        });
      let amount = '';
      if (mapping.amountMode === 'single') {
        const result = toDecimalString(raw.amount, mapping.decimal);
        if (!result.ok) ctx.addIssue({ code: 'custom', path: ['amount'], message: result.message });
        else if (result.value === '') ctx.addIssue({ code: 'custom', path: ['amount'], message: 'no amount' });
        else amount = result.value;
      } else {
        // Either side may be written with or without a sign: the column says the direction.
        const out = toDecimalString(raw.debit, mapping.decimal);
        const inn = toDecimalString(raw.credit, mapping.decimal);
        if (!out.ok) ctx.addIssue({ code: 'custom', path: ['debit'], message: out.message });
        if (!inn.ok) ctx.addIssue({ code: 'custom', path: ['credit'], message: inn.message });
        if (out.ok && inn.ok) {
          const outValue = out.value.replace(/^-/, '');
          const inValue = inn.value.replace(/^-/, '');
          const hasOut = outValue !== '' && !isZero(outValue);
          const hasIn = inValue !== '' && !isZero(inValue);
          if (hasOut && hasIn)
            ctx.addIssue({ code: 'custom', path: ['debit'], message: 'both money out and money in are filled in' });
          else if (!hasOut && !hasIn)
            ctx.addIssue({ code: 'custom', path: ['credit'], message: 'no amount in money out or money in' });
          else amount = hasOut ? `-${outValue}` : inValue;
        }
      }
      const row: StatementRow = { booking_date: bookingDate ?? '', amount };
      for (const key of ['description', 'counterparty', 'reference'] as const) {
        const value = raw[key].trim();
        if (value !== '') row[key] = value;
      }
      return row;
    })
    .pipe(statementRowSchema);
}

export interface RowProblem {
  /** 1-based data row of the file. */
  row: number;
  field: string;
  message: string;
}

/** Every row of the file as the RPC's rows, or the problems (1-based row numbers). */
export function convertStatement(
  rows: RawStatementRow[],
  mapping: Pick<StatementMapping, 'amountMode' | 'dateFormat' | 'decimal'>,
): { rows: StatementRow[]; problems: RowProblem[] } {
  const schema = statementRowFromFile(mapping);
  const out: StatementRow[] = [];
  const problems: RowProblem[] = [];
  rows.forEach((raw, i) => {
    const result = schema.safeParse(raw);
    if (result.success) out.push(result.data);
    else
      for (const issue of result.error.issues)
        problems.push({ row: i + 1, field: String(issue.path[0] ?? ''), message: issue.message });
  });
  return { rows: out, problems };
}

/** The mapped values of every file row. */
export function mapStatementRows(
  fileRows: Record<string, string>[],
  columns: StatementMapping['columns'],
  amountMode: AmountMode,
): RawStatementRow[] {
  const used: Record<MappedField, string | null> = {
    ...columns,
    amount: amountMode === 'single' ? columns.amount : null,
    debit: amountMode === 'split' ? columns.debit : null,
    credit: amountMode === 'split' ? columns.credit : null,
  };
  return fileRows.map(
    (row) =>
      Object.fromEntries(
        Object.entries(used).map(([field, header]) => [field, header ? (row[header] ?? '') : '']),
      ) as RawStatementRow,
  );
}

/** The fields the mapping still lacks before the file can be read. */
export function missingFields(mapping: StatementMapping): MappedField[] {
  const missing: MappedField[] = [];
  if (!mapping.columns.date) missing.push('date');
  if (mapping.amountMode === 'single' && !mapping.columns.amount) missing.push('amount');
  if (mapping.amountMode === 'split' && !mapping.columns.debit && !mapping.columns.credit)
    missing.push('debit', 'credit');
  return missing;
}

/** A first guess at how the file writes dates, from its first dates. */
export function guessDateFormat(values: string[]): DateFormat {
  const samples = values.map((v) => v.trim()).filter(Boolean);
  for (const format of DATE_FORMATS) {
    if (samples.length > 0 && samples.every((v) => toIsoDate(v, format))) return format;
  }
  return 'YYYY-MM-DD';
}

/** "12,50" or "1.234,56" → ","; otherwise ".". */
export function guessDecimal(values: string[]): DecimalSeparator {
  const samples = values.map((v) => v.trim()).filter(Boolean);
  return samples.some((v) => /,\d{1,2}-?\)?$/.test(v)) && !samples.some((v) => /\.\d{1,2}-?\)?$/.test(v)) ? ',' : '.';
}

/** The database's per-row refusal (SQLSTATE 22023, `detail` = [{row, message}]), if that is what this is. */
export function parseRowErrors(details: unknown): RowProblem[] | null {
  if (typeof details !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(details);
    const rows = z.array(z.object({ row: z.number().int(), message: z.string() })).safeParse(parsed);
    return rows.success ? rows.data.map((r) => ({ row: r.row, field: '', message: r.message })) : null;
  } catch {
    return null;
  }
}

const mappingSchema = z.object({
  columns: z.object({
    date: z.string().nullable(),
    amount: z.string().nullable(),
    debit: z.string().nullable(),
    credit: z.string().nullable(),
    description: z.string().nullable(),
    counterparty: z.string().nullable(),
    reference: z.string().nullable(),
  }),
  amountMode: z.enum(['single', 'split']),
  dateFormat: z.enum(DATE_FORMATS),
  decimal: z.enum(['.', ',']),
});

const mappingStorageKey = (bankAccountId: string) => `ledgerline:bank-import-mapping:${bankAccountId}`;

/** The mapping last used for this bank account's files, if any. */
export function readSavedMapping(bankAccountId: string): StatementMapping | null {
  try {
    const text = window.localStorage.getItem(mappingStorageKey(bankAccountId));
    if (!text) return null;
    const parsed = mappingSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveMapping(bankAccountId: string, mapping: StatementMapping): void {
  try {
    window.localStorage.setItem(mappingStorageKey(bankAccountId), JSON.stringify(mapping));
  } catch {
    // No storage: the user maps the columns again next time.
  }
}
