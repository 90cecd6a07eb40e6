// The filters a list is narrowed by, as removable chips, so someone arriving from a dashboard link
// sees why the list shows what it shows (and can widen it one filter at a time).
import { X } from 'lucide-react';
import { Button } from '@/components/button.tsx';

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
