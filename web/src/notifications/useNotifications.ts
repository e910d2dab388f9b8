import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useRefresh } from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Notification, NotificationGroup } from '../api/types';

const POLL_MS = 30_000;

const KEY = ['notifications', 'bell'];

/** The caller's notifications by group (unread ones only when asked), polled every 30 s and on focus. */
export function useNotificationGroups(unread: boolean) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: [...KEY, 'groups', unread],
    queryFn: () =>
      dataProvider
        .call<{ data: NotificationGroup[] }>('GET', '/notifications/groups', {
          query: unread ? { unread: true } : {},
        })
        .then((page) => page.data),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** After marking: the bell's groups and the notifications page are read again. */
function useReread() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return () => {
    void queryClient.invalidateQueries({ queryKey: KEY });
    refresh();
  };
}

/** Marks notifications read, one PATCH each with If-Match. */
export function useMarkRead() {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const reread = useReread();
  return useMutation({
    mutationFn: (notifications: Notification[]) =>
      Promise.all(
        notifications
          .filter((notification) => !notification.readAt)
          .map((notification) =>
            dataProvider.call('PATCH', `/notifications/${notification.id}`, {
              body: { read: true },
              version: notification.version,
            }),
          ),
      ),
    onSettled: reread,
  });
}

/** Marks every unread notification read, or one group's, in one request. */
export function useMarkAllRead() {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const reread = useReread();
  return useMutation({
    mutationFn: (group?: string) =>
      dataProvider.call<{ updated: number }>('POST', '/notifications/read', {
        body: group ? { group } : {},
      }),
    onSettled: reread,
  });
}
