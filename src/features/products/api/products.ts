// Products: the catalogue list (with available stock summed over warehouses), one product with
// its stock per warehouse, reorder rules and price list prices, the choices its form offers
// (tax rates, supplier accounts), and CSV import through import_products (all rows or none).
// Stock levels and the moving-average cost are written only by the database (the stock ledger).
import { useEffect, useId } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type Big from 'big.js';
import type { ImportResult } from '@/components/csv-import-dialog.tsx';
import { orgKey } from '@/lib/current-org.ts';
import type { Database } from '@/lib/database.types.ts';
import { toAppError } from '@/lib/errors.ts';
import { sumAmounts } from '@/lib/money.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { ilikeContains, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import type { ProductFormValues } from '../schemas/product.ts';

export type ProductKind = Database['public']['Enums']['product_kind'];

export const productsKey = (orgId: string) => [...orgKey(orgId), 'products'] as const;

export type ProductFilter = 'q' | 'kind' | 'show';
export const PRODUCT_SORTABLE = ['sku', 'name', 'kind', 'sale_price', 'cost', 'updated_at'] as const;

export interface StockLevelRow {
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  available: number | null;
}

export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  kind: ProductKind;
  uom: string;
  barcode: string | null;
  sale_price: number;
  currency: string;
  /** Moving-average unit cost, kept by the stock ledger (readable by every member). */
  cost: number;
  tax_rate_id: string | null;
  preferred_supplier_id: string | null;
  active: boolean;
  archived_at: string | null;
  updated_at: string;
  tax_rate: { name: string } | null;
  supplier: { name: string } | null;
  stock_levels: StockLevelRow[];
}

const PRODUCT_COLUMNS =
  'id, sku, name, description, kind, uom, barcode, sale_price, currency, cost, tax_rate_id, preferred_supplier_id, active, archived_at, updated_at, ' +
  'tax_rate:tax_rates!products_org_id_tax_rate_id_fkey(name), supplier:accounts!products_org_id_preferred_supplier_id_fkey(name), ' +
  'stock_levels(warehouse_id, on_hand, reserved, available)';

/** Available stock over every warehouse, summed exactly (a service has none). */
export function totalAvailable(product: Pick<ProductRow, 'stock_levels'>): Big {
  return sumAmounts(product.stock_levels.map((l) => l.available));
}

export function totalOnHand(product: Pick<ProductRow, 'stock_levels'>): Big {
  return sumAmounts(product.stock_levels.map((l) => l.on_hand));
}

export async function fetchProducts(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<ProductFilter>,
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: ProductRow[]; count: number }> {
  let query = supabase.from('products').select(PRODUCT_COLUMNS, { count: 'exact' }).eq('org_id', orgId);
  const f = state.filters;
  if (f.show === 'archived') query = query.not('archived_at', 'is', null);
  else if (f.show === 'inactive') query = query.is('archived_at', null).eq('active', false);
  else if (f.show === 'all') query = query.is('archived_at', null);
  else query = query.is('archived_at', null).eq('active', true);
  if (f.q?.trim()) {
    const p = ilikeContains(f.q.trim());
    query = query.or(`sku.ilike.${p},name.ilike.${p},barcode.ilike.${p}`);
  }
  if (f.kind) query = query.eq('kind', f.kind as ProductKind);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof PRODUCT_SORTABLE)[number], { ascending: !rule.desc });
  query = query.order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as ProductRow[], count: count ?? data.length };
}

/** Live: a colleague's edit, an import or a stock movement refetches what is shown. */
function useLiveProducts(orgId: string) {
  useLiveRefetch('products', `org_id=eq.${orgId}`, productsKey(orgId));
  useLiveRefetch('stock_levels', `org_id=eq.${orgId}`, productsKey(orgId));
}

export function useProducts(orgId: string, state: ServerTableState<ProductFilter>) {
  const supabase = useSupabase();
  useLiveProducts(orgId);
  return useQuery({
    queryKey: [...productsKey(orgId), 'list', state],
    queryFn: () => fetchProducts(supabase, orgId, state),
    placeholderData: keepPreviousData,
  });
}

