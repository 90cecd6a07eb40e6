// Bills of materials: the list (filters in the URL), one BOM with its lines, saving a
// BOM and its lines, the explosion (explode_bom) and the products to choose from. The rules
// (versions, one default per product, no loops, no services as components) are the database's;
// its refusals are shown as they come.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { ilikeContains, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import type { BomValues } from '../schemas/bom.ts';

type Tables = Database['public']['Tables'];
export type ProductKind = Database['public']['Enums']['product_kind'];

export const manufacturingKey = (orgId: string) => [...orgKey(orgId), 'manufacturing'] as const;
export const bomsKey = (orgId: string) => [...manufacturingKey(orgId), 'boms'] as const;
export const bomKey = (orgId: string, id: string) => [...bomsKey(orgId), 'record', id] as const;

export type BomFilter = 'status' | 'product';
export const BOM_SORTABLE = ['name', 'version', 'updated_at'] as const;

export interface ProductRef {
  id: string;
  sku: string;
  name: string;
  uom: string;
}

export type BomRow = Tables['boms']['Row'] & { product: ProductRef | null; lines: { id: string }[] };

export type BomLine = Tables['bom_lines']['Row'] & {
  product: (ProductRef & { kind: ProductKind; cost: number }) | null;
};

export type BomRecord = Tables['boms']['Row'] & {
  product: (ProductRef & { cost: number }) | null;
  lines: BomLine[];
};

const LIST_COLUMNS = '*, product:products(id, sku, name, uom), lines:bom_lines(id)';
const RECORD_COLUMNS =
  '*, product:products(id, sku, name, uom, cost), lines:bom_lines(*, product:products(id, sku, name, uom, kind, cost))';

export async function fetchBoms(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<BomFilter>,
): Promise<{ rows: BomRow[]; count: number }> {
  let query = supabase.from('boms').select(LIST_COLUMNS, { count: 'exact' }).eq('org_id', orgId);
  const f = state.filters;
  if (f.status === 'archived') query = query.eq('is_active', false);
  else if (f.status !== 'all') query = query.eq('is_active', true);
  if (f.product) query = query.eq('product_id', f.product);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof BOM_SORTABLE)[number], { ascending: !rule.desc });
  query = query.order('version', { ascending: false }).order('id');
  const [from, to] = pageRange(state);
  const { data, error, count } = await query.range(from, to);
  if (error) throw toAppError(error);
  return { rows: data as unknown as BomRow[], count: count ?? data.length };
}

export function useBoms(orgId: string, state: ServerTableState<BomFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...bomsKey(orgId), 'list', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchBoms(supabase, orgId, state),
  });
}

export function useBom(orgId: string, id: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: bomKey(orgId, id ?? 'new'),
    enabled: !!id,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('boms')
        .select(RECORD_COLUMNS)
        .eq('org_id', orgId)
        .eq('id', id!)
        .maybeSingle();
      if (error) throw toAppError(error);
      if (!data) return null;
      const record = data as unknown as BomRecord;
      record.lines.sort((a, b) => a.position - b.position || a.created_at.localeCompare(b.created_at));
      return record;
    },
  });
}

/** The active BOMs of a product (for a production order's choice), default first, then newest. */
export function useProductBoms(orgId: string, productId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...bomsKey(orgId), 'of-product', productId],
    enabled: !!productId,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('boms')
        .select('id, name, version, is_default, output_quantity')
        .eq('org_id', orgId)
        .eq('product_id', productId)
        .eq('is_active', true)
        .order('is_default', { ascending: false })
        .order('version', { ascending: false });
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export type ProductOption = ProductRef & { kind: ProductKind; cost: number };

/** Stocked products that can be built (a BOM's product), by name. */
export function useStockedProducts(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...manufacturingKey(orgId), 'stocked-products'],
    queryFn: async (): Promise<ProductOption[]> => {
      const { data, error } = await supabase
        .from('products')
        .select('id, sku, name, uom, kind, cost')
        .eq('org_id', orgId)
        .eq('kind', 'stocked')
        .eq('active', true)
        .is('archived_at', null)
        .order('name')
        .limit(1000);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** Components to add: products by name, SKU or barcode that hold stock (services are not components). */
export function useComponentSearch(orgId: string, text: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...manufacturingKey(orgId), 'component-search', text],
    enabled: text.trim().length > 0,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<ProductOption[]> => {
      const p = ilikeContains(text.trim());
      const { data, error } = await supabase
        .from('products')
        .select('id, sku, name, uom, kind, cost')
        .eq('org_id', orgId)
        .neq('kind', 'service')
        .eq('active', true)
        .is('archived_at', null)
        .or(`sku.ilike.${p},name.ilike.${p},barcode.eq.${JSON.stringify(text.trim())}`)
        .order('name')
        .limit(8);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/**
 * Saves a BOM and its lines in one transaction (save_bom): removed lines go, the others are updated
 * and added in order, and the BOM becomes the default once its lines are in; a refused line (a
 * loop, a service) leaves the stored BOM as it was.
 */
export function useSaveBom(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, values }: { id: string | null; values: BomValues; saved: BomRecord | null }) => {
      const { data, error } = await supabase.rpc('save_bom', {
        p_org_id: orgId,
        p_bom_id: id ?? undefined,
        p_bom: {
          product_id: values.product_id,
          name: values.name,
          output_quantity: values.output_quantity,
          is_active: values.is_active,
          is_default: values.is_default,
          notes: values.notes,
          ...(values.version !== null ? { version: values.version } : {}),
        },
        p_lines: values.lines.map(({ id: lineId, ...line }) => (lineId ? { id: lineId, ...line } : line)),
      });
      if (error) throw toAppError(error);
      return data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: manufacturingKey(orgId) }),
  });
}

const explosionRowSchema = z.object({
  level: z.number().int(),
  path: z.array(z.string()),
  sku_path: z.array(z.string()),
  parent_product_id: z.string(),
  product_id: z.string(),
  sku: z.string(),
  name: z.string(),
  uom: z.string(),
  bom_line_id: z.string(),
  quantity: z.coerce.number(),
  scrap_pct: z.coerce.number(),
  unit_cost: z.coerce.number(),
  bom_id: z.string().nullable(),
  is_leaf: z.boolean(),
});
export type ExplosionRow = z.output<typeof explosionRowSchema>;

/** explode_bom for `quantity` of the product, by the given BOM: every level, depth first. */
export function useExplosion(orgId: string, productId: string, bomId: string, quantity: number | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...bomsKey(orgId), 'explosion', productId, bomId, quantity],
    enabled: !!productId && !!bomId && quantity !== null && quantity > 0,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<ExplosionRow[]> => {
      const { data, error } = await supabase.rpc('explode_bom', {
        p_org_id: orgId,
        p_product_id: productId,
        p_quantity: quantity!,
        p_bom_id: bomId,
      });
      if (error) throw toAppError(error);
      return z.array(explosionRowSchema).parse(data);
    },
  });
}
