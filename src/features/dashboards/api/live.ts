// Dashboards follow the database: one Realtime channel per dashboard listens to the org's changes
// on the tables that feed it, and marks every dashboard query of the org stale, so the ones on
// screen read again. A burst of changes (an order confirmed touches the order, its stock levels
// and the deal) costs one refetch: the invalidation waits until changes have been quiet for
// QUIET_MS, but never longer than MAX_WAIT_MS after the first one. After a reconnect (events may
// have been missed) it refetches too. No polling (DESIGN.md section 4).
//
// The channel opens once the dashboard has figures to keep current (a dashboard whose RPCs all
// fail holds no channel open). Figures cached from an earlier visit are read again once it is
// subscribed, as useLiveStock does.
import { useEffect, useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSupabase } from '@/lib/supabase.ts';
import { dashboardKey } from './kpis.ts';

/** Tables in the supabase_realtime publication that dashboard figures are computed from. */
export type LiveTable =
  | 'deals'
  | 'leads'
  | 'tickets'
  | 'invoices'
  | 'payments'
  | 'sales_orders'
  | 'deliveries'
  | 'stock_levels'
  | 'goods_receipts'
  | 'sales_targets';

export const QUIET_MS = 750;
export const MAX_WAIT_MS = 2000;

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * A trailing debounce with a maximum wait: `run` happens QUIET_MS after the last `poke`, or
 * MAX_WAIT_MS after the first poke of a burst, whichever comes first.
 */
export function debounceWithMaxWait(run: () => void, quietMs = QUIET_MS, maxWaitMs = MAX_WAIT_MS) {
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

/** `hasFigures`: some of the dashboard's figures have been read (the channel opens from then on). */
export function useDashboardLive(orgId: string, tables: readonly LiveTable[], hasFigures: boolean): LiveState {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const instance = useId();
  const [state, setState] = useState<LiveState>('connecting');
  const [mountedAt] = useState(() => Date.now());
  // Once open, the channel stays open while the period or filters change.
  const [open, setOpen] = useState(hasFigures);
  if (hasFigures && !open) setOpen(true);
  const tablesText = [...new Set(tables)].sort().join(',');

  useEffect(() => {
    if (!open) return;
    const key = dashboardKey(orgId);
    const refetch = debounceWithMaxWait(() => void queryClient.invalidateQueries({ queryKey: key }));
    let subscribedBefore = false;
    let disposed = false;
    let channel = supabase.channel(`dashboard:${orgId}:${instance}`);
    for (const table of tablesText.split(',').filter(Boolean)) {
      channel = channel.on(
        'postgres_changes',
        { event: '*', schema: 'public', table, filter: `org_id=eq.${orgId}` },
        () => refetch.poke(),
      );
    }
    channel.subscribe((status) => {
      if (disposed) return;
      if (status === 'SUBSCRIBED') {
        setState('live');
        // Changes may have been missed while disconnected, or since figures cached before this
        // dashboard opened were read: read again (once, through the same debounce).
        const readBefore = queryClient
          .getQueryCache()
          .findAll({ queryKey: key })
          .some((q) => q.state.dataUpdatedAt > 0 && q.state.dataUpdatedAt < mountedAt);
        if (subscribedBefore || readBefore) refetch.poke();
        subscribedBefore = true;
      } else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT' || status === 'CLOSED') {
        setState('offline');
      }
    });
    return () => {
      disposed = true;
      refetch.cancel();
      void supabase.removeChannel(channel);
    };
  }, [supabase, queryClient, orgId, tablesText, instance, open, mountedAt]);

  return state;
}
