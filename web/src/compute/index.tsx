import MemoryIcon from '@mui/icons-material/Memory';

export { ComputeAccountTab } from './ComputeAccountTab';

/** The compute-center integration's dead letters (admins): calls that gave up, to resend. */
export function DeadLetterPage() {
  return null;
}

export const computeAccounts = { icon: MemoryIcon };
