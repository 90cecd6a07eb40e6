// Purchase orders: the list (filters, live), one order with its lines, receipts and bills,
// header and line edits while it is a draft, and the status moves (confirm, cancel), which
// the database makes through its RPCs (numbers are taken there).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import type { PoHeaderValues, PoLinesValues } from '../schemas/purchase-order.ts';

type Tables = Database['public']['Tables'];
export type PurchaseOrderStatus = Database['public']['Enums']['purchase_order_status'];
export type DocumentStatus = Database['public']['Enums']['document_status'];

export const purchasingKey = (orgId: string) => [...orgKey(orgId), 'purchasing'] as const;
export const purchaseOrderKey = (orgId: string, id: string) => [...purchasingKey(orgId), 'record', id] as const;

export type PoFilter = 'status' | 'supplier';
export const PO_SORTABLE = ['order_date', 'expected_date', 'number', 'created_at'] as const;

/** What the list needs of each line to show the total and how much has arrived. */
export type PoLineSummary = Pick<
  Tables['purchase_order_lines']['Row'],
  'quantity' | 'received_quantity' | 'net_amount' | 'tax_rate'
>;

export type PurchaseOrderRow = Tables['purchase_orders']['Row'] & {
  supplier: { id: string; name: string } | null;
  warehouse: { id: string; code: string; name: string } | null;
  lines: PoLineSummary[];
};

export type PurchaseOrderLine = Tables['purchase_order_lines']['Row'] & {
  product: { id: string; sku: string; name: string; uom: string; kind: string } | null;
};

export type PurchaseOrderRecord = Tables['purchase_orders']['Row'] & {
  supplier: { id: string; name: string } | null;
  warehouse: { id: string; code: string; name: string } | null;
  lines: PurchaseOrderLine[];
};

export type GoodsReceiptRow = Tables['goods_receipts']['Row'] & {
  lines: { purchase_order_line_id: string; quantity: number }[];
};

export type VendorBillRow = Tables['vendor_bills']['Row'] & {
  lines: { purchase_order_line_id: string | null; quantity: number; net_amount: number; tax_amount: number }[];
};

const LIST_COLUMNS =
  '*, supplier:accounts(id, name), warehouse:warehouses(id, code, name), lines:purchase_order_lines(quantity, received_quantity, net_amount, tax_rate)';
const RECORD_COLUMNS =
  '*, supplier:accounts(id, name), warehouse:warehouses(id, code, name), lines:purchase_order_lines(*, product:products(id, sku, name, uom, kind))';

/** Statuses of orders still waiting for goods. */
export const OPEN_STATUSES: PurchaseOrderStatus[] = ['sent', 'partially_received'];

export async function fetchPurchaseOrders(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<PoFilter>,
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: PurchaseOrderRow[]; count: number }> {
  let query = supabase.from('purchase_orders').select(LIST_COLUMNS, { count: 'exact' }).eq('org_id', orgId);
  const f = state.filters;
  if (f.status === 'open') query = query.in('status', OPEN_STATUSES);
  else if (f.status) query = query.eq('status', f.status as PurchaseOrderStatus);
  if (f.supplier) query = query.eq('supplier_id', f.supplier);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof PO_SORTABLE)[number], { ascending: !rule.desc, nullsFirst: false });
  query = query.order('created_at', { ascending: false }).order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as PurchaseOrderRow[], count: count ?? data.length };
}

export function usePurchaseOrders(orgId: string, state: ServerTableState<PoFilter>) {
  const supabase = useSupabase();
  useLiveRefetch('purchase_orders', `org_id=eq.${orgId}`, purchasingKey(orgId));
  return useQuery({
    queryKey: [...purchasingKey(orgId), 'list', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchPurchaseOrders(supabase, orgId, state),
  });
}

export function usePurchaseOrder(orgId: string, id: string) {
  const supabase = useSupabase();
  useLiveRefetch('purchase_orders', `id=eq.${id}`, purchaseOrderKey(orgId, id));
  return useQuery({
    queryKey: purchaseOrderKey(orgId, id),
    queryFn: async () => {
      const { data, error } = await supabase
        .from('purchase_orders')
        .select(RECORD_COLUMNS)
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      if (!data) return null;
      const record = data as unknown as PurchaseOrderRecord;
      record.lines.sort((a, b) => a.position - b.position || a.created_at.localeCompare(b.created_at));
      return record;
    },
  });
}

export function useGoodsReceipts(orgId: string, poId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...purchaseOrderKey(orgId, poId), 'receipts'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('goods_receipts')
        .select('*, lines:goods_receipt_lines(purchase_order_line_id, quantity)')
        .eq('org_id', orgId)
        .eq('purchase_order_id', poId)
        .order('created_at');
      if (error) throw toAppError(error);
      return data as unknown as GoodsReceiptRow[];
    },
  });
}

export function useVendorBills(orgId: string, poId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...purchaseOrderKey(orgId, poId), 'bills'],
    enabled,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('vendor_bills')
        .select('*, lines:vendor_bill_lines(purchase_order_line_id, quantity, net_amount, tax_amount)')
        .eq('org_id', orgId)
        .eq('purchase_order_id', poId)
        .order('created_at');
      if (error) throw toAppError(error);
      return data as unknown as VendorBillRow[];
    },
  });
}

