import SavingsIcon from '@mui/icons-material/Savings';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import { ApplicationList } from './ApplicationList';
import { ApplicationShow } from './ApplicationShow';
import { ApplicationCreate, ApplicationEdit, ProgramCreate, ProgramEdit } from './forms';
import { ProgramList } from './ProgramList';
import { ProgramShow } from './ProgramShow';

export { CompanySupportTab } from './CompanySupportTab';

/** Support programs with their budgets, and firms' applications. */
export const programs = {
  list: ProgramList,
  show: ProgramShow,
  create: ProgramCreate,
  edit: ProgramEdit,
  icon: SavingsIcon,
  recordRepresentation: 'name',
};
export const applications = {
  list: ApplicationList,
  show: ApplicationShow,
  create: ApplicationCreate,
  edit: ApplicationEdit,
  icon: RequestQuoteIcon,
};
