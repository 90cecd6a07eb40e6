// The weekly timesheet grid as data: weeks start on Monday (ISO dates, the browser's calendar),
// a row per project (or production order) with one cell per day, hours typed as "7.5", "7,5" or
// "7:30" (checked here: 0 to 24, hundredths), and the cells save_timesheet_week() takes. Totals are
// exact (big.js), never floating point.
import Big from 'big.js';
import { addDays, format, isValid, parseISO, startOfWeek } from 'date-fns';
import type { Database } from '@/lib/database.types.ts';

export type ApprovalStatus = Database['public']['Enums']['approval_status'];
export type TimesheetEntry = Database['public']['Tables']['timesheet_entries']['Row'];

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const APPROVAL_STATUS_TONES = {
  draft: 'neutral',
  submitted: 'info',
  approved: 'success',
  rejected: 'danger',
} as const satisfies Record<ApprovalStatus, 'neutral' | 'info' | 'success' | 'danger'>;

/** Entries that may still change (the employee's, or a manager's on their behalf). */
export const isEditableStatus = (status: ApprovalStatus) => status === 'draft' || status === 'rejected';

const ISO = 'yyyy-MM-dd';

/** The Monday of the week `date` falls in, as an ISO date. */
export function weekStartOf(date: Date): string {
  return format(startOfWeek(date, { weekStartsOn: 1 }), ISO);
}

/** A week from the URL (any day of it), or this week. */
export function weekFromParam(param: string | null | undefined, today: Date = new Date()): string {
  const parsed = param ? parseISO(param) : null;
  return weekStartOf(parsed && isValid(parsed) && /^\d{4}-\d{2}-\d{2}$/.test(param ?? '') ? parsed : today);
}

export function addDaysIso(iso: string, days: number): string {
  return format(addDays(parseISO(iso), days), ISO);
}

/** The seven ISO dates of the week starting `weekStart`. */
export function weekDays(weekStart: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDaysIso(weekStart, i));
}

export function dayLabel(iso: string): { short: string; long: string; date: string } {
  const d = parseISO(iso);
  return { short: format(d, 'EEE'), long: format(d, 'EEEE d MMMM'), date: format(d, 'd MMM') };
}

export function weekLabel(weekStart: string): string {
  const from = parseISO(weekStart);
  const to = addDays(from, 6);
  return `${format(from, 'd MMM')} – ${format(to, 'd MMM yyyy')}`;
}

export type ParsedHours = { ok: true; hours: Big } | { ok: false; error: string };

/**
 * What a cell's text means: blank is no time; "7.5", "7,5" or "7:30" are hours (a time of day
 * is rounded to hundredths of an hour). At most 24 hours and two decimals.
 */
export function parseHours(text: string): ParsedHours {
  const t = text.trim();
  if (t === '') return { ok: true, hours: new Big(0) };
  let hours: Big;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(t);
  if (clock) {
    hours = new Big(clock[1]!).plus(new Big(clock[2]!).div(60).round(2));
  } else {
    const decimal = /^(\d{1,3})(?:[.,](\d+))?$/.exec(t);
    if (!decimal) return { ok: false, error: 'Enter hours, e.g. 7.5 or 7:30' };
    if ((decimal[2] ?? '').length > 2) return { ok: false, error: 'At most two decimals' };
    hours = new Big(`${decimal[1]}.${decimal[2] || '0'}`);
  }
  if (hours.gt(24)) return { ok: false, error: 'At most 24 hours a day' };
  return { ok: true, hours };
}

/** "7.5" for 7.50, "" for 0: how a saved cell reads in the grid. */
export function hoursText(hours: Big | number | string): string {
  const h = new Big(hours);
  return h.eq(0) ? '' : h.toString();
}

export function formatHours(hours: Big | number | string): string {
  return new Big(hours).toFixed(2);
}

/** A row of the grid: one project (or production order) over the week. */
export interface GridRow {
  key: string;
  project_id: string | null;
  production_order_id: string | null;
  label: string;
  sublabel?: string;
  billable: boolean;
  /** A non-billable project: its time is never billable. */
  billableFixed: boolean;
  description: string;
  /** Per ISO date: the text typed, and the saved entry if there is one. */
  cells: Record<string, GridCell>;
}

export interface GridCell {
  text: string;
  entry?: TimesheetEntry;
}

export const cellLocked = (cell: GridCell | undefined) => !!cell?.entry && !isEditableStatus(cell.entry.status);

export const rowKey = (e: { project_id: string | null; production_order_id: string | null }) =>
  e.project_id ? `p:${e.project_id}` : `o:${e.production_order_id}`;

