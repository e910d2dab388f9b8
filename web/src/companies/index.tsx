import { ListGuesser, ShowGuesser } from 'react-admin';
import BusinessIcon from '@mui/icons-material/Business';

export const companies = {
  list: ListGuesser,
  show: ShowGuesser,
  icon: BusinessIcon,
  recordRepresentation: 'name',
};
