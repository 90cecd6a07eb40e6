// Lists that follow the database: any insert, update or delete of the table's rows that match
// `filter` (a Realtime filter such as `org_id=eq.<id>`) marks the queries under `queryKey`
// stale, and react-query refetches the ones on screen. For lists where a refetch is cheap; the
// deal board applies events to its cache instead.
import { useEffect, useId } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSupabase } from '@/lib/supabase.ts';

export function useLiveRefetch(table: string, filter: string, queryKey: readonly unknown[]) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  // The key's parts are primitives; joined, they make a stable dependency.
  const keyText = JSON.stringify(queryKey);
  // One channel per hook: two lists watching the same rows must not share (and re-bind) a channel.
  const instance = useId();
  useEffect(() => {
    const key = JSON.parse(keyText) as unknown[];
    const channel = supabase
      .channel(`live:${table}:${filter}:${instance}`)
      .on('postgres_changes', { event: '*', schema: 'public', table, filter }, () => {
        void queryClient.invalidateQueries({ queryKey: key });
      })
      .subscribe();
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [supabase, queryClient, table, filter, keyText, instance]);
}
