// Price lists (a currency each; accounts may buy from one) and their prices per product and
// minimum quantity. Written by owners, admins, managers and accountants (price_lists_write).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { productsKey } from './products.ts';

export interface PriceList {
  id: string;
  name: string;
  currency: string;
  is_default: boolean;
  active: boolean;
  valid_from: string | null;
  valid_to: string | null;
}

export interface PriceListItem {
  id: string;
  price_list_id: string;
  min_quantity: number;
  unit_price: number;
}

const priceListsKey = (orgId: string) => [...productsKey(orgId), 'price-lists'] as const;

export function usePriceLists(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: priceListsKey(orgId),
    queryFn: async (): Promise<PriceList[]> => {
      const { data, error } = await supabase
        .from('price_lists')
        .select('id, name, currency, is_default, active, valid_from, valid_to')
        .eq('org_id', orgId)
        .order('active', { ascending: false })
        .order('name');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function usePriceListMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: priceListsKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: { name: string; currency: string | null }) => {
        const { error } = await supabase
          .from('price_lists')
          .insert({ org_id: orgId, name: values.name, ...(values.currency ? { currency: values.currency } : {}) });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: async ({ id, ...changes }: { id: string; name?: string; active?: boolean }) => {
        const { error } = await supabase.from('price_lists').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}

const itemsKey = (orgId: string, productId: string) => [...priceListsKey(orgId), 'items', productId] as const;

export function useProductPrices(orgId: string, productId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: itemsKey(orgId, productId),
    queryFn: async (): Promise<PriceListItem[]> => {
      const { data, error } = await supabase
        .from('price_list_items')
        .select('id, price_list_id, min_quantity, unit_price')
        .eq('org_id', orgId)
        .eq('product_id', productId)
        .order('min_quantity');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useProductPriceMutations(orgId: string, productId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: itemsKey(orgId, productId) });
  return {
    save: useMutation({
      mutationFn: async (values: { price_list_id: string; min_quantity: number; unit_price: number }) => {
        const { error } = await supabase
          .from('price_list_items')
          .upsert(
            { ...values, org_id: orgId, product_id: productId },
            { onConflict: 'price_list_id,product_id,min_quantity' },
          );
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('price_list_items').delete().eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}
