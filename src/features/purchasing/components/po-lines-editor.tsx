// The lines of a draft order: product, quantity, unit cost and tax rate. Totals are exact
// (big.js) as the database rounds them; the lines are saved together.
import { useEffect } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Plus, Trash2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { lineNet, orderTotals } from '../api/amounts.ts';
import { useProductChoices, usePurchaseOrderMutations, type PurchaseOrderRecord } from '../api/purchase-orders.ts';
import { poLinesSchema, type PoLinesInput, type PoLinesValues } from '../schemas/purchase-order.ts';

interface PoLinesEditorProps {
  po: PurchaseOrderRecord;
  canEdit: boolean;
  /** Told whether there are unsaved line changes (the order is confirmed as saved). */
  onDirtyChange?(dirty: boolean): void;
}

const NUMBER_FIELDS = [
  { key: 'quantity', label: 'quantity' },
  { key: 'unit_cost', label: 'unit cost' },
  { key: 'tax_rate', label: 'tax %' },
] as const;

export function PoLinesEditor({ po, canEdit, onDirtyChange }: PoLinesEditorProps) {
  const { org } = useCurrentOrg();
  const products = useProductChoices(org.id, canEdit);
  const { saveLines } = usePurchaseOrderMutations(org.id);
  const form = useForm<PoLinesInput, unknown, PoLinesValues>({
    resolver: zodResolver(poLinesSchema),
    values: {
      lines: po.lines.map((l) => ({
        id: l.id,
        product_id: l.product_id,
        quantity: String(l.quantity),
        unit_cost: String(l.unit_cost),
        tax_rate: String(l.tax_rate),
      })),
    },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'lines' });
  const { errors, isSubmitting, isDirty } = form.formState;
  const watched = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const totals = orderTotals(watched.map((l) => ({ net: lineNet(l.quantity, l.unit_cost), taxRate: l.tax_rate })));

  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);

  // The lines' own products first (an archived one still shows), then the catalogue.
  const known = new Map(po.lines.flatMap((l) => (l.product ? [[l.product.id, l.product] as const] : [])));
  for (const p of products.data ?? []) known.set(p.id, { ...p, kind: '' });
  const productOptions = [...known.values()].map((p) => ({
    value: p.id,
    label: `${p.sku} · ${p.name}`,
    textValue: `${p.sku} ${p.name}`,
  }));

  return (
    <form
      noValidate
      aria-label="Order lines"
      className="grid gap-3"
      onSubmit={form.handleSubmit(async ({ lines }) => {
        const kept = new Set(lines.map((l) => l.id).filter(Boolean));
        try {
          await saveLines.mutateAsync({
            poId: po.id,
            lines,
            deletes: po.lines.filter((l) => !kept.has(l.id)).map((l) => l.id),
          });
          toast.success('Lines saved');
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      {errors.root?.message && <Alert title="Could not save the lines">{errors.root.message}</Alert>}
      {fields.length === 0 ? (
        <p className="m-0 text-sm text-muted">No lines yet: add the products to order.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Order lines</caption>
            <thead>
              <tr className="text-left text-xs text-muted">
                <th scope="col" className="pb-1 font-semibold">
                  Product
                </th>
                <th scope="col" className="w-24 pb-1 font-semibold">
                  Quantity
                </th>
                <th scope="col" className="w-28 pb-1 font-semibold">
                  Unit cost
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
                return (
                  <tr key={field.id} className="align-top">
                    <td className="min-w-56 pr-2 pb-2">
                      <Controller
                        control={form.control}
                        name={`lines.${i}.product_id`}
                        render={({ field: f }) => (
                          <Select
                            aria-label={`Line ${i + 1} product`}
                            aria-invalid={e?.product_id ? true : undefined}
                            value={f.value || undefined}
                            disabled={!canEdit}
                            placeholder="Choose a product"
                            onValueChange={(id) => {
                              f.onChange(id);
                              const cost = products.data?.find((p) => p.id === id)?.cost;
                              const current = form.getValues(`lines.${i}.unit_cost`);
                              if (cost != null && (!current || Number(current) === 0)) {
                                form.setValue(`lines.${i}.unit_cost`, String(cost), { shouldDirty: true });
                              }
                            }}
                            options={productOptions}
                          />
                        )}
                      />
                      {e?.product_id && <p className="mt-1 text-xs text-danger">{e.product_id.message}</p>}
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
                      {formatMoney(lineNet(w?.quantity, w?.unit_cost), po.currency)}
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
                <th scope="row" colSpan={4} className="pt-2 text-right font-normal text-muted">
                  Net
                </th>
                <td className="pt-2 text-right">{formatMoney(totals.net, po.currency)}</td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={4} className="text-right font-normal text-muted">
                  Tax
                </th>
                <td className="text-right">{formatMoney(totals.tax, po.currency)}</td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={4} className="text-right font-semibold">
                  Total
                </th>
                <td className="text-right font-semibold">{formatMoney(totals.gross, po.currency)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {canEdit && (
        <div className="flex flex-wrap justify-between gap-2">
          <Button
            type="button"
            size="sm"
            variant="secondary"
            onClick={() => append({ product_id: '', quantity: '1', unit_cost: '0', tax_rate: '0' })}
          >
            <Plus className="size-4" aria-hidden="true" /> Add line
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
