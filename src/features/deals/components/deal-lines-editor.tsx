// Quote lines: catalogue products priced for the customer, or free lines; description, quantity,
// unit price, discount and tax. Totals are computed
// exactly (big.js) for display; the database computes each line's net amount and rolls
// the lines up into the deal's amount. A line with a product shows the product's stock available
// over all warehouses, live over Realtime (flashing when a movement anywhere in the org changes it).
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Big from 'big.js';
import { z } from 'zod';
import { Plus, Trash2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { useLiveStock } from '@/lib/use-live-stock.ts';
import { useSaveDealLines, type DealRecord } from '../api/deals.ts';
import { QuoteProductSearch } from './quote-product-search.tsx';

const num = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}`)
    .transform(Number)
    .pipe(
      z
        .number({ error: `Enter ${label}` })
        .min(min, `${label} is at least ${min}`)
        .max(max, `${label} is at most ${max}`),
    );

const linesSchema = z.object({
  lines: z.array(
    z.object({
      id: z.string().optional(),
      product_id: z.string().nullable(),
      description: z.string().trim().min(1, 'Describe the line').max(500, 'At most 500 characters'),
      quantity: num('the quantity', 0.0001, 1e12),
      unit_price: num('the price', 0, 1e12),
      discount_pct: num('the discount', 0, 100),
      tax_rate: num('the tax rate', 0, 100),
    }),
  ),
});
type LinesInput = z.input<typeof linesSchema>;
type LinesValues = z.output<typeof linesSchema>;

function lineNet(l: { quantity: string; unit_price: string; discount_pct: string }): Big | null {
  try {
    return new Big(l.quantity || 0)
      .times(l.unit_price || 0)
      .times(new Big(100).minus(l.discount_pct || 0))
      .div(100)
      .round(2);
  } catch {
    return null;
  }
}

export function DealLinesEditor({ deal, canEdit }: { deal: DealRecord; canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const save = useSaveDealLines(org.id, deal.id);
  const form = useForm<LinesInput, unknown, LinesValues>({
    resolver: zodResolver(linesSchema),
    values: {
      lines: deal.lines.map((l) => ({
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
  const total = watched.reduce((acc, l) => acc.plus(lineNet(l) ?? 0), new Big(0));
  const stock = useLiveStock(
    org.id,
    watched.flatMap((l) => (l.product_id ? [l.product_id] : [])),
  );

  return (
    <form
      noValidate
      className="grid gap-3"
      onSubmit={form.handleSubmit(async ({ lines }) => {
        const kept = new Set(lines.map((l) => l.id).filter(Boolean));
        try {
          await save.mutateAsync({
            upserts: lines.map((l, i) => ({ ...l, position: i })),
            deletes: deal.lines.filter((l) => !kept.has(l.id)).map((l) => l.id),
          });
          toast.success('Quote lines saved');
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      {errors.root?.message && <Alert title="Could not save the lines">{errors.root.message}</Alert>}
      {fields.length === 0 ? (
        <p className="text-sm text-muted">No quote lines: the deal's amount is entered by hand.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Quote lines</caption>
            <thead>
              <tr className="text-left text-xs text-muted">
                <th scope="col" className="pb-1 font-semibold">
                  Description
                </th>
                <th scope="col" className="w-20 pb-1 font-semibold">
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
                const net = lineNet(watched[i] ?? { quantity: '0', unit_price: '0', discount_pct: '0' });
                const productId = watched[i]?.product_id;
                const available = productId ? stock.stock?.[productId] : undefined;
                return (
                  <tr key={field.id} className="align-top">
                    <td className="pr-2 pb-2">
                      <Input
                        aria-label={`Line ${i + 1} description`}
                        aria-invalid={!!e?.description}
                        disabled={!canEdit}
                        {...form.register(`lines.${i}.description`)}
                      />
                      {e?.description && <p className="mt-1 text-xs text-danger">{e.description.message}</p>}
                      {available && (
                        <p className="mt-1 text-xs text-muted" data-testid="line-available">
                          Available:{' '}
                          <LiveQuantity value={available.available} changedAt={available.changedAt} warnBelowZero />
                        </p>
                      )}
                    </td>
                    {(['quantity', 'unit_price', 'discount_pct', 'tax_rate'] as const).map((key) => (
                      <td key={key} className="pr-2 pb-2">
                        <Input
                          inputMode="decimal"
                          aria-label={`Line ${i + 1} ${key.replace('_', ' ')}`}
                          aria-invalid={!!e?.[key]}
                          disabled={!canEdit}
                          {...form.register(`lines.${i}.${key}`)}
                        />
                        {e?.[key] && <p className="mt-1 text-xs text-danger">{e[key]?.message}</p>}
                      </td>
                    ))}
                    <td className="pt-2 pb-2 text-right tabular-nums">{net ? formatMoney(net, deal.currency) : '—'}</td>
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
            <tfoot>
              <tr>
                <th scope="row" colSpan={5} className="pt-2 text-right font-semibold">
                  Total (net)
                </th>
                <td className="pt-2 text-right font-semibold tabular-nums">{formatMoney(total, deal.currency)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {canEdit && (
        <QuoteProductSearch
          orgId={org.id}
          accountId={deal.account_id}
          currency={deal.currency}
          onAdd={(product, price) =>
            append({
              product_id: product.id,
              description: product.name,
              quantity: '1',
              unit_price: String(price?.unit_price ?? 0),
              discount_pct: '0',
              tax_rate: String(price?.tax_rate ?? 0),
            })
          }
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
          <Button type="submit" size="sm" busy={isSubmitting} disabled={!isDirty}>
            Save lines
          </Button>
        </div>
      )}
    </form>
  );
}