export interface RowSource {
  project_id: string | null;
  production_order_id: string | null;
  label: string;
  sublabel?: string;
  billableFixed: boolean;
}

/** The grid of the saved entries: one row per project or production order, in first-entry order. */
export function gridFromEntries<E extends TimesheetEntry>(
  days: string[],
  entries: E[],
  source: (entry: E) => RowSource,
): GridRow[] {
  const rows = new Map<string, GridRow>();
  for (const e of entries) {
    const key = rowKey(e);
    let row = rows.get(key);
    if (!row) {
      const s = source(e);
      row = {
        key,
        ...s,
        billable: e.billable,
        description: e.description ?? '',
        cells: Object.fromEntries(days.map((d) => [d, { text: '' }])),
      };
      rows.set(key, row);
    }
    if (!row.description && e.description) row.description = e.description;
    if (isEditableStatus(e.status)) row.billable = e.billable;
    row.cells[e.entry_date] = { text: hoursText(e.hours), entry: e };
  }
  return [...rows.values()];
}

export function emptyRow(days: string[], s: RowSource): GridRow {
  return {
    key: rowKey(s),
    ...s,
    billable: !s.billableFixed,
    description: '',
    cells: Object.fromEntries(days.map((d) => [d, { text: '' }])),
  };
}

export interface GridProblems {
  /** By `${row.key}|${date}`. */
  cells: Record<string, string>;
  /** By date: more than 24 hours on the day. */
  days: Record<string, string>;
}

export const cellId = (rowKeyText: string, date: string) => `${rowKeyText}|${date}`;

export function gridProblems(rows: GridRow[], days: string[]): GridProblems {
  const cells: Record<string, string> = {};
  const dayTotals = Object.fromEntries(days.map((d) => [d, new Big(0)]));
  for (const row of rows) {
    for (const d of days) {
      const parsed = parseHours(row.cells[d]?.text ?? '');
      if (!parsed.ok) cells[cellId(row.key, d)] = parsed.error;
      else dayTotals[d] = dayTotals[d]!.plus(parsed.hours);
    }
  }
  const dayProblems: Record<string, string> = {};
  for (const d of days) {
    if (dayTotals[d]!.gt(24)) dayProblems[d] = `More than 24 hours on ${dayLabel(d).long}`;
  }
  return { cells, days: dayProblems };
}

const hoursOf = (cell: GridCell | undefined) => {
  const parsed = parseHours(cell?.text ?? '');
  return parsed.ok ? parsed.hours : new Big(0);
};

export function rowTotal(row: GridRow, days: string[]): Big {
  return days.reduce((sum, d) => sum.plus(hoursOf(row.cells[d])), new Big(0));
}

export function dayTotal(rows: GridRow[], day: string): Big {
  return rows.reduce((sum, r) => sum.plus(hoursOf(r.cells[day])), new Big(0));
}

export function weekTotal(rows: GridRow[], days: string[]): Big {
  return rows.reduce((sum, r) => sum.plus(rowTotal(r, days)), new Big(0));
}

/** One cell of save_timesheet_week()'s p_entries. */
export interface WeekCell {
  project_id?: string;
  production_order_id?: string;
  entry_date: string;
  hours: number;
  description: string | null;
  billable: boolean;
}

/**
 * The week as save_timesheet_week() takes it: every editable cell with time. Cells left out are
 * removed if they were drafts (or rejected), and submitted or approved cells are left out, so
 * they stay as they are.
 */
export function weekPayload(rows: GridRow[], days: string[]): WeekCell[] {
  const cells: WeekCell[] = [];
  for (const row of rows) {
    for (const d of days) {
      const cell = row.cells[d];
      if (cellLocked(cell)) continue;
      const hours = hoursOf(cell);
      if (hours.eq(0)) continue;
      cells.push({
        ...(row.project_id ? { project_id: row.project_id } : { production_order_id: row.production_order_id! }),
        entry_date: d,
        hours: Number(hours.toFixed(2)),
        description: row.description.trim() || null,
        billable: row.billableFixed ? false : row.billable,
      });
    }
  }
  return cells;
}

/** The statuses a row's saved cells are in (for its badges), in lifecycle order. */
export function rowStatuses(row: GridRow): ApprovalStatus[] {
  const seen = new Set(
    Object.values(row.cells)
      .map((c) => c.entry?.status)
      .filter((s): s is ApprovalStatus => !!s),
  );
  return (['draft', 'rejected', 'submitted', 'approved'] as const).filter((s) => seen.has(s));
}

/** Approvals: entries grouped by employee and week. */
export function approvalGroupKey(employeeId: string, entryDate: string) {
  return `${employeeId}|${weekStartOf(parseISO(entryDate))}`;
}
