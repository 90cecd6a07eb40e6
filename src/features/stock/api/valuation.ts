// The stock valuation report: quantity and value per product, now or as of a moment, for the
// org or one warehouse (computed by the database: daily balances plus that day's ledger).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { stockKey } from './stock.ts';

export interface ValuationLine {
  product_id: string;
  sku: string;
  name: string;
  uom: string;
  quantity: number;
  value: number;
}

export function useStockValuation(orgId: string, asOf: string | null, warehouseId: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...stockKey(orgId), 'valuation', asOf, warehouseId],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<ValuationLine[]> => {
      const { data, error } = await supabase.rpc('stock_valuation', {
        p_org_id: orgId,
        ...(asOf ? { p_as_of: asOf } : {}),
        ...(warehouseId ? { p_warehouse_id: warehouseId } : {}),
      });
      if (error) throw toAppError(error);
      return data as ValuationLine[];
    },
  });
}
