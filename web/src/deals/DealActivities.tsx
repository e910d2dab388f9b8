import { useId, useState, type ReactNode } from 'react';
import {
  DataTable,
  Form,
  FunctionField,
  ReferenceManyField,
  required,
  SaveButton,
  SelectInput,
  TextField,
  TextInput,
  useCreate,
  useGetOne,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { Box, Typography } from '@mui/material';
import { ApiError, formErrorsOf } from '../api/http';
import type { Company, Deal, Schemas } from '../api/types';
import { useAllowed } from '../auth/useAllowed';
import { enumChoices } from '../common/enums';
import { BeijingDateTimeField } from '../common/fields';
import { UserField } from '../common/users';

type Activity = Schemas['ActivityDto'];

/** What a person logs by hand; e-mails and WeChat come from elsewhere. */
const INLINE_TYPES = ['call', 'meeting', 'note'] as const;

interface ActivityFormValues {
  type: string;
  subject: string;
  body?: string;
}

/** Where an activity is logged: on a deal (its company implied) or on a company alone. */
type ActivityTarget = { dealId: string } | { companyId: string };

function AddActivityForm({ target }: { target: ActivityTarget }) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [generation, setGeneration] = useState(0);
  const [create, { isPending }] = useCreate();
  const submit = async (values: Record<string, unknown>) => {
    const { type, subject, body } = values as unknown as ActivityFormValues;
    try {
      await create(
        'activities',
        { data: { type, subject, ...(body ? { body } : {}), ...target } },
        { returnPromise: true },
      );
      notify('crm.deals.activities.added', { type: 'success' });
      setGeneration((n) => n + 1);
      refresh();
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length)
        return formErrorsOf(error.problem);
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    }
  };
  // Its own empty record: inside a deal or company page the form would start from that record
  // and send all its fields.
  return (
    <Form
      key={generation}
      record={{}}
      onSubmit={submit}
      defaultValues={{ type: 'call', subject: '', body: '' }}
    >
      <SelectInput
        source="type"
        label="crm.deals.activities.type"
        choices={enumChoices('activityType', INLINE_TYPES)}
        validate={required()}
        fullWidth={false}
        sx={{ minWidth: 160 }}
      />
      <TextInput source="subject" label="crm.deals.activities.subject" validate={required()} />
      <TextInput source="body" label="crm.deals.activities.body" multiline minRows={2} />
      <SaveButton label="crm.deals.activities.add" disabled={isPending} sx={{ mb: 2 }} />
    </Form>
  );
}

function ActivityTypeField() {
  const translate = useTranslate();
  return (
    <FunctionField<Activity>
      render={(activity) => translate(`crm.enums.activityType.${activity.type}`)}
    />
  );
}

/** Calls, meetings and notes of a deal or a company; logging one inline when the user may. */
function ActivityLog({ target, company }: { target: ActivityTarget; company?: Company }) {
  const translate = useTranslate();
  const canCreate = useAllowed(
    'create',
    'activities',
    { companyOwnerId: company?.ownerId ?? null },
    !!company,
  );
  return (
    <>
      {canCreate ? <AddActivityForm target={target} /> : null}
      <ReferenceManyField
        reference="activities"
        target={'dealId' in target ? 'dealId' : 'companyId'}
        perPage={20}
        empty={<p>{translate('crm.deals.show.noActivities')}</p>}
      >
        <DataTable bulkActionButtons={false} rowClick={false} size="small">
          <DataTable.Col label="crm.deals.activities.occurredAt">
            <BeijingDateTimeField source="occurredAt" />
          </DataTable.Col>
          <DataTable.Col label="crm.deals.activities.type">
            <ActivityTypeField />
          </DataTable.Col>
          <DataTable.Col label="crm.deals.activities.subject">
            <TextField source="subject" />
          </DataTable.Col>
          <DataTable.Col label="crm.deals.activities.author">
            <UserField source="authorId" />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </>
  );
}

/** The deal page's activities. */
export function DealActivities({ deal }: { deal: Deal }) {
  const { data: company } = useGetOne<Company>('companies', { id: deal.companyId });
  return <ActivityLog target={{ dealId: deal.id }} company={company} />;
}

/** A region named by its heading, for a tab that holds one section. */
function Region({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h2" gutterBottom>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
}

/** The company page's activities: those of its deals, and calls logged on the firm itself. */
export function CompanyActivities({ company }: { company: Company }) {
  return (
    <Region title="crm.deals.show.activities">
      <ActivityLog target={{ companyId: company.id }} company={company} />
    </Region>
  );
}
