// Sales orders: the list (filters in the URL, live), one order with its lines, a draft's
// header and line edits (plain table writes under RLS), and the moves the database makes
// through its RPCs: confirm (number, reservations), reserve again, cancel, and a won deal
// becoming an order.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AppError, errorCode, toAppError } from '@/lib/errors.ts';
import { orgKey } from '@/lib/current-org.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { ilikeContains, ilikePattern, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import { backorderQuantity } from './amounts.ts';
import type { SoHeaderValues, SoLinesValues } from '../schemas/sales-order.ts';

type Tables = Database['public']['Tables'];
export type SalesOrderStatus = Database['public']['Enums']['sales_order_status'];
export type DocumentStatus = Database['public']['Enums']['document_status'];
export type ProductKind = Database['public']['Enums']['product_kind'];

export const salesOrdersKey = (orgId: string) => [...orgKey(orgId), 'sales-orders'] as const;
export const salesOrderKey = (orgId: string, id: string) => [...salesOrdersKey(orgId), 'record', id] as const;

export type SoFilter = 'status' | 'customer' | 'from' | 'to';
export const SO_SORTABLE = ['order_date', 'promised_date', 'number', 'created_at'] as const;

export type SoLineSummary = Pick<Tables['sales_order_lines']['Row'], 'net_amount' | 'tax_amount'>;

export type SalesOrderRow = Tables['sales_orders']['Row'] & {
  customer: { id: string; name: string } | null;
  warehouse: { id: string; code: string; name: string } | null;
  lines: SoLineSummary[];
};

export type SalesOrderLine = Tables['sales_order_lines']['Row'] & {
  product: { id: string; sku: string; name: string; uom: string; kind: ProductKind } | null;
};

export type SalesOrderRecord = Tables['sales_orders']['Row'] & {
  customer: { id: string; name: string } | null;
  warehouse: { id: string; code: string; name: string } | null;
  deal: { id: string; title: string } | null;
  lines: SalesOrderLine[];
};

const LIST_LINES = 'lines:sales_order_lines(net_amount, tax_amount)';
const RECORD_COLUMNS =
  '*, customer:accounts(id, name), warehouse:warehouses(id, code, name), deal:deals(id, title), lines:sales_order_lines(*, product:products(id, sku, name, uom, kind))';

/** Statuses of orders with goods still to ship. */
export const OPEN_STATUSES: SalesOrderStatus[] = ['confirmed', 'partially_delivered'];

export async function fetchSalesOrders(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<SoFilter>,
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: SalesOrderRow[]; count: number }> {
  const f = state.filters;
  const customer = f.customer?.trim();
  // Searching by the customer's name joins the account (inner), so orders of others drop out.
  const columns = `*, customer:accounts${customer ? '!inner' : ''}(id, name), warehouse:warehouses(id, code, name), ${LIST_LINES}`;
  let query = supabase.from('sales_orders').select(columns, { count: 'exact' }).eq('org_id', orgId);
  if (f.status === 'open') query = query.in('status', OPEN_STATUSES);
  else if (f.status) query = query.eq('status', f.status as SalesOrderStatus);
  if (customer) query = query.ilike('customer.name', ilikePattern(customer));
  if (f.from) query = query.gte('order_date', f.from);
  if (f.to) query = query.lte('order_date', f.to);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof SO_SORTABLE)[number], { ascending: !rule.desc, nullsFirst: false });
  query = query.order('created_at', { ascending: false }).order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as SalesOrderRow[], count: count ?? data.length };
}

