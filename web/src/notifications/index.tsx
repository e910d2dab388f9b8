import NotificationsIcon from '@mui/icons-material/Notifications';
import { NotificationsPage } from './NotificationsPage';

export const notifications = { list: NotificationsPage, icon: NotificationsIcon };