/** Suppliers, warehouses and products to choose from (read here, so no other feature is needed). */
export function useSupplierChoices(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...purchasingKey(orgId), 'supplier-choices'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('accounts')
        .select('id, name, currency')
        .eq('org_id', orgId)
        .eq('is_supplier', true)
        .is('archived_at', null)
        .is('merged_into', null)
        .order('name')
        .limit(1000);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useWarehouseChoices(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...purchasingKey(orgId), 'warehouse-choices'],
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

export type ProductChoice = { id: string; sku: string; name: string; uom: string; cost: number };

export function useProductChoices(orgId: string, enabled = true) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...purchasingKey(orgId), 'product-choices'],
    enabled,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('products')
        .select('id, sku, name, uom, cost')
        .eq('org_id', orgId)
        .eq('active', true)
        .is('archived_at', null)
        .order('name')
        .limit(1000);
      if (error) throw toAppError(error);
      return data as ProductChoice[];
    },
  });
}

export interface NewPurchaseOrder {
  supplier_id: string;
  warehouse_id: string;
  expected_date: string | null;
}

export function usePurchaseOrderMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: purchasingKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: NewPurchaseOrder) => {
        const { data, error } = await supabase
          .from('purchase_orders')
          .insert({ ...values, org_id: orgId })
          .select('id')
          .single();
        if (error) throw toAppError(error);
        return data.id;
      },
      onSuccess: done,
    }),
    updateHeader: useMutation({
      mutationFn: async ({ id, ...changes }: PoHeaderValues & { id: string }) => {
        const { error } = await supabase.from('purchase_orders').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    saveLines: useMutation({
      mutationFn: async ({
        poId,
        lines,
        deletes,
      }: {
        poId: string;
        lines: PoLinesValues['lines'];
        deletes: string[];
      }) => {
        if (deletes.length) {
          const { error } = await supabase.from('purchase_order_lines').delete().eq('org_id', orgId).in('id', deletes);
          if (error) throw toAppError(error);
        }
        for (const [position, { id, ...line }] of lines.entries()) {
          const row = { ...line, position, org_id: orgId, purchase_order_id: poId };
          const { error } = id
            ? await supabase.from('purchase_order_lines').update(row).eq('org_id', orgId).eq('id', id)
            : await supabase.from('purchase_order_lines').insert(row);
          if (error) throw toAppError(error);
        }
      },
      onSuccess: done,
    }),
    confirm: useMutation({
      mutationFn: async (poId: string) => {
        const { data, error } = await supabase.rpc('confirm_purchase_order', { p_po_id: poId });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    cancel: useMutation({
      mutationFn: async (poId: string) => {
        const { data, error } = await supabase.rpc('cancel_purchase_order', { p_po_id: poId });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: async (poId: string) => {
        const { error } = await supabase.from('purchase_orders').delete().eq('org_id', orgId).eq('id', poId);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}

/**
 * Receiving: a draft receipt from the RPC (everything open), its lines replaced by what
 * actually arrived, then posted (stock movements, moving-average cost, the PO's status).
 * If any step fails the draft is removed, so nothing half-done is left behind.
 */
export function useReceiveGoods(orgId: string, poId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      lines,
      receivedDate,
      supplierReference,
    }: {
      lines: { purchase_order_line_id: string; quantity: number }[];
      receivedDate: string;
      supplierReference: string | null;
    }) => {
      const created = await supabase.rpc('create_goods_receipt', { p_po_id: poId });
      if (created.error) throw toAppError(created.error);
      const receiptId = created.data.id;
      try {
        const header = await supabase
          .from('goods_receipts')
          .update({ received_date: receivedDate, supplier_reference: supplierReference })
          .eq('org_id', orgId)
          .eq('id', receiptId);
        if (header.error) throw toAppError(header.error);
        const cleared = await supabase
          .from('goods_receipt_lines')
          .delete()
          .eq('org_id', orgId)
          .eq('goods_receipt_id', receiptId);
        if (cleared.error) throw toAppError(cleared.error);
        const inserted = await supabase
          .from('goods_receipt_lines')
          .insert(lines.map((l) => ({ ...l, org_id: orgId, goods_receipt_id: receiptId })));
        if (inserted.error) throw toAppError(inserted.error);
        const posted = await supabase.rpc('post_goods_receipt', { p_receipt_id: receiptId });
        if (posted.error) throw toAppError(posted.error);
        return posted.data;
      } catch (error) {
        await supabase.from('goods_receipts').delete().eq('org_id', orgId).eq('id', receiptId);
        throw error;
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: purchasingKey(orgId) }),
  });
}

export interface BillInput {
  supplierId: string;
  currency: string;
  exchangeRate: number;
  supplierInvoiceNumber: string;
  billDate: string;
  dueDate: string | null;
  lines: {
    purchase_order_line_id: string;
    product_id: string;
    description: string;
    quantity: number;
    unit_price: number;
    tax_rate: number;
  }[];
}

/** A vendor bill matched to the PO's lines, posted at once; a refused draft is removed again. */
export function useEnterBill(orgId: string, poId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: BillInput) => {
      const created = await supabase
        .from('vendor_bills')
        .insert({
          org_id: orgId,
          supplier_id: input.supplierId,
          purchase_order_id: poId,
          supplier_invoice_number: input.supplierInvoiceNumber,
          bill_date: input.billDate,
          due_date: input.dueDate,
          currency: input.currency,
          exchange_rate: input.exchangeRate,
        })
        .select('id')
        .single();
      if (created.error) throw toAppError(created.error);
      const billId = created.data.id;
      try {
        const lines = await supabase
          .from('vendor_bill_lines')
          .insert(input.lines.map((l) => ({ ...l, org_id: orgId, vendor_bill_id: billId })));
        if (lines.error) throw toAppError(lines.error);
        const posted = await supabase.rpc('post_vendor_bill', { p_bill_id: billId });
        if (posted.error) throw toAppError(posted.error);
        return posted.data;
      } catch (error) {
        await supabase.from('vendor_bills').delete().eq('org_id', orgId).eq('id', billId);
        throw error;
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: purchasingKey(orgId) }),
  });
}
