// A stock quantity: trailing zeros dropped (numeric(18,4) arrives as 12 or 12.5), flashing for a
// moment when it changed live (keyed by the change's time, so each change flashes again).
import { cn } from '@/lib/cn.ts';

const format = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

interface QuantityProps {
  value: number | string;
  changedAt?: number;
  uom?: string;
  warnBelowZero?: boolean;
}

export function Quantity({ value, changedAt, uom, warnBelowZero = false }: QuantityProps) {
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
