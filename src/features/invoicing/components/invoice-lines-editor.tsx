// The lines of a stand-alone invoice inside the new-invoice form: products from the catalogue
// (priced for the customer) or free lines, with quantity, price, discount and tax, and exact
// totals as the database will compute them.
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { formatMoney } from '@/lib/money.ts';
import { lineNet, linesTotals } from '../api/amounts.ts';
import type { NewInvoiceInput, NewInvoiceValues } from '../schemas/invoicing.ts';
import { ProductLineSearch } from './product-line-search.tsx';

interface InvoiceLinesEditorProps {
  orgId: string;
  accountId: string | null;
  currency: string;
  control: Control<NewInvoiceInput, unknown, NewInvoiceValues>;
  register: UseFormRegister<NewInvoiceInput>;
  errors: FieldErrors<NewInvoiceInput>;
}

const NUMBER_FIELDS = [
  { name: 'quantity', label: 'Quantity' },
  { name: 'unit_price', label: 'Unit price' },
  { name: 'discount_pct', label: 'Discount %' },
  { name: 'tax_rate', label: 'Tax %' },
] as const;

export function InvoiceLinesEditor({ orgId, accountId, currency, control, register, errors }: InvoiceLinesEditorProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const lines = useWatch({ control, name: 'lines' }) ?? [];
  const totals = linesTotals(lines);

  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1 text-sm font-semibold">Lines</legend>
      <div className="flex flex-wrap items-end gap-3">
        <ProductLineSearch
          orgId={orgId}
          accountId={accountId}
          currency={currency}
          onAdd={(product, price) =>
            append({
              product_id: product.id,
              description: product.name,
              quantity: '1',
              unit_price: price ? String(price.unit_price) : '0',
              discount_pct: '0',
              tax_rate: price ? String(price.tax_rate) : '0',
            })
          }
        />
        <Button
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
      </div>
      {errors.lines?.message && <p className="m-0 text-sm text-danger">{errors.lines.message}</p>}
      {fields.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Invoice lines</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-2 font-semibold">
                  Description
                </th>
                {NUMBER_FIELDS.map((f) => (
                  <th key={f.name} scope="col" className="w-24 py-2 pr-2 font-semibold">
                    {f.label}
                  </th>
                ))}
                <th scope="col" className="py-2 pr-2 text-right font-semibold">
                  Net
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {fields.map((field, i) => {
                const e = errors.lines?.[i];
                const w = lines[i];
                const n = i + 1;
                return (
                  <tr key={field.id} className="border-b border-border align-top last:border-b-0">
                    <td className="py-2 pr-2">
                      <Input
                        aria-label={`Line ${n} description`}
                        aria-invalid={e?.description ? true : undefined}
                        {...register(`lines.${i}.description`)}
                      />
                      {e?.description && <p className="mt-1 text-xs text-danger">{e.description.message}</p>}
                    </td>
                    {NUMBER_FIELDS.map((f) => (
                      <td key={f.name} className="py-2 pr-2">
                        <Input
                          inputMode="decimal"
                          aria-label={`Line ${n} ${f.label.toLowerCase()}`}
                          aria-invalid={e?.[f.name] ? true : undefined}
                          {...register(`lines.${i}.${f.name}`)}
                        />
                        {e?.[f.name] && <p className="mt-1 text-xs text-danger">{e[f.name]!.message}</p>}
                      </td>
                    ))}
                    <td className="py-2 pr-2 text-right">
                      {formatMoney(lineNet(w?.quantity, w?.unit_price, w?.discount_pct), currency)}
                    </td>
                    <td className="py-2">
                      <Button size="icon" variant="ghost" aria-label={`Remove line ${n}`} onClick={() => remove(i)}>
                        <Trash2 className="size-4" aria-hidden="true" />
                      </Button>
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
                <td className="pt-2 text-right">{formatMoney(totals.net, currency)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={5} className="text-right font-normal text-muted">
                  Tax
                </th>
                <td className="text-right">{formatMoney(totals.tax, currency)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={5} className="text-right font-semibold">
                  Total
                </th>
                <td className="text-right font-semibold">{formatMoney(totals.gross, currency)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </fieldset>
  );
}
