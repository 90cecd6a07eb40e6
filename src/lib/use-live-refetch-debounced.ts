// A page that follows several tables at once (a project page: its time, expenses, invoices and
// the project itself): one Realtime channel with a postgres_changes binding per table, and a
// burst of changes costs one refetch of the queries under `queryKey`. The invalidation waits
// until changes have been quiet for `quietMs`, but never longer than `maxWaitMs` after the first
// one. After a reconnect (events may have been missed) it refetches too. No polling.
import { useEffect, useId } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSupabase } from '@/lib/supabase.ts';

export interface LiveBinding {
  table: string;
  /** A Realtime filter such as `project_id=eq.<id>`. */
  filter: string;
}

/**
 * A trailing debounce with a maximum wait: `run` happens `quietMs` after the last `poke`, or
 * `maxWaitMs` after the first poke of a burst, whichever comes first.
 */
export function debounced(run: () => void, quietMs: number, maxWaitMs: number) {
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let max: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    clearTimeout(quiet);
    clearTimeout(max);
    quiet = undefined;
    max = undefined;
    run();
  };
  return {
    poke() {
      clearTimeout(quiet);
      quiet = setTimeout(fire, quietMs);
      max ??= setTimeout(fire, maxWaitMs);
    },
    cancel() {
      clearTimeout(quiet);
      clearTimeout(max);
      quiet = undefined;
      max = undefined;
    },
  };
}

export function useDebouncedLiveRefetch(
  name: string,
  bindings: readonly LiveBinding[],
  queryKey: readonly unknown[],
  { quietMs = 400, maxWaitMs = 1500 }: { quietMs?: number; maxWaitMs?: number } = {},
) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const instance = useId();
  // Primitives joined into stable dependencies.
  const keyText = JSON.stringify(queryKey);
  const bindingsText = JSON.stringify(bindings.map((b) => [b.table, b.filter]));
  useEffect(() => {
    const key = JSON.parse(keyText) as unknown[];
    const refetch = debounced(() => void queryClient.invalidateQueries({ queryKey: key }), quietMs, maxWaitMs);
    let channel = supabase.channel(`live:${name}:${instance}`);
    for (const [table, filter] of JSON.parse(bindingsText) as [string, string][]) {
      channel = channel.on('postgres_changes', { event: '*', schema: 'public', table, filter }, () => refetch.poke());
    }
    let subscribedBefore = false;
    let disposed = false;
    channel.subscribe((status) => {
      if (disposed || status !== 'SUBSCRIBED') return;
      if (subscribedBefore) refetch.poke();
      subscribedBefore = true;
    });
    return () => {
      disposed = true;
      refetch.cancel();
      void supabase.removeChannel(channel);
    };
  }, [supabase, queryClient, name, bindingsText, keyText, instance, quietMs, maxWaitMs]);
}
