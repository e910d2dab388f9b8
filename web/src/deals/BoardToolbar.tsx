import { MenuItem, Stack, TextField } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import type { User } from '../api/types';
import { usePipelines, useStageName } from './pipeline';

/** "mine", "all" or a user id. */
export type OwnerFilter = string;

function OwnerSelect({
  value,
  onChange,
}: {
  value: OwnerFilter;
  onChange: (value: OwnerFilter) => void;
}) {
  const translate = useTranslate();
  const { data: users = [] } = useGetList<User>('users', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'displayName', order: 'ASC' },
  });
  return (
    <TextField
      select
      size="small"
      label={translate('crm.deals.board.ownerFilter')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      fullWidth={false}
      sx={{ width: 220 }}
    >
      <MenuItem value="mine">{translate('crm.deals.board.mine')}</MenuItem>
      <MenuItem value="all">{translate('crm.deals.board.everyone')}</MenuItem>
      {users
        .filter((user) => user.active && user.role !== 'viewer')
        .map((user) => (
          <MenuItem key={user.id} value={user.id}>
            {user.displayName}
          </MenuItem>
        ))}
    </TextField>
  );
}

function PipelineSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const translate = useTranslate();
  const stageName = useStageName();
  const { data: pipelines = [] } = usePipelines();
  if (pipelines.length < 2) return null;
  return (
    <TextField
      select
      size="small"
      label={translate('crm.deals.board.pipeline')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      fullWidth={false}
      sx={{ width: 220 }}
    >
      {pipelines.map((pipeline) => (
        <MenuItem key={pipeline.id} value={pipeline.id}>
          {stageName(pipeline)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The board's filters: which pipeline, and whose deals. */
export function BoardToolbar({
  pipelineId,
  onPipelineChange,
  owner,
  onOwnerChange,
}: {
  pipelineId: string;
  onPipelineChange: (id: string) => void;
  owner: OwnerFilter;
  onOwnerChange: (owner: OwnerFilter) => void;
}) {
  return (
    <Stack direction="row" spacing={2} sx={{ my: 2 }}>
      <PipelineSelect value={pipelineId} onChange={onPipelineChange} />
      <OwnerSelect value={owner} onChange={onOwnerChange} />
    </Stack>
  );
}
