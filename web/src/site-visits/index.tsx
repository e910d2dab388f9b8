import EventIcon from '@mui/icons-material/Event';
import { SiteVisitList, SiteVisitShow } from './SiteVisitList';

export { CalendarPage } from './CalendarPage';

export const siteVisits = { list: SiteVisitList, show: SiteVisitShow, icon: EventIcon };
