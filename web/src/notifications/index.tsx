import NotificationsIcon from '@mui/icons-material/Notifications';

/** Notifications live in the app bar's bell; the resource only names them. */
export const notifications = { icon: NotificationsIcon };
