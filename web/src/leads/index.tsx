import ContactPhoneIcon from '@mui/icons-material/ContactPhone';
import { LeadCreate } from './LeadCreate';
import { LeadEdit } from './LeadEdit';
import { LeadList } from './LeadList';
import { LeadShow } from './LeadShow';

export const leads = {
  list: LeadList,
  show: LeadShow,
  edit: LeadEdit,
  create: LeadCreate,
  icon: ContactPhoneIcon,
  recordRepresentation: 'companyName',
};
export { ConflictQueue, ConflictShow } from './ConflictQueue';
export { LeadImportPage } from './LeadImportPage';
export { PoolPage } from './PoolPage';
