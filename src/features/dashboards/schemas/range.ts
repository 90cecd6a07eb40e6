// The period a dashboard covers, kept in the URL (?from=yyyy-mm-dd&to=yyyy-mm-dd, both inclusive),
// its presets, and the previous period it is compared with (same number of days, just before).
// Calendar dates are handled as yyyy-mm-dd strings and stepped in UTC, so no time zone shifts a day.
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'Enter a real date');

/** The longest period a dashboard shows: a little over two years (series are monthly by then). */
export const MAX_RANGE_DAYS = 800;

export const dashboardRangeSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: 'The start date is after the end date', path: ['to'] })
  .refine((r) => daysInRange(r) <= MAX_RANGE_DAYS, {
    message: `Choose at most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
  });

export interface DateRange {
  from: string;
  to: string;
}

export type ParsedDashboardRange =
  ({ ok: true } & DateRange) | ({ ok: false; errors: { from?: string; to?: string } } & DateRange);

export type RangePreset = 'this_month' | 'last_30_days' | 'this_quarter' | 'fiscal_ytd';

export const RANGE_PRESETS: readonly { id: RangePreset; label: string }[] = [
  { id: 'this_month', label: 'This month' },
  { id: 'last_30_days', label: 'Last 30 days' },
  { id: 'this_quarter', label: 'This quarter' },
  { id: 'fiscal_ytd', label: 'Fiscal year to date' },
];

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

function utc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** `date` moved by `days` (negative: back). */
export function addDays(date: string, days: number): string {
  return new Date(utc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days in an inclusive range (a single day is 1). */
export function daysInRange({ from, to }: DateRange): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS) + 1;
}

/** The local calendar date of `date` as yyyy-mm-dd. */
export function localIsoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function lastDayOfMonth(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one (month is 1-based here).
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The first day of the fiscal year `today` falls in, for a year starting in `startMonth` (1–12). */
export function fiscalYearStart(today: string, startMonth: number): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return `${month >= startMonth ? year : year - 1}-${pad(startMonth)}-01`;
}

/** A preset's dates for `today` (yyyy-mm-dd). */
export function presetRange(preset: RangePreset, today: string, fiscalStartMonth: number): DateRange {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'this_month':
      return { from: `${year}-${pad(month)}-01`, to: lastDayOfMonth(year, month) };
    case 'last_30_days':
      return { from: addDays(today, -29), to: today };
    case 'this_quarter': {
      const first = month - ((month - 1) % 3);
      return { from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(year, first + 2) };
    }
    case 'fiscal_ytd':
      return { from: fiscalYearStart(today, fiscalStartMonth), to: today };
  }
}

/** The preset whose dates these are today, or 'custom'. */
export function matchPreset(range: DateRange, today: string, fiscalStartMonth: number): RangePreset | 'custom' {
  for (const { id } of RANGE_PRESETS) {
    const p = presetRange(id, today, fiscalStartMonth);
    if (p.from === range.from && p.to === range.to) return id;
  }
  return 'custom';
}

/** The range in the URL (each end defaulting to this month), checked. */
export function parseDashboardRange(from: string | null, to: string | null, defaults: DateRange): ParsedDashboardRange {
  const value = { from: from || defaults.from, to: to || defaults.to };
  const result = dashboardRangeSchema.safeParse(value);
  if (result.success) return { ok: true, ...result.data };
  const errors: { from?: string; to?: string } = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] === 'from' ? 'from' : 'to';
    errors[key] ??= issue.message;
  }
  return { ok: false, ...value, errors };
}

/** The period just before `range`, of the same number of days. */
export function previousRange(range: DateRange): DateRange {
  const days = daysInRange(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/**
 * The days one point of a series covers: from its period start (a day, an ISO week's Monday or a
 * month's first day) to the end of that bucket, clipped to the range (a week may start before it).
 */
export function bucketRange(period: string, bucket: 'day' | 'week' | 'month', range: DateRange): DateRange {
  let end: string;
  if (bucket === 'day') end = period;
  else if (bucket === 'week') end = addDays(period, 6);
  else end = lastDayOfMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7)));
  return { from: period < range.from ? range.from : period, to: end > range.to ? range.to : end };
}
