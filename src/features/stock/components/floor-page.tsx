// The warehouse floor on a phone: pick the operation and the warehouse once, then scan (a
// scanner types the code and Enter) or type a SKU, set the quantity with big buttons and post.
// Each posting shows at once what happened, or why the database refused it.
import { useEffect, useRef, useState } from 'react';
import { Minus, PackageCheck, Plus } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveStock } from '@/lib/use-live-stock.ts';
import {
  findProductByCode,
  useFloorMove,
  useWarehouses,
  type FloorOperation,
  type ScannedProduct,
} from '../api/stock.ts';

const OPERATIONS: Record<FloorOperation, { label: string; verb: string }> = {
  receive: { label: 'Receive', verb: 'Received' },
  ship: { label: 'Ship', verb: 'Shipped' },
  transfer: { label: 'Transfer', verb: 'Transferred' },
  adjust: { label: 'Adjust', verb: 'Adjusted' },
};

interface Posted {
  id: number;
  ok: boolean;
  text: string;
}

export function FloorPage() {
  const { org } = useCurrentOrg();
  const supabase = useSupabase();
  const warehouses = useWarehouses(org.id);
  const move = useFloorMove(org.id);
  const [operation, setOperation] = useState<FloorOperation>('receive');
  const [warehouseId, setWarehouseId] = useState('');
  const [toWarehouseId, setToWarehouseId] = useState('');
  const [code, setCode] = useState('');
  const [product, setProduct] = useState<ScannedProduct | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [unitCost, setUnitCost] = useState('');
  const [reason, setReason] = useState('');
  const [log, setLog] = useState<Posted[]>([]);
  const scanRef = useRef<HTMLInputElement>(null);

  const warehouse = warehouseId || warehouses.data?.[0]?.id || '';
  const live = useLiveStock(org.id, product ? [product.id] : []);
  const here = product ? live.stock?.[product.id]?.levels.find((l) => l.warehouse_id === warehouse) : undefined;
  const others = (warehouses.data ?? []).filter((w) => w.id !== warehouse);
  const target = toWarehouseId || others[0]?.id || '';
  const qty = Number(quantity);
  const qtyValid = quantity.trim() !== '' && Number.isFinite(qty) && (operation === 'adjust' ? qty !== 0 : qty > 0);

  useEffect(() => scanRef.current?.focus(), [operation]);

  async function lookUp() {
    setLookupError(null);
    try {
      const found = await findProductByCode(supabase, org.id, code);
      setProduct(found);
      if (!found) setLookupError(`No product has the barcode or SKU “${code.trim()}”.`);
    } catch (error) {
      setLookupError(errorMessage(error));
    }
    setCode('');
  }

  function post() {
    if (!product || !qtyValid) return;
    const text = `${OPERATIONS[operation].verb} ${quantity} ${product.uom} ${product.name}`;
    move.mutate(
      {
        operation,
        productId: product.id,
        warehouseId: warehouse,
        toWarehouseId: target,
        quantity: qty,
        unitCost: unitCost.trim() === '' ? undefined : Number(unitCost),
        reason,
      },
      {
        onSuccess: () => {
          setLog((l) => [{ id: Date.now(), ok: true, text }, ...l].slice(0, 8));
          setQuantity('1');
          setReason('');
          scanRef.current?.focus();
        },
        onError: (error) =>
          setLog((l) => [{ id: Date.now(), ok: false, text: `Not posted: ${errorMessage(error)}` }, ...l].slice(0, 8)),
      },
    );
  }

  return (
    <div className="mx-auto grid max-w-md gap-4">
      <PageHeader title="Floor operations" description="Scan, count, post. Stock updates everywhere at once." />
      <div
        className="grid grid-cols-4 gap-1 rounded-xl border border-border bg-surface p-1"
        role="tablist"
        aria-label="Operation"
      >
        {(Object.keys(OPERATIONS) as FloorOperation[]).map((op) => (
          <button
            key={op}
            type="button"
            role="tab"
            aria-selected={operation === op}
            onClick={() => setOperation(op)}
            className={cn(
              'min-h-12 rounded-lg text-sm font-semibold',
              operation === op ? 'bg-primary text-primary-foreground' : 'text-foreground hover:bg-surface-muted',
            )}
          >
            {OPERATIONS[op].label}
          </button>
        ))}
      </div>
      <SelectField
        label={operation === 'transfer' ? 'From warehouse' : 'Warehouse'}
        value={warehouse || undefined}
        onValueChange={setWarehouseId}
        options={(warehouses.data ?? []).map((w) => ({
          value: w.id,
          label: `${w.code} · ${w.name}`,
          textValue: w.code,
        }))}
      />
      {operation === 'transfer' && (
        <SelectField
          label="To warehouse"
          value={target || undefined}
          placeholder="No other warehouse"
          onValueChange={setToWarehouseId}
          options={others.map((w) => ({ value: w.id, label: `${w.code} · ${w.name}`, textValue: w.code }))}
        />
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void lookUp();
        }}
      >
        <label className="grid gap-1.5 text-sm font-semibold">
          Scan or type a barcode or SKU
          <Input
            ref={scanRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            enterKeyHint="search"
            className="min-h-14 text-lg"
          />
        </label>
      </form>
      {lookupError && <Alert>{lookupError}</Alert>}
      {product && (
        <section className="grid gap-3 rounded-xl border border-border bg-surface p-4" aria-label="Scanned product">
          <div>
            <p className="text-lg font-semibold">{product.name}</p>
            <p className="text-sm text-muted">
              {product.sku}
              {product.barcode && ` · ${product.barcode}`}
            </p>
          </div>
          <p className="text-sm" aria-live="polite">
            Available here:{' '}
            <LiveQuantity value={here?.available ?? 0} changedAt={here?.changedAt} uom={product.uom} warnBelowZero />{' '}
            (on hand <LiveQuantity value={here?.on_hand ?? 0} changedAt={here?.changedAt} />, reserved{' '}
            <LiveQuantity value={here?.reserved ?? 0} changedAt={here?.changedAt} />)
          </p>
          <div className="flex items-end gap-2">
            <Button
              type="button"
              variant="secondary"
              className="size-14"
              aria-label="One less"
              onClick={() => setQuantity(String((Number(quantity) || 0) - 1))}
            >
              <Minus className="size-6" aria-hidden="true" />
            </Button>
            <TextField
              label={operation === 'adjust' ? 'Change (+/−)' : 'Quantity'}
              inputMode="decimal"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
              className="flex-1"
              error={quantity && !qtyValid ? (operation === 'adjust' ? 'Not zero' : 'More than zero') : undefined}
            />
            <Button
              type="button"
              variant="secondary"
              className="size-14"
              aria-label="One more"
              onClick={() => setQuantity(String((Number(quantity) || 0) + 1))}
            >
              <Plus className="size-6" aria-hidden="true" />
            </Button>
          </div>
          {operation === 'receive' && (
            <TextField
              label="Unit cost"
              hint="For the moving-average cost; receipts against a purchase order take its cost"
              inputMode="decimal"
              value={unitCost}
              onChange={(e) => setUnitCost(e.target.value)}
            />
          )}
          {(operation === 'adjust' || operation === 'transfer' || operation === 'receive') && (
            <TextField
              label={operation === 'adjust' ? 'Reason' : 'Note'}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
          <Button
            className="min-h-14 text-lg"
            busy={move.isPending}
            disabled={!qtyValid || (operation === 'transfer' && !target) || (operation === 'adjust' && !reason.trim())}
            onClick={post}
          >
            <PackageCheck className="size-5" aria-hidden="true" /> {OPERATIONS[operation].label}
          </Button>
        </section>
      )}
      {log.length > 0 && (
        <ul className="grid gap-1 text-sm" aria-label="Posted" aria-live="polite">
          {log.map((entry) => (
            <li
              key={entry.id}
              className={cn(
                'rounded-lg px-3 py-2',
                entry.ok ? 'bg-success-soft text-success' : 'bg-danger-soft text-danger',
              )}
            >
              {entry.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
