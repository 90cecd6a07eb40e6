// The period of a report, read from the URL (?from=yyyy-mm-dd&to=yyyy-mm-dd, or ?as_of= for the
// balance sheet). Without them a report covers the current fiscal year to date.
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'Enter a real date');

export const reportRangeSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: 'The start date is after the end date', path: ['to'] });

/** A local calendar date as yyyy-mm-dd. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first day of the fiscal year `today` falls in, for a year starting in `startMonth` (1–12). */
export function fiscalYearStart(today: Date, startMonth: number): string {
  const month = today.getMonth() + 1;
  const year = month >= startMonth ? today.getFullYear() : today.getFullYear() - 1;
  return `${year}-${String(startMonth).padStart(2, '0')}-01`;
}

/** The current fiscal year to date. */
export function defaultRange(today: Date, startMonth: number): { from: string; to: string } {
  return { from: fiscalYearStart(today, startMonth), to: localIsoDate(today) };
}

export type ParsedRange =
  | { ok: true; from: string; to: string }
  | { ok: false; from: string; to: string; errors: { from?: string; to?: string } };

/** The range in the URL (each end defaulting to the fiscal year to date), checked. */
export function parseRange(
  from: string | null,
  to: string | null,
  defaults: { from: string; to: string },
): ParsedRange {
  const value = { from: from ?? defaults.from, to: to ?? defaults.to };
  const result = reportRangeSchema.safeParse(value);
  if (result.success) return { ok: true, ...result.data };
  const errors: { from?: string; to?: string } = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] === 'from' ? 'from' : 'to';
    errors[key] ??= issue.message;
  }
  return { ok: false, ...value, errors };
}

/** The balance sheet's date from the URL (default today), or an error. */
export function parseAsOf(asOf: string | null, today: string): { value: string; error?: string } {
  const value = asOf ?? today;
  const result = isoDate.safeParse(value);
  return result.success ? { value } : { value, error: result.error.issues[0]?.message ?? 'Enter a date' };
}
