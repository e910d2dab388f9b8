import BusinessIcon from '@mui/icons-material/Business';
import { CompanyCreate, CompanyEdit } from './CompanyForm';
import { CompanyList } from './CompanyList';
import { CompanyShow } from './CompanyShow';

export const companies = {
  list: CompanyList,
  show: CompanyShow,
  edit: CompanyEdit,
  create: CompanyCreate,
  icon: BusinessIcon,
  recordRepresentation: 'name',
};
