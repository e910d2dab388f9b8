import type { ReactNode } from 'react';
import { Box, Chip, ListItem, ListItemButton, ListItemText } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { Notification } from '../api/types';
import { formatDateTime } from '../common/format';

/** The notification in the admin's language: its kind translated, naming its record. */
export function useNotificationText() {
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
    const known = kind !== notification.title;
    return known && notification.subject ? `${kind}：${notification.subject}` : kind;
  };
}

/**
 * One line of the inbox: unread dot, text, time; `count` above 1 shows how many the line stands
 * for (a group). `action` sits at the line's end (e.g. "mark read").
 */
export function NotificationItem({
  notification,
  count = 1,
  onOpen,
  action,
}: {
  notification: Notification;
  count?: number;
  onOpen: (notification: Notification) => void;
  action?: ReactNode;
}) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const text = useNotificationText();
  const unread = !notification.readAt;
  return (
    <ListItem disablePadding divider secondaryAction={action}>
      <ListItemButton onClick={() => onOpen(notification)} sx={{ pr: action ? 14 : 2 }}>
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
          slotProps={{
            primary: { sx: { fontWeight: unread ? 600 : 400, overflowWrap: 'anywhere' } },
          }}
        />
        {count > 1 ? (
          <Chip
            size="small"
            color="primary"
            label={translate('crm.notifications.more', { smart_count: count })}
            sx={{ ml: 1, flexShrink: 0 }}
          />
        ) : null}
      </ListItemButton>
    </ListItem>
  );
}
