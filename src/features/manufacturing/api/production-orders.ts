// Production orders: the list (status filter in the URL, live over Realtime), one order with its
// components (live: any change of the order's row reads it again), the actions the database
// performs in one transaction each (plan, start, complete, cancel), "can we build it"
// (can_build) and the warehouses to choose from.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import { canBuildSchema, type CanBuild, type NewProductionOrderValues } from '../schemas/production-order.ts';
import { manufacturingKey, type ProductKind, type ProductRef } from './boms.ts';

type Tables = Database['public']['Tables'];
export type ProductionOrder = Tables['production_orders']['Row'];
export type ProductionOrderStatus = ProductionOrder['status'];

export const productionOrdersKey = (orgId: string) => [...manufacturingKey(orgId), 'production-orders'] as const;
export const productionOrderKey = (orgId: string, id: string) => [...productionOrdersKey(orgId), 'record', id] as const;

export type ProductionOrderFilter = 'status' | 'product';
export const PRODUCTION_SORTABLE = ['planned_date', 'number', 'created_at'] as const;

export interface WarehouseRef {
  id: string;
  code: string;
  name: string;
}

export type ProductionOrderRow = ProductionOrder & {
  product: ProductRef | null;
  warehouse: WarehouseRef | null;
};

export type ProductionComponent = Tables['production_order_components']['Row'] & {
  product: (ProductRef & { kind: ProductKind; cost: number }) | null;
};

export type ProductionOrderRecord = ProductionOrder & {
  product: (ProductRef & { cost: number }) | null;
  bom: { id: string; name: string; version: number; output_quantity: number } | null;
  warehouse: WarehouseRef | null;
  output_warehouse: WarehouseRef | null;
  components: ProductionComponent[];
};

const WAREHOUSE = 'warehouse:warehouses!production_orders_org_id_warehouse_id_fkey(id, code, name)';
const LIST_COLUMNS = `*, product:products(id, sku, name, uom), ${WAREHOUSE}`;
const RECORD_COLUMNS =
  `*, product:products(id, sku, name, uom, cost), bom:boms(id, name, version, output_quantity), ${WAREHOUSE}, ` +
  'output_warehouse:warehouses!production_orders_org_id_output_warehouse_id_fkey(id, code, name), ' +
  'components:production_order_components(*, product:products(id, sku, name, uom, kind, cost))';

/** Orders not finished yet (the list's "Open" filter). */
export const OPEN_STATUSES: ProductionOrderStatus[] = ['planned', 'in_progress'];

export async function fetchProductionOrders(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<ProductionOrderFilter>,
): Promise<{ rows: ProductionOrderRow[]; count: number }> {
  let query = supabase.from('production_orders').select(LIST_COLUMNS, { count: 'exact' }).eq('org_id', orgId);
  const f = state.filters;
  if (f.status === 'open') query = query.in('status', OPEN_STATUSES);
  else if (f.status) query = query.eq('status', f.status as ProductionOrderStatus);
  if (f.product) query = query.eq('product_id', f.product);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof PRODUCTION_SORTABLE)[number], { ascending: !rule.desc, nullsFirst: false });
  query = query.order('created_at', { ascending: false }).order('id');
  const [from, to] = pageRange(state);
  const { data, error, count } = await query.range(from, to);
  if (error) throw toAppError(error);
  return { rows: data as unknown as ProductionOrderRow[], count: count ?? data.length };
}

export function useProductionOrders(orgId: string, state: ServerTableState<ProductionOrderFilter>) {
  const supabase = useSupabase();
  useLiveRefetch('production_orders', `org_id=eq.${orgId}`, productionOrdersKey(orgId));
  return useQuery({
    queryKey: [...productionOrdersKey(orgId), 'list', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchProductionOrders(supabase, orgId, state),
  });
}

export function useProductionOrder(orgId: string, id: string) {
  const supabase = useSupabase();
  // Components change only with their order's actions, which always touch the order's row.
  useLiveRefetch('production_orders', `id=eq.${id}`, productionOrderKey(orgId, id));
  return useQuery({
    queryKey: productionOrderKey(orgId, id),
    queryFn: async () => {
      const { data, error } = await supabase
        .from('production_orders')
        .select(RECORD_COLUMNS)
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      if (!data) return null;
      const record = data as unknown as ProductionOrderRecord;
      record.components.sort((a, b) => a.position - b.position || a.created_at.localeCompare(b.created_at));
      return record;
    },
  });
}

export function useWarehouseChoices(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...manufacturingKey(orgId), 'warehouse-choices'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('warehouses')
        .select('id, code, name, is_default')
        .eq('org_id', orgId)
        .eq('active', true)
        .order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** Products with an active BOM (what can be planned), by name. */
export function useBuildableProducts(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...manufacturingKey(orgId), 'buildable-products'],
    queryFn: async (): Promise<ProductRef[]> => {
      const { data, error } = await supabase
        .from('boms')
        .select('product:products(id, sku, name, uom)')
        .eq('org_id', orgId)
        .eq('is_active', true)
        .limit(1000);
      if (error) throw toAppError(error);
      const byId = new Map<string, ProductRef>();
      for (const row of data as unknown as { product: ProductRef | null }[])
        if (row.product) byId.set(row.product.id, row.product);
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

export interface CanBuildParams {
  productId: string;
  quantity: number;
  warehouseId: string | null;
}

/** can_build for the given product, quantity and warehouse (null: the org's default warehouse). */
export function useCanBuild(orgId: string, params: CanBuildParams | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...manufacturingKey(orgId), 'can-build', params],
    enabled: !!params,
    queryFn: async (): Promise<CanBuild> => {
      const { data, error } = await supabase.rpc('can_build', {
        p_org_id: orgId,
        p_product_id: params!.productId,
        p_quantity: params!.quantity,
        ...(params!.warehouseId ? { p_warehouse_id: params!.warehouseId } : {}),
      });
      if (error) throw toAppError(error);
      return canBuildSchema.parse(data);
    },
  });
}

export function useProductionOrderMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: manufacturingKey(orgId) });
  return {
    plan: useMutation({
      mutationFn: async (values: NewProductionOrderValues) => {
        const { data, error } = await supabase.rpc('plan_production_order', {
          p_org_id: orgId,
          p_product_id: values.product_id,
          p_quantity: values.quantity,
          p_warehouse_id: values.warehouse_id,
          p_planned_date: values.planned_date,
          ...(values.bom_id ? { p_bom_id: values.bom_id } : {}),
          ...(values.notes ? { p_notes: values.notes } : {}),
        });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    start: useMutation({
      mutationFn: async (id: string) => {
        const { data, error } = await supabase.rpc('start_production_order', { p_org_id: orgId, p_id: id });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: done,
    }),
    complete: useMutation({
      mutationFn: async ({
        id,
        quantity,
        labourCost,
        date,
      }: {
        id: string;
        quantity: number;
        labourCost: number | null;
        date: string;
      }) => {
        const { data, error } = await supabase.rpc('complete_production_order', {
          p_org_id: orgId,
          p_id: id,
          p_quantity: quantity,
          p_date: date,
          ...(labourCost !== null ? { p_labour_cost: labourCost } : {}),
        });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: done,
    }),
    cancel: useMutation({
      mutationFn: async (id: string) => {
        const { data, error } = await supabase.rpc('cancel_production_order', { p_org_id: orgId, p_id: id });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: done,
    }),
  };
}
