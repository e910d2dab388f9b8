import { useTranslate } from 'react-admin';
import { Chip } from '@mui/material';
import { STATUS_STYLE } from './status';
import type { UnitStatus } from './types';

/** A unit's status in words, in its tile colours (dark text on a light fill). */
export function StatusChip({ status }: { status: UnitStatus }) {
  const translate = useTranslate();
  const style = STATUS_STYLE[status];
  return (
    <Chip
      size="small"
      label={translate(`crm.spaces.unitStatus.${status}`)}
      sx={{
        bgcolor: style.bg,
        color: style.fg,
        border: `1px solid ${style.edge}`,
        fontWeight: 600,
      }}
    />
  );
}
