import type { ReactElement } from 'react';
import { Card, CardContent, Typography } from '@mui/material';
import {
  EditButton,
  Labeled,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useGetManyReference,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Contact, Lead } from '../api/types';
import { BeijingDateTimeField } from '../common/fields';
import { Timeline } from '../common/Timeline';
import { UserField } from '../common/users';
import { ConvertButton } from './ConvertButton';
import { CompanyLinkField, EnumField, LeadStatusField, ProtectionField } from './fields';
import { HoldAlert } from './HoldAlert';

function LeadShowActions() {
  const lead = useRecordContext<Lead>();
  return (
    <TopToolbar>
      {lead && !lead.onHold ? <EditButton /> : null}
      <ConvertButton />
    </TopToolbar>
  );
}

export function LeadTitle() {
  const lead = useRecordContext<Lead>();
  const translate = useTranslate();
  return (
    <>
      {translate('resources.leads.name', { smart_count: 1 })}
      {lead ? ` · ${lead.companyName}` : ''}
    </>
  );
}

/** Fields shown only when they have a value (a reason, the date the lead went to the pool, …). */
function WhenSet({ field, children }: { field: keyof Lead; children: ReactElement }) {
  const lead = useRecordContext<Lead>();
  if (!lead?.[field]) return null;
  return <Labeled source={field}>{children}</Labeled>;
}

function LeadTimeline() {
  const lead = useRecordContext<Lead>();
  const translate = useTranslate();
  if (!lead) return null;
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate('crm.leads.show.timeline')}
        </Typography>
        <Timeline entityType="lead" id={String(lead.id)} />
      </CardContent>
    </Card>
  );
}

/** The firm's primary contact (the first one entered with the lead), as one line. */
function PrimaryContact(_props: { label?: string }) {
  const lead = useRecordContext<Lead>();
  const { data } = useGetManyReference<Contact>(
    'contacts',
    { target: 'companyId', id: lead?.companyId, pagination: { page: 1, perPage: 50 } },
    { enabled: !!lead },
  );
  const contact = data?.find((candidate) => candidate.isPrimary) ?? data?.[0];
  if (!contact) return <Typography variant="body2">—</Typography>;
  const parts = [contact.name, contact.title, contact.phone, contact.email, contact.wechat];
  return <Typography variant="body2">{parts.filter(Boolean).join(' · ')}</Typography>;
}

export function LeadShow() {
  return (
    <Show actions={<LeadShowActions />} title={<LeadTitle />}>
      <HoldAlert />
      <SimpleShowLayout>
        <CompanyLinkField label="resources.leads.fields.companyName" />
        <ReferenceField
          source="companyId"
          reference="companies"
          link={false}
          label="resources.leads.fields.company.creditCode"
        >
          <TextField source="creditCode" emptyText="—" />
        </ReferenceField>
        <PrimaryContact label="resources.leads.fields.primaryContact" />
        <LeadStatusField label="resources.leads.fields.status" />
        <WhenSet field="disqualifyReason">
          <TextField source="disqualifyReason" />
        </WhenSet>
        <EnumField group="leadSource" source="source" label="resources.leads.fields.source" />
        <TextField source="sourceDetail" emptyText="—" />
        <UserField source="ownerId" label="resources.leads.fields.ownerId" />
        <WhenSet field="previousOwnerId">
          <UserField source="previousOwnerId" />
        </WhenSet>
        <TextField source="notes" emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
        <BeijingDateTimeField source="lastActivityAt" />
        <ProtectionField label="resources.leads.fields.protectedUntil" />
        <WhenSet field="pooledAt">
          <BeijingDateTimeField source="pooledAt" />
        </WhenSet>
        <WhenSet field="convertedAt">
          <BeijingDateTimeField source="convertedAt" />
        </WhenSet>
        <BeijingDateTimeField source="createdAt" />
      </SimpleShowLayout>
      <LeadTimeline />
    </Show>
  );
}
