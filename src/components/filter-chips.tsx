// The filters a list is narrowed by, as removable chips, so someone arriving from a dashboard link
// sees why the list shows what it shows (and can widen it one filter at a time).
import { X } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { formatDate } from '@/lib/format.ts';
import { isoDateParam } from '@/lib/table-state.ts';

export interface FilterChip {
  /** Stable key (usually the URL parameter). */
  id: string;
  /** What the filter does, e.g. "Closed 1 Feb 2026 – 28 Feb 2026". */
  label: string;
  /** Shown as a warning (the value in the URL could not be used and is ignored). */
  invalid?: boolean;
  onRemove: () => void;
}

export function FilterChips({ chips, onClearAll }: { chips: FilterChip[]; onClearAll?: () => void }) {
  if (chips.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ul aria-label="Active filters" className="flex flex-wrap items-center gap-2">
        {chips.map((chip) => (
          <li
            key={chip.id}
            className={
              chip.invalid
                ? 'inline-flex items-center gap-1 rounded-full bg-warning-soft py-0.5 pr-1 pl-2.5 text-xs font-semibold text-warning'
                : 'inline-flex items-center gap-1 rounded-full bg-info-soft py-0.5 pr-1 pl-2.5 text-xs font-semibold text-info'
            }
          >
            {chip.label}
            <button
              type="button"
              onClick={chip.onRemove}
              aria-label={`Remove filter: ${chip.label}`}
              className="grid size-6 place-items-center rounded-full hover:bg-black/10 dark:hover:bg-white/10"
            >
              <X className="size-3" aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      {onClearAll && chips.length > 1 && (
        <Button size="sm" variant="ghost" onClick={onClearAll}>
          Clear all
        </Button>
      )}
    </div>
  );
}

/**
 * The chip of a date range from the URL ("Closed 1 Feb 2026 – 28 Feb 2026", either end open), or
 * null without one; a value that is not a date is flagged as ignored.
 */
export function dateRangeChip(
  what: string,
  from: string | null | undefined,
  to: string | null | undefined,
): Pick<FilterChip, 'label' | 'invalid'> | null {
  if (!from && !to) return null;
  const bad = [from, to].filter((v) => v && !isoDateParam(v));
  if (bad.length) return { label: `${what}: “${bad.join('”, “')}” is not a date (ignored)`, invalid: true };
  if (from && to) return { label: `${what} ${formatDate(from)} – ${formatDate(to)}` };
  return { label: from ? `${what} on or after ${formatDate(from)}` : `${what} on or before ${formatDate(to)}` };
}
