import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useUser } from '@/lib/session.ts';
import {
  inAppLink,
  useNotificationMutations,
  useNotificationsRealtime,
  type AppNotification,
} from '../api/notifications.ts';

/**
 * Keeps the bell live over Realtime and announces each notification that arrives while the app is
 * open with a toast (not those already there when it loaded). Rendered once by the app shell.
 */
export function LiveNotifications() {
  const { org } = useCurrentOrg();
  const user = useUser();
  const navigate = useNavigate();
  const { markRead } = useNotificationMutations(org.id, user.id);
  const { mutate: markOneRead } = markRead;

  const announce = useCallback(
    (notification: AppNotification) => {
      const link = inAppLink(notification.link);
      toast(notification.title, {
        id: `notification:${notification.id}`,
        description: notification.body ?? undefined,
        action: link
          ? {
              label: 'Open',
              onClick: () => {
                markOneRead({ id: notification.id });
                void navigate(link);
              },
            }
          : undefined,
      });
    },
    [markOneRead, navigate],
  );
  useNotificationsRealtime(org.id, user.id, announce);
  return null;
}
