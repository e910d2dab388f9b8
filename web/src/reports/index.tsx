import AssessmentIcon from '@mui/icons-material/Assessment';
import FlagIcon from '@mui/icons-material/Flag';
import { TargetCreate, TargetEdit } from './TargetForms';
import { TargetList } from './TargetList';

export { ReportsPage } from './ReportsPage';

/** The park's targets: everyone on staff reads them with their progress; admins keep them. */
export const targets = {
  list: TargetList,
  create: TargetCreate,
  edit: TargetEdit,
  icon: FlagIcon,
  recordRepresentation: 'name',
};
export const ReportsIcon = AssessmentIcon;
