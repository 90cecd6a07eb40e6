import { BellOff } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { useNow } from '@/lib/use-now.ts';
import type { AppNotification, NotificationsData } from '../api/notifications.ts';
import { NotificationItem } from './notification-item.tsx';

interface NotificationListProps {
  data: NotificationsData | undefined;
  error: unknown;
  isPending: boolean;
  refetching: boolean;
  onRetry(): void;
  onSelect(notification: AppNotification): void;
}

/** The latest notifications, newest first, or why there are none to show. */
export function NotificationList({ data, error, isPending, refetching, onRetry, onSelect }: NotificationListProps) {
  // "2 minutes ago" moves on while the list is open.
  useNow(30_000);
  if (isPending) return <LoadingState label="Loading notifications…" className="py-8" />;
  if (!data)
    return (
      <ErrorState
        title="Could not load notifications"
        error={error}
        onRetry={onRetry}
        retrying={refetching}
        className="py-8"
      />
    );
  if (data.items.length === 0) {
    return (
      <EmptyState
        title="You're all caught up"
        description="New notifications will appear here."
        icon={BellOff}
        className="py-8"
      />
    );
  }
  return (
    <ul className="m-0 grid list-none gap-0.5 p-1" aria-label="Latest notifications">
      {data.items.map((notification) => (
        <li key={notification.id}>
          <NotificationItem notification={notification} onSelect={onSelect} />
        </li>
      ))}
    </ul>
  );
}
