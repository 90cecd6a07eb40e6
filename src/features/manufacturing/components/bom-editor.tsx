// A bill of materials as a form: the product it builds, a name, how many the lines make (output
// quantity), its version (blank: the next one), default and active, notes, and the component
// lines (found by name, SKU or barcode; quantity per output quantity and scrap %). zod checks
// what can be checked here; the database refuses the rest (a loop through other BOMs, a
// service as a component, a version taken) and its message is shown above the form.
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Plus, Trash2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Input, inputClasses } from '@/components/input.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import {
  useComponentSearch,
  useSaveBom,
  useStockedProducts,
  type BomRecord,
  type ProductOption,
  type ProductRef,
} from '../api/boms.ts';
import { bomSchema, type BomInput, type BomValues } from '../schemas/bom.ts';

interface BomEditorProps {
  /** The saved BOM, or null for a new one. */
  bom: BomRecord | null;
  canEdit: boolean;
  /** A new BOM's product, when the page was opened for one (?product=). */
  initialProductId?: string;
  onSaved(id: string, created: boolean): void;
}

function initialValues(bom: BomRecord | null, productId: string): BomInput {
  if (!bom)
    return {
      product_id: productId,
      name: '',
      version: '',
      output_quantity: '1',
      is_default: true,
      is_active: true,
      notes: '',
      lines: [],
    };
  return {
    product_id: bom.product_id,
    name: bom.name,
    version: String(bom.version),
    output_quantity: String(bom.output_quantity),
    is_default: bom.is_default,
    is_active: bom.is_active,
    notes: bom.notes ?? '',
    lines: bom.lines.map((l) => ({
      id: l.id,
      product_id: l.product_id,
      quantity: String(l.quantity),
      scrap_pct: String(l.scrap_pct),
    })),
  };
}

