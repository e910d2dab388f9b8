import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Notification } from '../api/types';

const POLL_MS = 30_000;
const UNREAD_PAGE = 200;
const LATEST = 10;

interface Page {
  data: Notification[];
  total?: number;
}

const KEY = ['notifications', 'bell'];

/** Unread notifications and their count, polled every 30 s and on window focus. */
export function useUnreadNotifications() {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: [...KEY, 'unread'],
    queryFn: () =>
      dataProvider.call<Page>('GET', '/notifications', {
        query: { unread: true, withTotal: true, limit: UNREAD_PAGE },
      }),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** The latest notifications, read or not, while the bell's list is open. */
export function useLatestNotifications(enabled: boolean) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: [...KEY, 'latest'],
    queryFn: () =>
      dataProvider
        .call<Page>('GET', '/notifications', { query: { limit: LATEST } })
        .then((page) => page.data),
    enabled,
  });
}

/** Marks notifications read (one PATCH each, with If-Match), then re-reads the bell. */
export function useMarkRead() {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const queryClient = useQueryClient();
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
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
