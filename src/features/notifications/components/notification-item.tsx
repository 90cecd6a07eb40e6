import { cn } from '@/lib/cn.ts';
import { formatDateTime, formatRelative } from '@/lib/format.ts';
import type { AppNotification } from '../api/notifications.ts';

interface NotificationItemProps {
  notification: AppNotification;
  onSelect(notification: AppNotification): void;
}

/** One notification in the bell's list: unread ones carry a dot (and say so to screen readers). */
export function NotificationItem({ notification, onSelect }: NotificationItemProps) {
  const unread = !notification.read_at;
  return (
    <button
      type="button"
      onClick={() => onSelect(notification)}
      data-unread={unread || undefined}
      className={cn(
        'flex w-full cursor-pointer items-start gap-3 rounded-md px-3 py-2.5 text-left hover:bg-surface-muted focus-visible:bg-surface-muted',
        unread && 'bg-info-soft/40',
      )}
    >
      <span
        className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-primary' : 'bg-transparent')}
        aria-hidden="true"
      />
      <span className="grid min-w-0 flex-1 gap-0.5">
        {unread && <span className="sr-only">Unread: </span>}
        <span className={cn('text-sm break-words', unread ? 'font-semibold' : 'font-medium')}>
          {notification.title}
        </span>
        {notification.body && <span className="line-clamp-2 text-sm break-words text-muted">{notification.body}</span>}
        <time
          className="text-xs text-muted"
          dateTime={notification.created_at}
          title={formatDateTime(notification.created_at)}
        >
          {formatRelative(notification.created_at)}
        </time>
      </span>
    </button>
  );
}
