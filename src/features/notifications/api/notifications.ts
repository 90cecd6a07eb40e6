// In-app notifications of the signed-in user in the current organisation: the latest 30 with the
// unread count, kept live over Realtime (no polling), and marking them read (optimistically).
// The database writes them (private.notify); a user can only read theirs and set read_at.
import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { RealtimePostgresChangesPayload } from '@supabase/supabase-js';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { Database } from '@/lib/database.types.ts';

type NotificationRow = Database['public']['Tables']['notifications']['Row'];
export type AppNotification = Pick<
  NotificationRow,
  'id' | 'org_id' | 'kind' | 'title' | 'body' | 'link' | 'read_at' | 'created_at'
>;

export interface NotificationsData {
  items: AppNotification[];
  /** Unread notifications in the organisation, also those older than the latest 30. */
  unread: number;
}

export const NOTIFICATIONS_LIMIT = 30;
const COLUMNS = 'id, org_id, kind, title, body, link, read_at, created_at';

export const notificationsKey = (orgId: string, userId: string) => [...orgKey(orgId), 'notifications', userId] as const;

/** Only links inside the app are followed ("/my-day"), never another site ("//evil.example", "https:…"). */
export function inAppLink(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}

export function useNotifications(orgId: string, userId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: notificationsKey(orgId, userId),
    queryFn: async (): Promise<NotificationsData> => {
      const [list, unread] = await Promise.all([
        supabase
          .from('notifications')
          .select(COLUMNS)
          .eq('org_id', orgId)
          .eq('user_id', userId)
          .order('created_at', { ascending: false })
          .limit(NOTIFICATIONS_LIMIT),
        supabase
          .from('notifications')
          .select('id', { count: 'exact', head: true })
          .eq('org_id', orgId)
          .eq('user_id', userId)
          .is('read_at', null),
      ]);
      if (list.error) throw toAppError(list.error);
      if (unread.error) throw toAppError(unread.error);
      return { items: list.data, unread: unread.count ?? list.data.filter((n) => !n.read_at).length };
    },
  });
}

function applyInsert(data: NotificationsData, row: AppNotification): NotificationsData {
  if (data.items.some((item) => item.id === row.id)) return data;
  const items = [row, ...data.items]
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .slice(0, NOTIFICATIONS_LIMIT);
  return { items, unread: data.unread + (row.read_at ? 0 : 1) };
}

/** Applies a change to a cached row; undefined when the row is not cached (its old state is unknown). */
function applyUpdate(data: NotificationsData, row: AppNotification): NotificationsData | undefined {
  const before = data.items.find((item) => item.id === row.id);
  if (!before) return undefined;
  const delta = (before.read_at ? 0 : 1) - (row.read_at ? 0 : 1);
  return {
    items: data.items.map((item) => (item.id === row.id ? { ...item, ...row } : item)),
    unread: Math.max(0, data.unread - delta),
  };
}

function pick(row: Partial<NotificationRow>): AppNotification | null {
  if (!row.id || !row.org_id || !row.title || !row.created_at) return null;
  return {
    id: row.id,
    org_id: row.org_id,
    kind: row.kind ?? '',
    title: row.title,
    body: row.body ?? null,
    link: row.link ?? null,
    read_at: row.read_at ?? null,
    created_at: row.created_at,
  };
}

/**
 * Keeps the notifications live: one Realtime channel on the user's rows (INSERT and UPDATE) whose
 * events are applied to the cache. `onArrive` hears each new notification of this organisation.
 * Mount once per page (the app shell does), not once per bell.
 */
