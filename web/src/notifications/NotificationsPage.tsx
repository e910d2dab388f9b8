import {
  Box,
  Button,
  Card,
  Chip,
  List as MuiList,
  Stack,
  Tab,
  Tabs,
  Typography,
} from '@mui/material';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import { List, Pagination, useListContext, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { Notification } from '../api/types';
import { useNotifyError } from '../common/useNotifyError';
import { notificationPath } from './notificationLinks';
import { NotificationItem, useNotificationText } from './NotificationItem';
import { useMarkAllRead, useMarkRead, useNotificationGroups } from './useNotifications';

interface Filter {
  unread?: boolean;
  group?: string;
}

/** 未读 / 全部, and the groups (one chip per kind, with its unread count) to narrow the list to. */
function InboxFilters() {
  const translate = useTranslate();
  const text = useNotificationText();
  const { filterValues, setFilters } = useListContext<Notification>();
  const filter = filterValues as Filter;
  const groups = useNotificationGroups(false);
  const markAllRead = useMarkAllRead();
  const onError = useNotifyError();
  const unreadInView = (groups.data ?? [])
    .filter((group) => !filter.group || group.group === filter.group)
    .reduce((sum, group) => sum + group.unread, 0);
  const kindOf = (group: string) =>
    text({ ...groups.data!.find((g) => g.group === group)!.latest, subject: null });
  return (
    <Stack spacing={1} sx={{ px: 2, pt: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Tabs
          value={filter.unread ? 'unread' : 'all'}
          onChange={(_event, value: string) =>
            setFilters({ ...filter, unread: value === 'unread' ? true : undefined }, {})
          }
          aria-label={translate('crm.notifications.show')}
          sx={{ flex: 1, minWidth: 200 }}
        >
          <Tab value="unread" label={translate('crm.notifications.unread')} />
          <Tab value="all" label={translate('crm.notifications.all')} />
        </Tabs>
        <Button
          startIcon={<DoneAllIcon />}
          disabled={unreadInView === 0 || markAllRead.isPending}
          onClick={() => markAllRead.mutate(filter.group, { onError })}
        >
          {translate(
            filter.group ? 'crm.notifications.markGroupRead' : 'crm.notifications.markAllRead',
          )}
        </Button>
      </Box>
      {groups.data?.length ? (
        <Box
          role="group"
          aria-label={translate('crm.notifications.groups')}
          sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}
        >
          {groups.data.map((group) => {
            const selected = filter.group === group.group;
            return (
              <Chip
                key={group.group}
                label={`${kindOf(group.group)} · ${group.unread}/${group.count}`}
                color={selected ? 'primary' : 'default'}
                variant={selected ? 'filled' : 'outlined'}
                aria-pressed={selected}
                onClick={() =>
                  setFilters({ ...filter, group: selected ? undefined : group.group }, {})
                }
              />
            );
          })}
        </Box>
      ) : null}
    </Stack>
  );
}

/** The notifications of the current filter, each opening its record (and marked read). */
function Inbox() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { data, isPending } = useListContext<Notification>();
  const markRead = useMarkRead();
  const onError = useNotifyError();
  const open = (notification: Notification) => {
    markRead.mutate([notification], { onError });
    const path = notificationPath(notification);
    if (path) void navigate(path);
  };
  if (isPending) return null;
  if (!data?.length)
    return (
      <Typography sx={{ p: 2 }} color="text.secondary">
        {translate('crm.notifications.empty')}
      </Typography>
    );
  return (
    <MuiList aria-label={translate('crm.notifications.title')}>
      {data.map((notification) => (
        <NotificationItem
          key={notification.id}
          notification={notification}
          onOpen={open}
          action={
            notification.readAt ? null : (
              <Button size="small" onClick={() => markRead.mutate([notification], { onError })}>
                {translate('crm.notifications.markRead')}
              </Button>
            )
          }
        />
      ))}
    </MuiList>
  );
}

/** 通知: unread or all, by group, each naming its record and opening it. */
export function NotificationsPage() {
  return (
    <List
      resource="notifications"
      filterDefaultValues={{ unread: true }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={false}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
      perPage={50}
      component={Card}
    >
      <InboxFilters />
      <Inbox />
    </List>
  );
}
