import { useWatch } from 'react-hook-form';
import {
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useRecordContext,
  type RaRecord,
} from 'react-admin';
import type { Lead } from '../api/types';
import { CrmEdit } from '../common/CrmEdit';
import { enumChoices, LEAD_SOURCES } from '../common/enums';
import { LEAD_TRANSITIONS } from './constants';
import { LeadTitle } from './LeadShow';

/** The current status and the moves the API allows from it (conversion has its own action). */
function StatusInput() {
  const lead = useRecordContext<Lead>();
  if (!lead) return null;
  const reachable = [lead.status, ...LEAD_TRANSITIONS[lead.status]];
  return (
    <SelectInput
      source="status"
      choices={enumChoices('leadStatus', reachable)}
      disabled={reachable.length === 1}
      validate={required()}
    />
  );
}

function DisqualifyReasonInput() {
  const status = useWatch({ name: 'status' }) as Lead['status'];
  if (status !== 'disqualified') return null;
  return <TextInput source="disqualifyReason" validate={required()} multiline fullWidth />;
}

export function LeadEdit() {
  return (
    <CrmEdit title={<LeadTitle />} recordLabel={(lead: RaRecord) => String(lead.companyName)}>
      <SimpleForm sx={{ maxWidth: 880 }}>
        <StatusInput />
        <DisqualifyReasonInput />
        <SelectInput
          source="source"
          choices={enumChoices('leadSource', LEAD_SOURCES)}
          validate={required()}
        />
        <TextInput source="sourceDetail" fullWidth />
        <TextInput source="notes" multiline minRows={3} fullWidth />
      </SimpleForm>
    </CrmEdit>
  );
}