export function useNotificationsRealtime(
  orgId: string,
  userId: string,
  onArrive?: (notification: AppNotification) => void,
) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const onArriveRef = useRef(onArrive);
  useEffect(() => {
    onArriveRef.current = onArrive;
  }, [onArrive]);

  useEffect(() => {
    const key = notificationsKey(orgId, userId);
    const subscribedAt = Date.now();
    let subscribedBefore = false;
    const handle = (payload: RealtimePostgresChangesPayload<NotificationRow>) => {
      const row = pick(payload.new as Partial<NotificationRow>);
      if (!row) return;
      // The channel hears the user's rows in every organisation; others are refetched when opened.
      if (row.org_id !== orgId) {
        void queryClient.invalidateQueries({ queryKey: notificationsKey(row.org_id, userId) });
        return;
      }
      if (payload.eventType === 'INSERT') {
        const cached = queryClient.getQueryData<NotificationsData>(key);
        if (cached) queryClient.setQueryData<NotificationsData>(key, applyInsert(cached, row));
        else void queryClient.invalidateQueries({ queryKey: key });
        onArriveRef.current?.(row);
      } else if (payload.eventType === 'UPDATE') {
        const cached = queryClient.getQueryData<NotificationsData>(key);
        const next = cached && applyUpdate(cached, row);
        if (next) queryClient.setQueryData<NotificationsData>(key, next);
        else void invalidateNotifications(queryClient, key);
      }
    };
    const channel = supabase
      .channel(`notifications:${userId}:${orgId}`)
      .on(
        'postgres_changes',
        { event: 'INSERT', schema: 'public', table: 'notifications', filter: `user_id=eq.${userId}` },
        handle,
      )
      .on(
        'postgres_changes',
        { event: 'UPDATE', schema: 'public', table: 'notifications', filter: `user_id=eq.${userId}` },
        handle,
      )
      .subscribe((state) => {
        if (state !== 'SUBSCRIBED') return;
        // Events may have been missed while disconnected, or between the first fetch and the subscription.
        const fetchedAt = queryClient.getQueryState(key)?.dataUpdatedAt ?? 0;
        if (subscribedBefore || (fetchedAt > 0 && fetchedAt < subscribedAt))
          void invalidateNotifications(queryClient, key);
        subscribedBefore = true;
      });
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [supabase, queryClient, orgId, userId]);
}

function invalidateNotifications(queryClient: QueryClient, key: readonly unknown[]) {
  // A mark-read in flight corrects the cache when it settles; refetching now could undo its optimistic change.
  if (queryClient.isMutating({ mutationKey: key }) > 0) return;
  return queryClient.invalidateQueries({ queryKey: key });
}

/** Marking one or all notifications read, with the cache updated before the server answers. */
export function useNotificationMutations(orgId: string, userId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const key = notificationsKey(orgId, userId);

  const optimistic = async (change: (data: NotificationsData, readAt: string) => NotificationsData) => {
    await queryClient.cancelQueries({ queryKey: key });
    const previous = queryClient.getQueryData<NotificationsData>(key);
    const readAt = new Date().toISOString();
    if (previous) queryClient.setQueryData<NotificationsData>(key, change(previous, readAt));
    return { previous, readAt };
  };
  const rollback = (_error: unknown, _vars: unknown, context: { previous?: NotificationsData } | undefined) => {
    if (context?.previous) queryClient.setQueryData(key, context.previous);
  };
  const settle = () => {
    // The last of several quick mark-reads refetches; earlier ones would overwrite later optimistic changes.
    if (queryClient.isMutating({ mutationKey: key }) === 1) void queryClient.invalidateQueries({ queryKey: key });
  };

  return {
    markRead: useMutation({
      mutationKey: key,
      onMutate: ({ id }: { id: string }) =>
        optimistic((data, readAt) => {
          const target = data.items.find((item) => item.id === id);
          if (!target || target.read_at) return data;
          return {
            items: data.items.map((item) => (item.id === id ? { ...item, read_at: readAt } : item)),
            unread: Math.max(0, data.unread - 1),
          };
        }),
      mutationFn: async ({ id }: { id: string }) => {
        const { error } = await supabase
          .from('notifications')
          .update({ read_at: new Date().toISOString() })
          .eq('org_id', orgId)
          .eq('id', id)
          .is('read_at', null);
        if (error) throw toAppError(error);
      },
      onError: rollback,
      onSettled: settle,
    }),
    markAllRead: useMutation({
      mutationKey: key,
      onMutate: () =>
        optimistic((data, readAt) => ({
          items: data.items.map((item) => (item.read_at ? item : { ...item, read_at: readAt })),
          unread: 0,
        })),
      mutationFn: async () => {
        const { error } = await supabase
          .from('notifications')
          .update({ read_at: new Date().toISOString() })
          .eq('org_id', orgId)
          .eq('user_id', userId)
          .is('read_at', null);
        if (error) throw toAppError(error);
      },
      onError: rollback,
      onSettled: settle,
    }),
  };
}
