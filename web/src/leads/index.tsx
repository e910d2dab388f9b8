import { ListGuesser, ShowGuesser } from 'react-admin';
import ContactPhoneIcon from '@mui/icons-material/ContactPhone';

export const leads = {
  list: ListGuesser,
  show: ShowGuesser,
  icon: ContactPhoneIcon,
  recordRepresentation: 'companyName',
};
export const PoolPage = () => null;
export const LeadImportPage = () => null;
export const ConflictQueue = ListGuesser;
