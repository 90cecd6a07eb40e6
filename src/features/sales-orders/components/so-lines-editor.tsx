// The lines of a draft order: catalogue products priced for the customer (or free lines),
// description, quantity, unit price, discount and tax. Net and totals are exact (big.js) as
// the database rounds them. Stocked products show what is available in the order's warehouse,
// live, and warn when the order asks for more than that. The lines are saved together.
import { useEffect, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Big from 'big.js';
import { Plus, Trash2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { useLiveStock } from '@/lib/use-live-stock.ts';
import { draftTotals, lineNet } from '../api/amounts.ts';
import { useSalesOrderMutations, type ProductKind, type SalesOrderRecord } from '../api/sales-orders.ts';
import { soLinesSchema, type SoLinesInput, type SoLinesValues } from '../schemas/sales-order.ts';
import { LineAvailability } from './line-availability.tsx';
import { SoProductSearch } from './so-product-search.tsx';

interface SoLinesEditorProps {
  order: SalesOrderRecord;
  canEdit: boolean;
  /** Told whether there are unsaved line changes (the order is confirmed as saved). */
  onDirtyChange?(dirty: boolean): void;
}

interface KnownProduct {
  sku: string;
  uom: string;
  kind: ProductKind;
}

const NUMBER_FIELDS = [
  { key: 'quantity', label: 'quantity' },
  { key: 'unit_price', label: 'unit price' },
  { key: 'discount_pct', label: 'discount %' },
  { key: 'tax_rate', label: 'tax %' },
] as const;

/** Sum of decimal strings; a box that holds no number counts as 0. */
function sumQuantities(values: readonly (string | undefined)[]): string {
  let total = new Big(0);
  for (const v of values) {
    try {
      total = total.plus(new Big(v || 0));
    } catch {
      // Not a number (yet).
    }
  }
  return total.toString();
}

export function SoLinesEditor({ order, canEdit, onDirtyChange }: SoLinesEditorProps) {
  const { org } = useCurrentOrg();
  const { saveLines } = useSalesOrderMutations(org.id);
  const form = useForm<SoLinesInput, unknown, SoLinesValues>({
    resolver: zodResolver(soLinesSchema),
    values: {
      lines: order.lines.map((l) => ({
        id: l.id,
        product_id: l.product_id,
        description: l.description,
        quantity: String(l.quantity),
        unit_price: String(l.unit_price),
        discount_pct: String(l.discount_pct),
        tax_rate: String(l.tax_rate),
      })),
    },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'lines' });
  const { errors, isSubmitting, isDirty } = form.formState;
  const watched = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const totals = draftTotals(watched);

  // Products of the saved lines, and those added since.
  const [added, setAdded] = useState<Record<string, KnownProduct>>({});
  const products: Record<string, KnownProduct> = { ...added };
  for (const l of order.lines) if (l.product) products[l.product.id] = l.product;
  const stocked = watched.flatMap((l) =>
    l.product_id && products[l.product_id]?.kind === 'stocked' ? [l.product_id] : [],
  );
  const live = useLiveStock(org.id, stocked);
  const warehouseCode = order.warehouse?.code ?? 'the warehouse';

  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);

  return (
    <form
      noValidate
      aria-label="Order lines"
      className="grid gap-3"
      onSubmit={form.handleSubmit(async ({ lines }) => {
        const kept = new Set(lines.map((l) => l.id).filter(Boolean));
        try {
          await saveLines.mutateAsync({
            orderId: order.id,
            lines,
            deletes: order.lines.filter((l) => !kept.has(l.id)).map((l) => l.id),
          });
          toast.success('Lines saved');
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      {errors.root?.message && <Alert title="Could not save the lines">{errors.root.message}</Alert>}
      {fields.length === 0 ? (
        <p className="m-0 text-sm text-muted">No lines yet: add the products the customer orders.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Order lines</caption>
            <thead>
              <tr className="text-left text-xs text-muted">
                <th scope="col" className="pb-1 font-semibold">
                  Description
                </th>
                <th scope="col" className="w-24 pb-1 font-semibold">
                  Qty
                </th>
                <th scope="col" className="w-28 pb-1 font-semibold">
                  Unit price
                </th>
                <th scope="col" className="w-20 pb-1 font-semibold">
                  Disc. %
                </th>
                <th scope="col" className="w-20 pb-1 font-semibold">
                  Tax %
                </th>
                <th scope="col" className="w-28 pb-1 text-right font-semibold">
                  Net
                </th>
                <th scope="col" className="w-10 pb-1">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field, i) => {
                const e = errors.lines?.[i];
                const w = watched[i];
                const net = lineNet(w?.quantity, w?.unit_price, w?.discount_pct);
                const productId = w?.product_id;
                const product = productId ? products[productId] : undefined;
                const isStocked = product?.kind === 'stocked';
                const level =
                  isStocked && productId
                    ? live.stock?.[productId]?.levels.find((l) => l.warehouse_id === order.warehouse_id)
                    : undefined;
                return (
                  <tr key={field.id} className="align-top">
                    <td className="min-w-56 pr-2 pb-2">
                      <Input
                        aria-label={`Line ${i + 1} description`}
                        aria-invalid={e?.description ? true : undefined}
                        disabled={!canEdit}
                        {...form.register(`lines.${i}.description`)}
                      />
                      {product && <span className="text-xs text-muted">{product.sku}</span>}
                      {e?.description && <p className="mt-1 text-xs text-danger">{e.description.message}</p>}
                      {isStocked && productId && live.stock && (
                        <LineAvailability
                          level={level}
                          warehouseCode={warehouseCode}
                          uom={product.uom}
                          ordered={sumQuantities(
                            watched.filter((l) => l.product_id === productId).map((l) => l.quantity),
                          )}
                        />
                      )}
                    </td>
                    {NUMBER_FIELDS.map(({ key, label }) => (
                      <td key={key} className="pr-2 pb-2">
                        <Input
                          inputMode="decimal"
                          aria-label={`Line ${i + 1} ${label}`}
                          aria-invalid={e?.[key] ? true : undefined}
                          disabled={!canEdit}
                          {...form.register(`lines.${i}.${key}`)}
                        />
                        {e?.[key] && <p className="mt-1 text-xs text-danger">{e[key]?.message}</p>}
                      </td>
                    ))}
                    <td className="pt-2 pb-2 text-right tabular-nums">
                      {net ? formatMoney(net, order.currency) : '—'}
                    </td>
                    <td className="pb-2">
                      {canEdit && (
                        <Button
                          type="button"
                          size="icon"
                          variant="ghost"
                          aria-label={`Remove line ${i + 1}`}
                          onClick={() => remove(i)}
                        >
                          <Trash2 className="size-4" aria-hidden="true" />
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot className="tabular-nums">
              <tr>
                <th scope="row" colSpan={5} className="pt-2 text-right font-normal text-muted">
                  Net
                </th>
                <td className="pt-2 text-right">{formatMoney(totals.net, order.currency)}</td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={5} className="text-right font-normal text-muted">
                  Tax
                </th>
                <td className="text-right">{formatMoney(totals.tax, order.currency)}</td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={5} className="text-right font-semibold">
                  Total
                </th>
                <td className="text-right font-semibold">{formatMoney(totals.gross, order.currency)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {canEdit && (
        <SoProductSearch
          orgId={org.id}
          accountId={order.account_id}
          currency={order.currency}
          onAdd={(product, price) => {
            setAdded((a) => ({ ...a, [product.id]: { sku: product.sku, uom: product.uom, kind: product.kind } }));
            append({
              product_id: product.id,
              description: product.name,
              quantity: '1',
              unit_price: String(price?.unit_price ?? 0),
              discount_pct: '0',
              tax_rate: String(price?.tax_rate ?? 0),
            });
          }}
        />
      )}
      {canEdit && (
        <div className="flex flex-wrap justify-between gap-2">
          <Button
            type="button"
            size="sm"
            variant="secondary"
            onClick={() =>
              append({
                product_id: null,
                description: '',
                quantity: '1',
                unit_price: '0',
                discount_pct: '0',
                tax_rate: '0',
              })
            }
          >
            <Plus className="size-4" aria-hidden="true" /> Add a free line
          </Button>
          <div className="flex gap-2">
            <Button
              type="button"
              size="sm"
              variant="secondary"
              disabled={!isDirty || isSubmitting}
              onClick={() => form.reset()}
            >
              Discard changes
            </Button>
            <Button type="submit" size="sm" busy={isSubmitting} disabled={!isDirty}>
              Save lines
            </Button>
          </div>
        </div>
      )}
    </form>
  );
}
