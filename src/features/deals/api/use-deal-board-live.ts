// Keeps a board live over one Realtime channel per org (joined at once, while the board loads,
// so no change slips between the read and the subscription):
// - postgres_changes on deals of the org are applied to the react-query cache (no refetch),
// - presence says who is looking at the board,
// - broadcast says which card someone is dragging right now.
// After a reconnect the board is refetched, since events may have been missed meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { RealtimeChannel, RealtimePostgresChangesPayload } from '@supabase/supabase-js';
import { useSupabase } from '@/lib/supabase.ts';
import { applyRemoteChange, type BoardData, type BoardDeal, type RemoteChange } from './board-state.ts';

export interface BoardViewer {
  userId: string;
  name: string | null;
  avatarPath: string | null;
}

export interface DragSignal {
  dealId: string;
  userId: string;
  name: string | null;
}

export type LiveStatus = 'connecting' | 'live' | 'offline';

function toChange(payload: RealtimePostgresChangesPayload<Record<string, unknown>>): RemoteChange | undefined {
  if (payload.eventType === 'DELETE') {
    const id = (payload.old as { id?: string }).id;
    return id ? { eventType: 'DELETE', old: { id } } : undefined;
  }
  return { eventType: payload.eventType, new: payload.new as unknown as BoardDeal };
}

/** `boardKey` is the react-query key the board's cards are cached under. */
export function useDealBoardLive(orgId: string, boardKey: readonly unknown[], me: BoardViewer) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<BoardViewer[]>([]);
  const [dragging, setDragging] = useState<Record<string, DragSignal>>({});
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const channelRef = useRef<RealtimeChannel | null>(null);
  const { userId, name, avatarPath } = me;

  useEffect(() => {
    const key = boardKey;
    let subscribedBefore = false;
    const subscribedAt = Date.now();
    const channel = supabase.channel(`deal-board:${orgId}`, {
      config: { presence: { key: userId }, broadcast: { self: false } },
    });
    channel
      .on(
        'postgres_changes',
        { event: '*', schema: 'public', table: 'deals', filter: `org_id=eq.${orgId}` },
        (payload) => {
          const change = toChange(payload);
          if (!change) return;
          queryClient.setQueryData<BoardData>(key, (board) => (board ? applyRemoteChange(board, change) : board));
        },
      )
      .on('presence', { event: 'sync' }, () => {
        const state = channel.presenceState<BoardViewer>();
        const seen = new Map<string, BoardViewer>();
        for (const entries of Object.values(state)) {
          for (const entry of entries)
            if (entry.userId)
              seen.set(entry.userId, { userId: entry.userId, name: entry.name, avatarPath: entry.avatarPath });
        }
        setViewers([...seen.values()]);
        // A card stays marked only while its dragger is still here.
        setDragging((current) => Object.fromEntries(Object.entries(current).filter(([, s]) => seen.has(s.userId))));
      })
      .on('broadcast', { event: 'dragging' }, ({ payload }) => {
        const signal = payload as DragSignal;
        setDragging((current) => {
          const next = Object.fromEntries(Object.entries(current).filter(([, s]) => s.userId !== signal.userId));
          next[signal.dealId] = signal;
          return next;
        });
      })
      .on('broadcast', { event: 'drag-end' }, ({ payload }) => {
        const { userId: who } = payload as { userId: string };
        setDragging((current) => Object.fromEntries(Object.entries(current).filter(([, s]) => s.userId !== who)));
      })
      .subscribe((state) => {
        if (state === 'SUBSCRIBED') {
          setStatus('live');
          // Events may have been missed while disconnected (or before the first subscription took).
          const fetchedAt = queryClient.getQueryState(key)?.dataUpdatedAt ?? 0;
          if (subscribedBefore || (fetchedAt > 0 && fetchedAt < subscribedAt))
            void queryClient.invalidateQueries({ queryKey: key });
          subscribedBefore = true;
        } else if (state === 'CHANNEL_ERROR' || state === 'TIMED_OUT' || state === 'CLOSED') {
          setStatus('offline');
        }
      });
    channelRef.current = channel;
    return () => {
      channelRef.current = null;
      void supabase.removeChannel(channel);
      setViewers([]);
      setDragging({});
      setStatus('connecting');
    };
  }, [supabase, queryClient, orgId, boardKey, userId]);

  // Announced once live, and again when my name or avatar arrives (my profile may load after the board).
  useEffect(() => {
    if (status === 'live') void channelRef.current?.track({ userId, name, avatarPath });
  }, [status, userId, name, avatarPath]);

  /** Tells the others which card this user is dragging (null when the drag ends). */
  const signalDrag = useCallback(
    (dealId: string | null) => {
      const channel = channelRef.current;
      if (!channel) return;
      void channel.send(
        dealId
          ? { type: 'broadcast', event: 'dragging', payload: { dealId, userId, name } satisfies DragSignal }
          : { type: 'broadcast', event: 'drag-end', payload: { userId } },
      );
    },
    [userId, name],
  );

  return { viewers, dragging, status, signalDrag };
}
