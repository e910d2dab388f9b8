import type { MouseEvent } from 'react';
import { useState } from 'react';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField as MuiTextField,
} from '@mui/material';
import GavelIcon from '@mui/icons-material/Gavel';
import {
  Button,
  DataTable,
  Link,
  List,
  Labeled,
  RecordContextProvider,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Lead } from '../api/types';
import { BeijingDateTimeField } from '../common/fields';
import { UserField } from '../common/users';
import { CONFLICT_RESOLUTIONS } from './constants';
import type { ConflictResolution, LeadConflict } from './types';
import { useNotifyError } from '../common/useNotifyError';
import { useAllowed } from '../auth/useAllowed';

/** One side of a conflict: the lead's firm (linking to the lead) and its owner. */
function Party({ lead }: { lead: Lead }) {
  return (
    <RecordContextProvider value={lead}>
      <Stack spacing={0.25}>
        <Link
          to={`/leads/${lead.id}/show`}
          onClick={(event: MouseEvent) => event.stopPropagation()}
        >
          {lead.companyName}
        </Link>
        <UserField source="ownerId" />
      </Stack>
    </RecordContextProvider>
  );
}

function MatchText(_props: { label?: string }) {
  const conflict = useRecordContext<LeadConflict>();
  const translate = useTranslate();
  if (!conflict) return null;
  const kind = translate(`crm.enums.conflictMatch.${conflict.match}`);
  return (
    <>
      {conflict.similarity === null ? kind : `${kind} (${Math.round(conflict.similarity * 100)}%)`}
    </>
  );
}

function Outcome(_props: { label?: string }) {
  const conflict = useRecordContext<LeadConflict>();
  const translate = useTranslate();
  if (!conflict) return null;
  if (conflict.status === 'open') return <>{translate('crm.leads.conflicts.open')}</>;
  return (
    <>
      {translate(`crm.enums.conflictResolution.${conflict.resolution}`)}
      {conflict.resolutionNote ? ` · ${conflict.resolutionNote}` : ''}
    </>
  );
}