/** The product's own columns, as a Realtime row carries them (not the joined tax rate, supplier, stock). */
const OWN_COLUMNS = [
  'sku',
  'name',
  'description',
  'kind',
  'uom',
  'barcode',
  'sale_price',
  'currency',
  'cost',
  'active',
  'archived_at',
  'updated_at',
] as const satisfies readonly (keyof ProductRow)[];

/**
 * Live, without reading: a colleague's edit or the ledger's new moving-average cost is written
 * into the record from the Realtime row (read again only when the tax rate or supplier changed,
 * whose names are joined). Its stock is live on its own (useLiveStock on the product page).
 */
function useLiveProduct(orgId: string, productId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const instance = useId();
  useEffect(() => {
    const key = [...productsKey(orgId), 'record', productId];
    const channel = supabase
      .channel(`product:${productId}:${instance}`)
      .on(
        'postgres_changes',
        { event: '*', schema: 'public', table: 'products', filter: `id=eq.${productId}` },
        (payload) => {
          const row = payload.new as Partial<ProductRow>;
          const cached = queryClient.getQueryData<ProductRow | null>(key);
          if (
            payload.eventType !== 'UPDATE' ||
            !cached ||
            row.tax_rate_id !== cached.tax_rate_id ||
            row.preferred_supplier_id !== cached.preferred_supplier_id
          ) {
            void queryClient.invalidateQueries({ queryKey: key });
            return;
          }
          // An older echo overtaken by a newer change.
          if (row.updated_at && Date.parse(row.updated_at) < Date.parse(cached.updated_at)) return;
          const changes = Object.fromEntries(OWN_COLUMNS.filter((c) => c in row).map((c) => [c, row[c]]));
          queryClient.setQueryData<ProductRow | null>(key, (p) => (p ? { ...p, ...changes } : p));
        },
      )
      .subscribe();
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [supabase, queryClient, orgId, productId, instance]);
}

export function useProduct(orgId: string, productId: string) {
  const supabase = useSupabase();
  useLiveProduct(orgId, productId);
  return useQuery({
    queryKey: [...productsKey(orgId), 'record', productId],
    queryFn: async (): Promise<ProductRow | null> => {
      const { data, error } = await supabase
        .from('products')
        .select(PRODUCT_COLUMNS)
        .eq('org_id', orgId)
        .eq('id', productId)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data as unknown as ProductRow | null;
    },
  });
}

export type ProductChanges = Partial<ProductFormValues> & { archived_at?: string | null };

export function useSaveProduct(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, values }: { id?: string; values: ProductChanges }) => {
      const { data, error } = id
        ? await supabase.from('products').update(values).eq('org_id', orgId).eq('id', id).select('id').single()
        : await supabase
            .from('products')
            .insert({ ...(values as ProductFormValues), org_id: orgId })
            .select('id')
            .single();
      if (error) throw toAppError(error);
      return data.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productsKey(orgId) }),
  });
}

export function useImportProducts(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (rows: Record<string, string>[]): Promise<ImportResult> => {
      const { data, error } = await supabase.rpc('import_products', { p_org_id: orgId, p_rows: rows });
      if (error) throw toAppError(error);
      return data as unknown as ImportResult;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productsKey(orgId) }),
  });
}

/** The org's tax rates, for the product form. */
export function useTaxRates(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...productsKey(orgId), 'tax-rates'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('tax_rates')
        .select('id, name, rate, active, is_default')
        .eq('org_id', orgId)
        .order('name');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** Accounts we buy from (suppliers live in the customer master), for the preferred supplier picker. */
export function useSupplierChoices(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...productsKey(orgId), 'suppliers'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('accounts')
        .select('id, name')
        .eq('org_id', orgId)
        .eq('is_supplier', true)
        .is('archived_at', null)
        .is('merged_into', null)
        .order('name');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export interface WarehouseRow {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

export function useProductWarehouses(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...productsKey(orgId), 'warehouses'],
    queryFn: async (): Promise<WarehouseRow[]> => {
      const { data, error } = await supabase
        .from('warehouses')
        .select('id, code, name, active')
        .eq('org_id', orgId)
        .order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}
