import MemoryIcon from '@mui/icons-material/Memory';
import { ComputeAccountList } from './ComputeAccountList';
import { ComputeAccountShow } from './ComputeAccountShow';

export { ComputeAccountTab } from './ComputeAccountTab';
export { DeadLetterPage } from './DeadLetterPage';

export const computeAccounts = {
  list: ComputeAccountList,
  show: ComputeAccountShow,
  icon: MemoryIcon,
  recordRepresentation: 'companyName',
};