function ResolveDialog({ conflict, onClose }: { conflict: LeadConflict; onClose: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyError('leads');
  const refresh = useRefresh();
  const [resolution, setResolution] = useState<ConflictResolution>('keep_existing');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const resolve = async () => {
    setSaving(true);
    try {
      await dataProvider.call('POST', `/lead-conflicts/${conflict.id}/resolve`, {
        body: { resolution, ...(note.trim() ? { note: note.trim() } : {}) },
      });
      notify('crm.leads.conflicts.resolved', {
        type: 'success',
        messageArgs: { resolution: translate(`crm.enums.conflictResolution.${resolution}`) },
      });
      onClose();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
      refresh();
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="resolve-conflict-title" fullWidth maxWidth="sm">
      <DialogTitle id="resolve-conflict-title">
        {translate('crm.leads.conflicts.resolveTitle', { name: conflict.lead.companyName })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {translate('crm.leads.conflicts.resolveIntro', {
            existing: conflict.existingLead.companyName,
            match: translate(`crm.enums.conflictMatch.${conflict.match}`),
          })}
        </DialogContentText>
        <FormControl>
          <FormLabel id="resolution-label">
            {translate('resources.lead-conflicts.fields.resolution')}
          </FormLabel>
          <RadioGroup
            aria-labelledby="resolution-label"
            value={resolution}
            onChange={(event) => setResolution(event.target.value as ConflictResolution)}
          >
            {CONFLICT_RESOLUTIONS.map((choice) => (
              <Stack key={choice} sx={{ mb: 1 }}>
                <FormControlLabel
                  value={choice}
                  control={<Radio />}
                  label={translate(`crm.enums.conflictResolution.${choice}`)}
                />
                <FormHelperText sx={{ mt: -0.5, ml: 4 }}>
                  {translate(`crm.leads.conflicts.explain.${choice}`)}
                </FormHelperText>
              </Stack>
            ))}
          </RadioGroup>
        </FormControl>
        <MuiTextField
          label={translate('resources.lead-conflicts.fields.resolutionNote')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          multiline
          minRows={2}
          fullWidth
          slotProps={{ htmlInput: { maxLength: 1000 } }}
          sx={{ mt: 2 }}
        />
      </DialogContent>
      <DialogActions>
        <Button label="crm.common.cancel" onClick={onClose} />
        <Button
          label="crm.leads.conflicts.resolve"
          variant="contained"
          disabled={saving}
          onClick={() => void resolve()}
        />
      </DialogActions>
    </Dialog>
  );
}

function ResolveButton(_props: { label?: string }) {
  const conflict = useRecordContext<LeadConflict>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const canAccess = useAllowed('resolve', 'lead-conflicts', conflict, !!conflict);
  if (!conflict || !canAccess || conflict.status !== 'open') return null;
  return (
    // The row opens the conflict: neither the button nor its dialog (a portal, whose events
    // bubble through React's tree) may reach it.
    <span onClick={(event: MouseEvent) => event.stopPropagation()}>
      <Button
        label="crm.leads.conflicts.resolve"
        aria-label={translate('crm.leads.conflicts.resolveTitle', {
          name: conflict.lead.companyName,
        })}
        onClick={() => setOpen(true)}
      >
        <GavelIcon />
      </Button>
      {open ? <ResolveDialog conflict={conflict} onClose={() => setOpen(false)} /> : null}
    </span>
  );
}

const conflictFilters = [
  <TextInput key="q" source="q" label="crm.leads.conflicts.search" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    alwaysOn
    choices={[
      { id: 'open', name: 'crm.leads.conflicts.open' },
      { id: 'resolved', name: 'crm.leads.conflicts.resolvedStatus' },
    ]}
  />,
];

/** 撞单 queue: new leads held because another promoter works the firm, for managers to decide. */
export function ConflictQueue() {
  return (
    <List
      filters={conflictFilters}
      filterDefaultValues={{ status: 'open' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={false}
    >
      <DataTable bulkActionButtons={false} rowClick="show">
        <DataTable.Col
          source="lead"
          disableSort
          render={(conflict: LeadConflict) => <Party lead={conflict.lead} />}
        />
        <DataTable.Col
          source="existingLead"
          disableSort
          render={(conflict: LeadConflict) => <Party lead={conflict.existingLead} />}
        />
        <DataTable.Col source="match" disableSort field={MatchText} />
        <DataTable.Col source="createdAt" field={BeijingDateTimeField} />
        <DataTable.Col source="status" disableSort field={Outcome} />
        <DataTable.Col label="crm.leads.conflicts.actions" disableSort field={ResolveButton} />
      </DataTable>
    </List>
  );
}

function ConflictTitle() {
  const conflict = useRecordContext<LeadConflict>();
  const translate = useTranslate();
  return conflict ? (
    <>{translate('crm.leads.conflicts.title', { name: conflict.lead.companyName })}</>
  ) : null;
}

/** One conflict, as a notification opens it: both sides, how they matched, and the decision. */
export function ConflictShow() {
  return (
    <Show title={<ConflictTitle />} actions={false}>
      <SimpleShowLayout>
        <Labeled source="lead">
          <PartyOf side="lead" />
        </Labeled>
        <Labeled source="existingLead">
          <PartyOf side="existingLead" />
        </Labeled>
        <MatchText label="resources.lead-conflicts.fields.match" />
        <BeijingDateTimeField source="createdAt" />
        <Outcome label="resources.lead-conflicts.fields.status" />
        <ResolveButton />
      </SimpleShowLayout>
    </Show>
  );
}

function PartyOf({ side }: { side: 'lead' | 'existingLead' }) {
  const conflict = useRecordContext<LeadConflict>();
  return conflict ? <Party lead={conflict[side]} /> : null;
}
