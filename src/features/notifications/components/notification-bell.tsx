import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Popover } from 'radix-ui';
import { Bell, CheckCheck } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { toast } from '@/components/toaster.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useUser } from '@/lib/session.ts';
import { inAppLink, useNotificationMutations, useNotifications, type AppNotification } from '../api/notifications.ts';
import { NotificationList } from './notification-list.tsx';

interface NotificationBellProps {
  /** Where the list opens, relative to the bell. */
  side?: 'top' | 'right' | 'bottom' | 'left';
  align?: 'start' | 'center' | 'end';
  className?: string;
}

/** The bell with the unread count; opens the latest notifications. Live updates come from <LiveNotifications />. */
export function NotificationBell({ side = 'bottom', align = 'end', className }: NotificationBellProps) {
  const { org } = useCurrentOrg();
  const user = useUser();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications(org.id, user.id);
  const { markRead, markAllRead } = useNotificationMutations(org.id, user.id);
  const unread = notifications.data?.unread ?? 0;

  const select = (notification: AppNotification) => {
    if (!notification.read_at) {
      markRead.mutate(
        { id: notification.id },
        { onError: (error) => toast.error(`Could not mark the notification read: ${errorMessage(error)}`) },
      );
    }
    const link = inAppLink(notification.link);
    if (link) {
      setOpen(false);
      void navigate(link);
    }
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className={cn('relative', className)}
          aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        >
          <Bell className="size-5" aria-hidden="true" />
          {unread > 0 && (
            <span
              className="absolute top-1 right-1 inline-flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[0.625rem] leading-none font-bold text-danger-foreground"
              aria-hidden="true"
            >
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          side={side}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          aria-label="Notifications"
          className="z-50 flex max-h-[min(32rem,var(--radix-popover-content-available-height))] w-[min(24rem,calc(100vw-1rem))] flex-col overflow-hidden rounded-lg border border-border bg-surface text-foreground shadow-lg"
        >
          <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-2">
            <h2 className="m-0 text-sm font-semibold">Notifications</h2>
            <Button
              variant="ghost"
              size="sm"
              disabled={unread === 0}
              onClick={() =>
                markAllRead.mutate(undefined, {
                  onError: (error) => toast.error(`Could not mark notifications read: ${errorMessage(error)}`),
                })
              }
            >
              <CheckCheck className="size-4" aria-hidden="true" />
              Mark all as read
            </Button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            <NotificationList
              data={notifications.data}
              error={notifications.error}
              isPending={notifications.isPending}
              refetching={notifications.isFetching}
              onRetry={() => void notifications.refetch()}
              onSelect={select}
            />
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