export function useSalesOrders(orgId: string, state: ServerTableState<SoFilter>) {
  const supabase = useSupabase();
  useLiveRefetch('sales_orders', `org_id=eq.${orgId}`, salesOrdersKey(orgId));
  return useQuery({
    queryKey: [...salesOrdersKey(orgId), 'list', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchSalesOrders(supabase, orgId, state),
  });
}

async function fetchSalesOrder(supabase: SupabaseClient, orgId: string, id: string) {
  const { data, error } = await supabase
    .from('sales_orders')
    .select(RECORD_COLUMNS)
    .eq('org_id', orgId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw toAppError(error);
  if (!data) return null;
  const record = data as unknown as SalesOrderRecord;
  record.lines.sort((a, b) => a.position - b.position || a.created_at.localeCompare(b.created_at));
  return record;
}

export function useSalesOrder(orgId: string, id: string) {
  const supabase = useSupabase();
  // Status moves (confirm, deliveries posted by the warehouse) arrive as changes of the order's row.
  useLiveRefetch('sales_orders', `id=eq.${id}`, salesOrderKey(orgId, id));
  return useQuery({ queryKey: salesOrderKey(orgId, id), queryFn: () => fetchSalesOrder(supabase, orgId, id) });
}

/** Customers to choose from, narrowed by name. */
export function useCustomerOptions(orgId: string, text: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...salesOrdersKey(orgId), 'customer-options', text],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      let q = supabase
        .from('accounts')
        .select('id, name, currency')
        .eq('org_id', orgId)
        .eq('is_customer', true)
        .is('archived_at', null)
        .is('merged_into', null);
      if (text.trim()) q = q.ilike('name', ilikePattern(text.trim()));
      const { data, error } = await q.order('name').limit(20);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** Active warehouses, the default first then by code: the order the database picks a default in. */
export function useWarehouseChoices(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...salesOrdersKey(orgId), 'warehouse-choices'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('warehouses')
        .select('id, code, name, is_default')
        .eq('org_id', orgId)
        .eq('active', true)
        .order('is_default', { ascending: false })
        .order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export interface ProductOption {
  id: string;
  sku: string;
  name: string;
  uom: string;
  kind: ProductKind;
}

/** Active products matching a name, SKU or barcode. */
export function useProductOptions(orgId: string, text: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...salesOrdersKey(orgId), 'product-options', text],
    enabled: text.trim().length > 0,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<ProductOption[]> => {
      const p = ilikeContains(text.trim());
      const { data, error } = await supabase
        .from('products')
        .select('id, sku, name, uom, kind')
        .eq('org_id', orgId)
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

export interface ProductPrice {
  unit_price: number;
  currency: string;
  tax_rate: number;
  price_list_name: string | null;
}

/** The product's price for the customer and quantity (product_price: their list, the default list, the sale price). */
export async function fetchProductPrice(
  supabase: SupabaseClient,
  orgId: string,
  productId: string,
  accountId: string,
  quantity: number,
): Promise<ProductPrice | null> {
  const { data, error } = await supabase.rpc('product_price', {
    p_org_id: orgId,
    p_product_id: productId,
    p_account_id: accountId,
    p_quantity: quantity,
  });
  if (error) throw toAppError(error);
  return (data as ProductPrice[])[0] ?? null;
}

export interface NewSalesOrder {
  account_id: string;
  warehouse_id: string;
  promised_date: string | null;
}

export interface BackorderLine {
  description: string;
  quantity: number;
  uom: string;
}

export function useSalesOrderMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: salesOrdersKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: NewSalesOrder) => {
        const { data, error } = await supabase
          .from('sales_orders')
          .insert({ ...values, org_id: orgId })
          .select('id')
          .single();
        if (error) throw toAppError(error);
        return data.id;
      },
      onSuccess: done,
    }),
    updateHeader: useMutation({
      mutationFn: async ({ id, ...changes }: SoHeaderValues & { id: string }) => {
        const { error } = await supabase.from('sales_orders').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    saveLines: useMutation({
      mutationFn: async ({
        orderId,
        lines,
        deletes,
      }: {
        orderId: string;
        lines: SoLinesValues['lines'];
        deletes: string[];
      }) => {
        if (deletes.length) {
          const { error } = await supabase.from('sales_order_lines').delete().eq('org_id', orgId).in('id', deletes);
          if (error) throw toAppError(error);
        }
        for (const [position, { id, ...line }] of lines.entries()) {
          const row = { ...line, position, org_id: orgId, sales_order_id: orderId };
          const { error } = id
            ? await supabase.from('sales_order_lines').update(row).eq('org_id', orgId).eq('id', id)
            : await supabase.from('sales_order_lines').insert(row);
          if (error) throw toAppError(error);
        }
      },
      onSuccess: done,
    }),
    /** Confirms (number, reservations) and reads the lines back: what could not be reserved is on backorder. */
    confirm: useMutation({
      mutationFn: async (orderId: string) => {
        const { data, error } = await supabase.rpc('confirm_sales_order', { p_order_id: orderId });
        if (error) throw toAppError(error);
        const order = await fetchSalesOrder(supabase, orgId, orderId);
        const backorders: BackorderLine[] = (order?.lines ?? [])
          .filter((l) => l.product?.kind === 'stocked' && backorderQuantity(l) > 0)
          .map((l) => ({ description: l.description, quantity: backorderQuantity(l), uom: l.product?.uom ?? '' }));
        if (order) queryClient.setQueryData(salesOrderKey(orgId, orderId), order);
        return { number: data.number, backorders };
      },
      onSuccess: done,
    }),
    reserve: useMutation({
      mutationFn: async (orderId: string) => {
        const { data, error } = await supabase.rpc('reserve_sales_order', { p_order_id: orderId });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    cancel: useMutation({
      mutationFn: async (orderId: string) => {
        const { data, error } = await supabase.rpc('cancel_sales_order', { p_order_id: orderId });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
  };
}

/** The order a deal already has, from create_sales_order_from_deal's 23505 detail, if that is the error. */
export function existingOrderId(error: unknown): string | null {
  if (errorCode(error) !== '23505' || !(error instanceof AppError) || typeof error.details !== 'string') return null;
  try {
    const detail = JSON.parse(error.details) as { sales_order_id?: unknown };
    return typeof detail.sales_order_id === 'string' ? detail.sales_order_id : null;
  } catch {
    return null;
  }
}

/** A won deal becomes a draft order (or, when it already has one, the answer names it). */
export function useCreateSalesOrderFromDeal(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (dealId: string) => {
      const { data, error } = await supabase.rpc('create_sales_order_from_deal', { p_deal_id: dealId });
      if (error) throw toAppError(error);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: salesOrdersKey(orgId) }),
  });
}

/** The order made from a deal (not cancelled), for the deal's page. */
export function useDealSalesOrder(orgId: string, dealId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...salesOrdersKey(orgId), 'of-deal', dealId],
    enabled,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('sales_orders')
        .select('id, number, status')
        .eq('org_id', orgId)
        .eq('deal_id', dealId)
        .neq('status', 'cancelled')
        .limit(1);
      if (error) throw toAppError(error);
      return data[0] ?? null;
    },
  });
}
