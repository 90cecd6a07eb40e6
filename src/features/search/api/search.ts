// One search over the CRM's records (accounts, contacts, deals, tickets) for the command
// palette: the RPC search_records ranks full-text prefix matches first and falls back to
// trigram similarity, under the caller's RLS.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSupabase } from '@/lib/supabase.ts';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';

export type RecordKind = 'account' | 'contact' | 'deal' | 'ticket';

export interface RecordHit {
  kind: RecordKind;
  id: string;
  title: string;
  subtitle: string;
}

/** Where each kind of record lives in the app. */
export const RECORD_PATHS: Record<RecordKind, (id: string) => string> = {
  account: (id) => `/accounts/${id}`,
  contact: (id) => `/contacts/${id}`,
  deal: (id) => `/deals/${id}`,
  ticket: (id) => `/tickets/${id}`,
};

export function useRecordSearch(orgId: string, text: string, enabled: boolean) {
  const supabase = useSupabase();
  const query = useDebouncedValue(text.trim(), 150);
  return useQuery({
    queryKey: ['search', orgId, query],
    enabled: enabled && query.length >= 2,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<RecordHit[]> => {
      const { data, error } = await supabase.rpc('search_records', { p_org_id: orgId, p_query: query, p_limit: 12 });
      if (error) throw error;
      return (data ?? []).map((row) => ({
        kind: row.kind as RecordKind,
        id: row.id,
        title: row.title,
        subtitle: row.subtitle,
      }));
    },
  });
}
