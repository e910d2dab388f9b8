import {
  Button,
  DataTable,
  List,
  SelectInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, LinearProgress, Link, Stack } from '@mui/material';
import ListAltIcon from '@mui/icons-material/ListAlt';
import { Link as RouterLink } from 'react-router-dom';
import { progressOf } from './progress';
import type { Track } from './types';

const statusChoices = ['open', 'completed'].map((id) => ({
  id,
  name: `crm.onboarding.trackStatus.${id}`,
}));

export function TrackProgress({ track }: { track: Track }) {
  const translate = useTranslate();
  const { done, total, percent } = progressOf(track);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 160 }}>
      <LinearProgress
        variant="determinate"
        value={percent}
        color={percent === 100 ? 'success' : 'primary'}
        aria-label={translate('crm.onboarding.list.progressLabel', { percent })}
        sx={{ flexGrow: 1, height: 8, borderRadius: 1 }}
      />
      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
        {translate('crm.onboarding.list.progress', { done, total, percent })}
      </Box>
    </Stack>
  );
}

function Cell({ figure }: { figure: 'company' | 'deal' | 'progress' | 'due' | 'status' }) {
  const track = useRecordContext<Track>();
  const translate = useTranslate();
  if (!track) return null;
  switch (figure) {
    case 'company':
      return (
        <Link
          component={RouterLink}
          to={`/onboarding-tracks/${track.id}/show`}
          sx={{ fontWeight: 500 }}
        >
          {track.companyName}
        </Link>
      );
    case 'deal':
      return (
        <Link component={RouterLink} to={`/deals/${track.dealId}/show`}>
          {track.dealTitle}
        </Link>
      );
    case 'progress':
      return <TrackProgress track={track} />;
    case 'due': {
      const { dueSoon, overdue } = progressOf(track);
      return (
        <Box component="span" sx={overdue ? { fontWeight: 700, color: 'error.dark' } : undefined}>
          {translate('crm.onboarding.list.due', { soon: dueSoon, overdue })}
        </Box>
      );
    }
    default:
      return <span>{translate(`crm.onboarding.trackStatus.${track.status}`)}</span>;
  }
}

/** Every signed firm's onboarding: how far along, what is due or late. */
export function TrackList() {
  return (
    <List
      filters={[<SelectInput key="status" source="status" choices={statusChoices} alwaysOn />]}
      sort={{ field: 'companyName', order: 'ASC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <Button
            label="resources.onboarding-templates.name"
            component={RouterLink}
            to="/onboarding-templates"
          >
            <ListAltIcon />
          </Button>
        </TopToolbar>
      }
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="companyName">
          <Cell figure="company" />
        </DataTable.Col>
        <DataTable.Col source="dealTitle">
          <Cell figure="deal" />
        </DataTable.Col>
        <DataTable.Col source="templateName" disableSort />
        <DataTable.Col source="progress" disableSort>
          <Cell figure="progress" />
        </DataTable.Col>
        <DataTable.Col source="due" disableSort>
          <Cell figure="due" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <Cell figure="status" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
