// The weekly grid: a row per project (or production order), a column per day, hours in the cells,
// row and day totals. Keyboard: Tab goes through the cells row by row; the arrow keys move
// between cells (left and right once the caret is at the edge of what is typed), Enter moves
// down. Submitted and approved cells are read-only; each row shows the statuses of its cells.
import { useRef, type KeyboardEvent } from 'react';
import { Trash2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { cn } from '@/lib/cn.ts';
import {
  APPROVAL_STATUS_LABELS,
  APPROVAL_STATUS_TONES,
  cellId,
  cellLocked,
  dayLabel,
  dayTotal,
  formatHours,
  rowStatuses,
  rowTotal,
  weekTotal,
  type GridProblems,
  type GridRow,
} from '../schemas/timesheet.ts';

interface TimesheetGridProps {
  caption: string;
  days: string[];
  rows: GridRow[];
  problems: GridProblems;
  /** Whether the whole grid is read-only (saving, or nobody may edit it). */
  disabled?: boolean;
  onCellChange(rowKey: string, day: string, text: string): void;
  onRowChange(rowKey: string, change: Partial<Pick<GridRow, 'billable' | 'description'>>): void;
  onRemoveRow(rowKey: string): void;
}

const safeId = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');

export function TimesheetGrid({
  caption,
  days,
  rows,
  problems,
  disabled = false,
  onCellChange,
  onRowChange,
  onRemoveRow,
}: TimesheetGridProps) {
  const table = useRef<HTMLTableElement>(null);

  function focusCell(row: number, day: number) {
    const input = table.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-day="${day}"]`);
    if (input) {
      input.focus();
      input.select();
      return true;
    }
    return false;
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>, row: number, day: number) {
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    let moved = false;
    if (event.key === 'ArrowUp') moved = focusCell(row - 1, day);
    else if (event.key === 'ArrowDown' || event.key === 'Enter') moved = focusCell(row + 1, day);
    else if (event.key === 'ArrowLeft' && (atStart || input.readOnly)) moved = focusCell(row, day - 1);
    else if (event.key === 'ArrowRight' && (atEnd || input.readOnly)) moved = focusCell(row, day + 1);
    if (moved || event.key === 'Enter') event.preventDefault();
  }

  return (
    <div className="overflow-x-auto">
      <table ref={table} className="w-full min-w-[56rem] border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-semibold">
              Project
            </th>
            {days.map((d) => {
              const label = dayLabel(d);
              return (
                <th key={d} scope="col" className="w-20 px-1 py-2 text-right font-semibold">
                  <abbr title={label.long} className="no-underline">
                    {label.short}
                  </abbr>
                  <span className="block font-normal">{label.date}</span>
                </th>
              );
            })}
            <th scope="col" className="w-20 py-2 pl-2 text-right font-semibold">
              Total
            </th>
            <th scope="col" className="w-10 py-2">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            const statuses = rowStatuses(row);
            const locked = days.some((d) => cellLocked(row.cells[d]));
            const editable = !disabled && days.some((d) => !cellLocked(row.cells[d]));
            const rejected = Object.values(row.cells).find((c) => c.entry?.status === 'rejected')?.entry;
            const headerId = `ts-row-${safeId(row.key)}`;
            return (
              <tr key={row.key} className="border-b border-border align-top">
                <th scope="row" id={headerId} className="py-2 pr-3 text-left font-normal">
                  <span className="block font-medium">{row.label}</span>
                  {row.sublabel && <span className="block text-xs text-muted">{row.sublabel}</span>}
                  {statuses.length > 0 && (
                    <span className="mt-1 flex flex-wrap gap-1">
                      {statuses.map((s) => (
                        <Badge key={s} tone={APPROVAL_STATUS_TONES[s]}>
                          {APPROVAL_STATUS_LABELS[s]}
                        </Badge>
                      ))}
                    </span>
                  )}
                  {rejected?.rejection_reason && (
                    <span className="mt-1 block text-xs text-danger">Rejected: {rejected.rejection_reason}</span>
                  )}
                  <span className="mt-1 flex flex-wrap items-center gap-3">
                    <label className="flex items-center gap-1 text-xs">
                      <input
                        type="checkbox"
                        aria-label={`Billable: ${row.label}`}
                        checked={row.billableFixed ? false : row.billable}
                        disabled={!editable || row.billableFixed}
                        onChange={(e) => onRowChange(row.key, { billable: e.target.checked })}
                      />
                      <span aria-hidden="true">{row.billableFixed ? 'Not billable (internal)' : 'Billable'}</span>
                    </label>
                    <input
                      type="text"
                      value={row.description}
                      placeholder="Description"
                      aria-label={`Description: ${row.label}`}
                      maxLength={1000}
                      readOnly={!editable}
                      onChange={(e) => onRowChange(row.key, { description: e.target.value })}
                      className="min-h-7 flex-1 rounded border border-border bg-surface px-2 text-xs read-only:bg-surface-muted"
                    />
                  </span>
                </th>
                {days.map((d, i) => {
                  const cell = row.cells[d];
                  const cellLock = cellLocked(cell);
                  const problem = problems.cells[cellId(row.key, d)];
                  const errorId = `ts-err-${safeId(row.key)}-${d}`;
                  return (
                    <td key={d} className="px-1 py-2">
                      <input
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        data-row={r}
                        data-day={i}
                        value={cell?.text ?? ''}
                        readOnly={disabled || cellLock}
                        aria-readonly={disabled || cellLock ? true : undefined}
                        aria-label={`${row.label}, ${dayLabel(d).long}`}
                        aria-invalid={problem ? true : undefined}
                        aria-describedby={problem ? errorId : undefined}
                        title={
                          cellLock
                            ? cell?.entry?.status === 'submitted'
                              ? 'Submitted: withdraw the week to change it'
                              : 'Approved: final'
                            : undefined
                        }
                        onChange={(e) => onCellChange(row.key, d, e.target.value)}
                        onKeyDown={(e) => onKeyDown(e, r, i)}
                        onFocus={(e) => e.currentTarget.select()}
                        className={cn(
                          'min-h-9 w-full rounded-md border border-border bg-surface px-2 text-right tabular-nums',
                          'read-only:bg-surface-muted read-only:text-muted aria-[invalid=true]:border-danger',
                        )}
                      />
                      {problem && (
                        <span id={errorId} className="mt-1 block text-xs text-danger">
                          {problem}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className="py-2 pl-2 text-right font-semibold tabular-nums">
                  <span className="inline-block min-h-9 leading-9">{formatHours(rowTotal(row, days))}</span>
                </td>
                <td className="py-2 text-right">
                  {!locked && !disabled && (
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Remove ${row.label}`}
                      onClick={() => onRemoveRow(row.key)}
                    >
                      <Trash2 className="size-4" aria-hidden="true" />
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="text-sm">
            <th scope="row" className="py-2 pr-3 text-left font-semibold">
              Day total
            </th>
            {days.map((d) => {
              const problem = problems.days[d];
              return (
                <td
                  key={d}
                  className={cn('px-1 py-2 text-right font-semibold tabular-nums', problem && 'text-danger')}
                  data-testid={`day-total-${d}`}
                >
                  {formatHours(dayTotal(rows, d))}
                  {problem && <span className="sr-only"> ({problem})</span>}
                </td>
              );
            })}
            <td className="py-2 pl-2 text-right font-semibold tabular-nums" data-testid="week-total">
              {formatHours(weekTotal(rows, days))}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
