// What follows a confirmed order: deliveries and customer returns (a draft from the RPC with
// everything open, its quantities edited by the warehouse, then posted: the number, stock
// movements and postings happen in the database), and the order's invoices, read-only.
// A draft the database refuses to post stays a draft, with the quantities entered.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import type { Database } from '@/lib/database.types.ts';
import { salesOrderKey, salesOrdersKey } from './sales-orders.ts';

type Tables = Database['public']['Tables'];

export interface DocumentLine {
  id: string;
  sales_order_line_id: string;
  quantity: number;
}

export type DeliveryRow = Tables['deliveries']['Row'] & { lines: DocumentLine[] };
export type CustomerReturnRow = Tables['customer_returns']['Row'] & { lines: DocumentLine[] };
export type OrderInvoiceRow = Pick<
  Tables['invoices']['Row'],
  'id' | 'number' | 'kind' | 'status' | 'invoice_date' | 'total' | 'currency'
>;

/** What a draft delivery or return carries when it is posted (lines at 0 are left off). */
export interface DocumentQuantity {
  sales_order_line_id: string;
  quantity: number;
}

const deliveriesKey = (orgId: string, orderId: string) => [...salesOrderKey(orgId, orderId), 'deliveries'] as const;
const returnsKey = (orgId: string, orderId: string) => [...salesOrderKey(orgId, orderId), 'returns'] as const;

export function useDeliveries(orgId: string, orderId: string) {
  const supabase = useSupabase();
  useLiveRefetch('deliveries', `sales_order_id=eq.${orderId}`, salesOrderKey(orgId, orderId));
  return useQuery({
    queryKey: deliveriesKey(orgId, orderId),
    queryFn: async () => {
      const { data, error } = await supabase
        .from('deliveries')
        .select('*, lines:delivery_lines(id, sales_order_line_id, quantity)')
        .eq('org_id', orgId)
        .eq('sales_order_id', orderId)
        .order('created_at');
      if (error) throw toAppError(error);
      return data as unknown as DeliveryRow[];
    },
  });
}

export function useCustomerReturns(orgId: string, orderId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: returnsKey(orgId, orderId),
    queryFn: async () => {
      const { data, error } = await supabase
        .from('customer_returns')
        .select('*, lines:customer_return_lines(id, sales_order_line_id, quantity)')
        .eq('org_id', orgId)
        .eq('sales_order_id', orderId)
        .order('created_at');
      if (error) throw toAppError(error);
      return data as unknown as CustomerReturnRow[];
    },
  });
}

export function useOrderInvoices(orgId: string, orderId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...salesOrderKey(orgId, orderId), 'invoices'],
    enabled,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('invoices')
        .select('id, number, kind, status, invoice_date, total, currency')
        .eq('org_id', orgId)
        .eq('sales_order_id', orderId)
        .order('invoice_date')
        .order('created_at');
      if (error) throw toAppError(error);
      return data as OrderInvoiceRow[];
    },
  });
}

export function useDeliveryMutations(orgId: string, orderId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const settled = () => queryClient.invalidateQueries({ queryKey: salesOrdersKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async () => {
        const { data, error } = await supabase.rpc('create_delivery', { p_order_id: orderId });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: settled,
    }),
    /**
     * Replaces the draft's lines by the quantities entered, then posts it. A refusal leaves the
     * draft with those quantities (it can be corrected and posted again, or discarded).
     */
    post: useMutation({
      mutationFn: async ({ deliveryId, lines }: { deliveryId: string; lines: DocumentQuantity[] }) => {
        const cleared = await supabase
          .from('delivery_lines')
          .delete()
          .eq('org_id', orgId)
          .eq('delivery_id', deliveryId);
        if (cleared.error) throw toAppError(cleared.error);
        const inserted = await supabase
          .from('delivery_lines')
          .insert(lines.map((l) => ({ ...l, org_id: orgId, delivery_id: deliveryId })));
        if (inserted.error) throw toAppError(inserted.error);
        const { data, error } = await supabase.rpc('post_delivery', { p_delivery_id: deliveryId });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: settled,
    }),
    discard: useMutation({
      mutationFn: async (deliveryId: string) => {
        const { error } = await supabase.from('deliveries').delete().eq('org_id', orgId).eq('id', deliveryId);
        if (error) throw toAppError(error);
      },
      onSettled: settled,
    }),
  };
}

export function useReturnMutations(orgId: string, orderId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const settled = () => queryClient.invalidateQueries({ queryKey: salesOrdersKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async () => {
        const { data, error } = await supabase.rpc('create_customer_return', { p_order_id: orderId });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: settled,
    }),
    /** Sets the reason and the draft's lines to what was entered, then posts it. */
    post: useMutation({
      mutationFn: async ({
        returnId,
        reason,
        lines,
      }: {
        returnId: string;
        reason: string | null;
        lines: DocumentQuantity[];
      }) => {
        const header = await supabase
          .from('customer_returns')
          .update({ reason })
          .eq('org_id', orgId)
          .eq('id', returnId);
        if (header.error) throw toAppError(header.error);
        const cleared = await supabase
          .from('customer_return_lines')
          .delete()
          .eq('org_id', orgId)
          .eq('customer_return_id', returnId);
        if (cleared.error) throw toAppError(cleared.error);
        const inserted = await supabase
          .from('customer_return_lines')
          .insert(lines.map((l) => ({ ...l, org_id: orgId, customer_return_id: returnId })));
        if (inserted.error) throw toAppError(inserted.error);
        const { data, error } = await supabase.rpc('post_customer_return', { p_return_id: returnId });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: settled,
    }),
    discard: useMutation({
      mutationFn: async (returnId: string) => {
        const { error } = await supabase.from('customer_returns').delete().eq('org_id', orgId).eq('id', returnId);
        if (error) throw toAppError(error);
      },
      onSettled: settled,
    }),
  };
}
