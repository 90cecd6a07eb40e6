// What the invoicing dialogs choose from, read here so no other feature is needed: customers
// and suppliers, sales orders with something left to invoice, catalogue products with their
// price for the customer (product_price), and the bank or cash accounts money goes through.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { ilikeContains } from '@/lib/table-state.ts';
import { big } from './amounts.ts';
import { invoicingKey } from './keys.ts';

export type PartnerRole = 'customer' | 'supplier';
export interface PartnerOption {
  id: string;
  name: string;
  currency: string | null;
}

/** Customers or suppliers whose name matches `text` (the first 50 by name when blank). */
export function usePartnerOptions(orgId: string, role: PartnerRole, text: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'partners', role, text.trim()],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<PartnerOption[]> => {
      let query = supabase
        .from('accounts')
        .select('id, name, currency')
        .eq('org_id', orgId)
        .eq(role === 'customer' ? 'is_customer' : 'is_supplier', true)
        .is('archived_at', null)
        .is('merged_into', null);
      if (text.trim()) query = query.or(`name.ilike.${ilikeContains(text.trim())}`);
      const { data, error } = await query.order('name').limit(50);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export interface OrderOption {
  id: string;
  number: string | null;
  status: string;
  order_date: string;
  currency: string;
  account: { id: string; name: string } | null;
  /** Ordered, delivered and invoiced quantities summed over the lines (for the choice's description). */
  ordered: string;
  delivered: string;
  invoiced: string;
}

/** Confirmed (or partly or fully delivered) orders that still have something not invoiced. */
export function useOrdersToInvoice(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'orders-to-invoice'],
    queryFn: async (): Promise<OrderOption[]> => {
      const { data, error } = await supabase
        .from('sales_orders')
        .select(
          'id, number, status, order_date, currency, account:accounts(id, name), lines:sales_order_lines(quantity, delivered_quantity, invoiced_quantity)',
        )
        .eq('org_id', orgId)
        .in('status', ['confirmed', 'partially_delivered', 'delivered'])
        .order('order_date', { ascending: false })
        .order('number', { ascending: false })
        .limit(200);
      if (error) throw toAppError(error);
      const rows = data as unknown as (Omit<OrderOption, 'ordered' | 'delivered' | 'invoiced'> & {
        lines: { quantity: number; delivered_quantity: number; invoiced_quantity: number }[];
      })[];
      return rows
        .filter((o) => o.lines.some((l) => big(l.invoiced_quantity).lt(big(l.quantity))))
        .map(({ lines, ...o }) => ({
          ...o,
          ordered: lines.reduce((s, l) => s.plus(big(l.quantity)), big(0)).toString(),
          delivered: lines.reduce((s, l) => s.plus(big(l.delivered_quantity)), big(0)).toString(),
          invoiced: lines.reduce((s, l) => s.plus(big(l.invoiced_quantity)), big(0)).toString(),
        }));
    },
  });
}

export interface ProductOption {
  id: string;
  sku: string;
  name: string;
  uom: string;
}

export function useProductOptions(orgId: string, text: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'products', text.trim()],
    enabled: text.trim().length > 0,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<ProductOption[]> => {
      const p = ilikeContains(text.trim());
      const { data, error } = await supabase
        .from('products')
        .select('id, sku, name, uom')
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

/** The product's price for the customer (their price list, else the default list, else its sale price). */
export async function fetchProductPrice(
  supabase: SupabaseClient,
  orgId: string,
  productId: string,
  accountId: string | null,
  quantity: string,
): Promise<ProductPrice | null> {
  const { data, error } = await supabase.rpc('product_price', {
    p_org_id: orgId,
    p_product_id: productId,
    ...(accountId ? { p_account_id: accountId } : {}),
    p_quantity: quantity as unknown as number,
  });
  if (error) throw toAppError(error);
  return (data as ProductPrice[])[0] ?? null;
}

export interface BankAccount {
  id: string;
  code: string;
  name: string;
  role: string | null;
}

/**
 * Active asset accounts money can go through: the bank (role) and other reconcilable asset accounts
 * without an automatic role (further bank or cash accounts), not equipment or the receivable.
 */
export function useBankAccounts(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'bank-accounts'],
    queryFn: async (): Promise<BankAccount[]> => {
      const { data, error } = await supabase
        .from('gl_accounts')
        .select('id, code, name, role')
        .eq('org_id', orgId)
        .eq('type', 'asset')
        .eq('active', true)
        .or('role.eq.bank,and(role.is.null,reconcilable.is.true)')
        .order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** One account's name and currency (a picker's current value may not be among its search results). */
export function usePartner(orgId: string, id: string | null | undefined) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'partner', id],
    enabled: !!id,
    queryFn: async (): Promise<PartnerOption | null> => {
      const { data, error } = await supabase
        .from('accounts')
        .select('id, name, currency')
        .eq('org_id', orgId)
        .eq('id', id!)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data;
    },
  });
}
