import { Alert, AlertTitle } from '@mui/material';
import { RecordContextProvider, useGetList, useRecordContext, useTranslate } from 'react-admin';
import type { Lead } from '../api/types';
import { UserField } from '../common/users';
import type { LeadConflict } from './types';

/** Why a lead is on hold: the open ownership conflict (撞单) and whose lead it collides with. */
export function HoldAlert() {
  const lead = useRecordContext<Lead>();
  const translate = useTranslate();
  const { data } = useGetList<LeadConflict>(
    'lead-conflicts',
    { filter: { leadId: lead?.id, status: 'open' }, pagination: { page: 1, perPage: 1 } },
    { enabled: Boolean(lead?.onHold) },
  );
  if (!lead?.onHold) return null;
  const conflict = data?.[0];
  return (
    <Alert severity="warning" sx={{ m: 2 }}>
      <AlertTitle>{translate('crm.leads.hold.title')}</AlertTitle>
      {conflict ? (
        <RecordContextProvider value={conflict.existingLead}>
          {translate('crm.leads.hold.with', {
            company: conflict.existingLead.companyName,
            match: translate(`crm.enums.conflictMatch.${conflict.match}`),
          })}
          <UserField source="ownerId" />
          {translate('crm.leads.hold.wait')}
        </RecordContextProvider>
      ) : (
        translate('crm.leads.hold.wait')
      )}
    </Alert>
  );
}
