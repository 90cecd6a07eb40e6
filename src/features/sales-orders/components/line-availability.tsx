// A stocked line's stock in the order's warehouse, live: what is available (on hand less
// reserved by every order), flashing when a movement changes it, and a warning when the order
// asks for more of the product than that (the rest would go on backorder at confirmation).
import { TriangleAlert } from 'lucide-react';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import type { LiveWarehouseStock } from '@/lib/use-live-stock.ts';
import { exceeds, formatQuantity } from '../api/amounts.ts';
import Big from 'big.js';

interface LineAvailabilityProps {
  /** The product's level in the order's warehouse (undefined: never stocked there). */
  level: LiveWarehouseStock | undefined;
  warehouseCode: string;
  uom: string;
  /** What the order asks for of this product, over all its lines. */
  ordered: string;
}

export function LineAvailability({ level, warehouseCode, uom, ordered }: LineAvailabilityProps) {
  const available = level?.available ?? 0;
  const short = exceeds(ordered, available);
  let missing = '0';
  if (short) {
    try {
      missing = new Big(ordered).minus(new Big(available).gt(0) ? available : 0).toString();
    } catch {
      missing = '0';
    }
  }
  return (
    <div className="mt-1 grid gap-0.5 text-xs" data-testid="line-available">
      <span className="text-muted">
        Available in {warehouseCode}:{' '}
        <LiveQuantity value={available} changedAt={level?.changedAt} uom={uom} warnBelowZero />
      </span>
      {short && (
        <span role="status" className="inline-flex items-center gap-1 font-medium text-danger">
          <TriangleAlert className="size-3.5" aria-hidden="true" />
          More than available: {formatQuantity(missing)} {uom} would be backordered
        </span>
      )}
    </div>
  );
}
