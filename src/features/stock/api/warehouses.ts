// Warehouses of the organisation: the list (active and not) and its upkeep. The first one,
// MAIN, comes with the organisation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { WarehouseValues } from '../schemas/warehouse.ts';
import { stockKey } from './stock.ts';

export interface WarehouseRow {
  id: string;
  code: string;
  name: string;
  address: string | null;
  is_default: boolean;
  active: boolean;
}

const key = (orgId: string) => [...stockKey(orgId), 'warehouse-admin'];

export function useAllWarehouses(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: key(orgId),
    queryFn: async (): Promise<WarehouseRow[]> => {
      const { data, error } = await supabase
        .from('warehouses')
        .select('id, code, name, address, is_default, active')
        .eq('org_id', orgId)
        .order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useWarehouseMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  // Every list of warehouses (stock filters, floor screen) reads them again.
  const done = () => queryClient.invalidateQueries({ queryKey: stockKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: WarehouseValues) => {
        const { error } = await supabase.from('warehouses').insert({ ...values, org_id: orgId });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: async ({ id, ...changes }: Partial<WarehouseValues> & { id: string; active?: boolean }) => {
        const { error } = await supabase.from('warehouses').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    makeDefault: useMutation({
      // One default per org (a unique index): the old one steps down first.
      mutationFn: async (id: string) => {
        const off = await supabase
          .from('warehouses')
          .update({ is_default: false })
          .eq('org_id', orgId)
          .eq('is_default', true);
        if (off.error) throw toAppError(off.error);
        const on = await supabase.from('warehouses').update({ is_default: true }).eq('org_id', orgId).eq('id', id);
        if (on.error) throw toAppError(on.error);
      },
      onSettled: done,
    }),
  };
}
