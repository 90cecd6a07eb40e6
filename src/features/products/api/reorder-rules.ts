// Reorder rules: per product and warehouse, the point at which stock is reordered and how much.
// Written by owners, admins and warehouse staff (reorder_rules_write); read by every member.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { productsKey } from './products.ts';

export interface ReorderRule {
  id: string;
  warehouse_id: string;
  reorder_point: number;
  reorder_quantity: number;
}

const rulesKey = (orgId: string, productId: string) => [...productsKey(orgId), 'reorder-rules', productId] as const;

export function useReorderRules(orgId: string, productId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: rulesKey(orgId, productId),
    queryFn: async (): Promise<ReorderRule[]> => {
      const { data, error } = await supabase
        .from('reorder_rules')
        .select('id, warehouse_id, reorder_point, reorder_quantity')
        .eq('org_id', orgId)
        .eq('product_id', productId);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useReorderRuleMutations(orgId: string, productId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: rulesKey(orgId, productId) });
  return {
    save: useMutation({
      mutationFn: async (values: { warehouse_id: string; reorder_point: number; reorder_quantity: number }) => {
        const { error } = await supabase
          .from('reorder_rules')
          .upsert({ ...values, org_id: orgId, product_id: productId }, { onConflict: 'product_id,warehouse_id' });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('reorder_rules').delete().eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}
