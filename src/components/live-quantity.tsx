// A quantity that can change live (stock): trailing zeros dropped (numeric(18,4) arrives as 12 or
// 12.5), with an optional unit, flashing for a moment when it changed (keyed by the change's time,
// so each change flashes again; `data-flash` marks a flashing value), red below zero if asked.
import { cn } from '@/lib/cn.ts';

const format = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

export interface LiveQuantityProps {
  value: number | string;
  /** When the value last changed live (ms); each new time flashes again. */
  changedAt?: number;
  uom?: string;
  warnBelowZero?: boolean;
}

export function LiveQuantity({ value, changedAt, uom, warnBelowZero = false }: LiveQuantityProps) {
  const n = Number(value);
  return (
    <span
      key={changedAt ?? 'still'}
      data-flash={changedAt ? '' : undefined}
      className={cn(
        'rounded px-1 tabular-nums',
        changedAt && 'animate-flash',
        warnBelowZero && n < 0 && 'font-semibold text-danger',
      )}
    >
      {format.format(n)}
      {uom && <span className="ml-1 text-xs font-normal text-muted">{uom}</span>}
    </span>
  );
}
