import { useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Divider,
  IconButton,
  List,
  Popover,
  Tooltip,
  Typography,
} from '@mui/material';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { NotificationGroup } from '../api/types';
import { useNotifyError } from '../common/useNotifyError';
import { groupPath, notificationPath } from './notificationLinks';
import { NotificationItem } from './NotificationItem';
import { useMarkAllRead, useMarkRead, useNotificationGroups } from './useNotifications';

/**
 * The app bar's bell: the unread count and one line per group of unread notifications (a group of
 * one opens its record, a larger one the notifications page filtered to it); mark all read.
 */
export function NotificationsBell() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const onError = useNotifyError();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const groups = useNotificationGroups(true);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const count = (groups.data ?? []).reduce((sum, group) => sum + group.unread, 0);
  const label = translate('crm.notifications.bell', { smart_count: count });

  const go = (path: string | null) => {
    setAnchor(null);
    if (path) void navigate(path);
  };
  const open = (group: NotificationGroup) => {
    if (group.count > 1) return go(groupPath(group.group));
    markRead.mutate([group.latest], { onError });
    go(notificationPath(group.latest));
  };

  return (
    <>
      <Tooltip title={label}>
        <IconButton
          color="inherit"
          aria-label={label}
          aria-haspopup="dialog"
          onClick={(event) => setAnchor(event.currentTarget)}
        >
          <Badge badgeContent={count} color="error" max={99}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{
          paper: {
            role: 'dialog',
            'aria-labelledby': 'notifications-title',
            sx: { width: 380, maxWidth: '100vw' },
          },
        }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1 }}>
          <Typography id="notifications-title" variant="subtitle1" component="h2" sx={{ flex: 1 }}>
            {translate('crm.notifications.title')}
          </Typography>
          <Button
            size="small"
            disabled={count === 0 || markAllRead.isPending}
            onClick={() => markAllRead.mutate(undefined, { onError })}
          >
            {translate('crm.notifications.markAllRead')}
          </Button>
        </Box>
        <Divider />
        {groups.data?.length ? (
          <List disablePadding sx={{ maxHeight: 420, overflow: 'auto' }}>
            {groups.data.map((group) => (
              <NotificationItem
                key={group.group}
                notification={group.latest}
                count={group.unread}
                onOpen={() => open(group)}
              />
            ))}
          </List>
        ) : (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {translate(groups.isPending ? 'ra.page.loading' : 'crm.notifications.empty')}
          </Typography>
        )}
        <Divider />
        <Box sx={{ px: 1, py: 0.5 }}>
          <Button size="small" fullWidth onClick={() => go('/notifications')}>
            {translate('crm.notifications.seeAll')}
          </Button>
        </Box>
      </Popover>
    </>
  );
}
