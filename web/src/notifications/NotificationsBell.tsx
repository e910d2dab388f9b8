import { useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Divider,
  IconButton,
  List,
  ListItemButton,
  ListItemText,
  Popover,
  Tooltip,
  Typography,
} from '@mui/material';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { Notification } from '../api/types';
import { formatDateTime } from '../common/format';
import { notificationPath, subjectOf } from './notificationLinks';
import { useLatestNotifications, useMarkRead, useUnreadNotifications } from './useNotifications';

/** The notification in the admin's language: its kind translated, the API's title otherwise. */
function useNotificationText() {
  const translate = useTranslate();
  return (notification: Notification) => {
    const resolution = notification.data.resolution;
    const kind = translate(`crm.notifications.kinds.${notification.kind}`, {
      _: notification.title,
      ...notification.data,
      resolution:
        typeof resolution === 'string' && resolution
          ? translate(`crm.enums.conflictResolution.${resolution}`)
          : '',
    });
    const subject = subjectOf(notification);
    const known = kind !== notification.title;
    return known && subject && !resolution ? `${kind}：${subject}` : kind;
  };
}

function NotificationItem({
  notification,
  onOpen,
}: {
  notification: Notification;
  onOpen: (notification: Notification) => void;
}) {
  const [locale] = useLocaleState();
  const text = useNotificationText();
  const unread = !notification.readAt;
  return (
    <ListItemButton onClick={() => onOpen(notification)} divider>
      <Box
        aria-hidden
        sx={{
          width: 8,
          height: 8,
          borderRadius: '50%',
          mr: 1.5,
          flexShrink: 0,
          bgcolor: unread ? 'primary.main' : 'transparent',
        }}
      />
      <ListItemText
        primary={text(notification)}
        secondary={formatDateTime(notification.createdAt, locale)}
        slotProps={{ primary: { sx: { fontWeight: unread ? 600 : 400 } } }}
      />
    </ListItemButton>
  );
}

/** The app bar's bell: unread count, the latest notifications, mark one or all read. */
export function NotificationsBell() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const unread = useUnreadNotifications();
  const latest = useLatestNotifications(!!anchor);
  const markRead = useMarkRead();
  const count = unread.data?.total ?? unread.data?.data.length ?? 0;
  const label = translate('crm.notifications.bell', { smart_count: count });
  const onError = (error: unknown) =>
    notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', { type: 'error' });

  const open = (notification: Notification) => {
    markRead.mutate([notification], { onError });
    setAnchor(null);
    const path = notificationPath(notification);
    if (path) void navigate(path);
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
            disabled={count === 0 || markRead.isPending}
            onClick={() => markRead.mutate(unread.data?.data ?? [], { onError })}
          >
            {translate('crm.notifications.markAllRead')}
          </Button>
        </Box>
        <Divider />
        {latest.data?.length ? (
          <List disablePadding sx={{ maxHeight: 420, overflow: 'auto' }}>
            {latest.data.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} onOpen={open} />
            ))}
          </List>
        ) : (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {translate(latest.isPending ? 'ra.page.loading' : 'crm.notifications.empty')}
          </Typography>
        )}
      </Popover>
    </>
  );
}
