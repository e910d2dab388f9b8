import AssessmentIcon from '@mui/icons-material/Assessment';
import FlagIcon from '@mui/icons-material/Flag';

/** Reports (issue 9): one page per report under /reports/:report. */
export function ReportsPage() {
  return null;
}

export const targets = { icon: FlagIcon, recordRepresentation: 'name' };
export const ReportsIcon = AssessmentIcon;