export function BomEditor({ bom, canEdit, initialProductId = '', onSaved }: BomEditorProps) {
  const { org } = useCurrentOrg();
  const products = useStockedProducts(org.id);
  const save = useSaveBom(org.id);
  const form = useForm<BomInput, unknown, BomValues>({
    resolver: zodResolver(bomSchema),
    values: initialValues(bom, initialProductId),
    resetOptions: { keepDirtyValues: true },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'lines' });
  const { errors, isSubmitting, isDirty } = form.formState;
  const productId = useWatch({ control: form.control, name: 'product_id' });
  const lineProducts = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const [search, setSearch] = useState('');
  const found = useComponentSearch(org.id, search);

  // What the lines show of their products: the saved lines' products and those picked since.
  const [picked, setPicked] = useState<Map<string, ProductRef>>(new Map());
  const known = new Map(picked);
  for (const l of bom?.lines ?? []) if (l.product) known.set(l.product.id, l.product);

  function addComponent(product: ProductOption) {
    setPicked((current) => new Map(current).set(product.id, product));
    append({ product_id: product.id, quantity: '1', scrap_pct: '0' });
    setSearch('');
  }

  const linesError = errors.lines?.root?.message ?? errors.lines?.message;

  return (
    <form
      noValidate
      aria-label="Bill of materials"
      className="grid gap-5"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          const id = await save.mutateAsync({ id: bom?.id ?? null, values, saved: bom });
          // Saved as typed: nothing is dirty, so the saved BOM read again (new lines' ids) replaces it.
          form.reset(form.getValues());
          onSaved(id, !bom);
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      {errors.root?.message && <Alert title="Could not save the bill of materials">{errors.root.message}</Alert>}
      <fieldset disabled={!canEdit} className="m-0 grid gap-4 border-0 p-0 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="product_id"
          render={({ field }) => (
            <SelectField
              label="Product to build"
              value={field.value || undefined}
              onValueChange={(id) => {
                field.onChange(id);
                if (!form.getValues('name')) {
                  const p = products.data?.find((x) => x.id === id);
                  if (p) form.setValue('name', p.name, { shouldDirty: true });
                }
              }}
              disabled={!canEdit}
              error={errors.product_id?.message}
              placeholder="Choose a stocked product"
              options={[
                ...(bom?.product && !products.data?.some((p) => p.id === bom.product_id)
                  ? [{ value: bom.product.id, label: `${bom.product.sku} · ${bom.product.name}` }]
                  : []),
                ...(products.data ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.sku} · ${p.name}`,
                  textValue: `${p.sku} ${p.name}`,
                })),
              ]}
            />
          )}
        />
        <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
        <TextField
          label="Output quantity"
          hint="How many the lines below make"
          inputMode="decimal"
          error={errors.output_quantity?.message}
          {...form.register('output_quantity')}
        />
        <TextField
          label="Version"
          hint={bom ? undefined : 'Leave blank for the next version'}
          inputMode="numeric"
          error={errors.version?.message}
          {...form.register('version')}
        />
        <div className="grid gap-1">
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...form.register('is_default')} /> Default bill of materials for
            this product
          </label>
          {errors.is_default?.message && <p className="m-0 text-sm text-danger">{errors.is_default.message}</p>}
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...form.register('is_active')} /> Active (archived ones are not
            used)
          </label>
        </div>
        <label className="grid gap-1 text-sm font-semibold sm:col-span-2">
          Notes
          <textarea rows={2} className={cn(inputClasses, 'font-normal')} {...form.register('notes')} />
          {errors.notes?.message && <span className="text-sm font-normal text-danger">{errors.notes.message}</span>}
        </label>
      </fieldset>

      <div className="grid gap-3">
        <h3 className="m-0 text-sm font-semibold">Components</h3>
        {linesError && (
          <p role="alert" className="m-0 text-sm text-danger">
            {linesError}
          </p>
        )}
        {fields.length === 0 ? (
          <p className="m-0 text-sm text-muted">No components yet: add what goes into the product.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Components</caption>
              <thead>
                <tr className="text-left text-xs text-muted">
                  <th scope="col" className="pb-1 font-semibold">
                    Component
                  </th>
                  <th scope="col" className="w-32 pb-1 font-semibold">
                    Quantity
                  </th>
                  <th scope="col" className="w-28 pb-1 font-semibold">
                    Scrap %
                  </th>
                  <th scope="col" className="w-10 pb-1">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field, i) => {
                  const e = errors.lines?.[i];
                  const product = known.get(lineProducts[i]?.product_id ?? field.product_id);
                  const label = product ? product.name : `Line ${i + 1}`;
                  return (
                    <tr key={field.id} className="align-top">
                      <td className="min-w-56 pt-2 pr-2 pb-2">
                        <span className="font-medium">{product?.name ?? '…'}</span>
                        <span className="block text-xs text-muted">
                          {product?.sku}
                          {product?.uom && ` · per ${product.uom}`}
                        </span>
                        {e?.product_id && <p className="mt-1 mb-0 text-xs text-danger">{e.product_id.message}</p>}
                      </td>
                      <td className="pr-2 pb-2">
                        <Input
                          inputMode="decimal"
                          aria-label={`Quantity of ${label}`}
                          aria-invalid={e?.quantity ? true : undefined}
                          disabled={!canEdit}
                          {...form.register(`lines.${i}.quantity`)}
                        />
                        {e?.quantity && <p className="mt-1 mb-0 text-xs text-danger">{e.quantity.message}</p>}
                      </td>
                      <td className="pr-2 pb-2">
                        <Input
                          inputMode="decimal"
                          aria-label={`Scrap % of ${label}`}
                          aria-invalid={e?.scrap_pct ? true : undefined}
                          disabled={!canEdit}
                          {...form.register(`lines.${i}.scrap_pct`)}
                        />
                        {e?.scrap_pct && <p className="mt-1 mb-0 text-xs text-danger">{e.scrap_pct.message}</p>}
                      </td>
                      <td className="pb-2">
                        {canEdit && (
                          <Button
                            type="button"
                            size="icon"
                            variant="ghost"
                            aria-label={`Remove ${label}`}
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
            </table>
          </div>
        )}
        {canEdit && (
          <div className="grid gap-2">
            <SearchInput
              label="Add a component"
              value={search}
              onChange={setSearch}
              placeholder="Name, SKU or barcode…"
              className="w-72"
            />
            {search.trim() && found.data && (
              <ul className="m-0 grid list-none gap-1 p-0 text-sm" aria-label="Matching products">
                {found.data.length === 0 && <li className="text-muted">No product matches.</li>}
                {found.data.map((p) => {
                  const taken = lineProducts.some((l) => l.product_id === p.id);
                  const self = p.id === productId;
                  return (
                    <li key={p.id} className="flex items-center justify-between gap-2">
                      <span>
                        {p.name} <span className="text-muted">{p.sku}</span>
                        {taken && <span className="text-muted"> · already a component</span>}
                        {self && <span className="text-muted"> · the product being built</span>}
                      </span>
                      <Button size="sm" variant="secondary" disabled={taken || self} onClick={() => addComponent(p)}>
                        <Plus className="size-4" aria-hidden="true" /> Add <span className="sr-only">{p.name}</span>
                      </Button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        )}
      </div>
      {canEdit && (
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={!isDirty || isSubmitting}
            onClick={() => form.reset(initialValues(bom, initialProductId))}
          >
            Discard changes
          </Button>
          <Button type="submit" busy={isSubmitting} disabled={!!bom && !isDirty}>
            {bom ? 'Save bill of materials' : 'Create bill of materials'}
          </Button>
        </div>
      )}
    </form>
  );
}
