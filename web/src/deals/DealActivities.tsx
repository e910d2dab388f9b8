import { useState } from 'react';
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
  useCanAccess,
  useCreate,
  useGetOne,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { Company, Deal, Schemas } from '../api/types';
import { enumChoices } from '../common/enums';
import { BeijingDateTimeField } from '../common/fields';
import { UserField } from '../common/users';

type Activity = Schemas['ActivityDto'];

/** What a person logs by hand on a deal; e-mails and WeChat come from elsewhere. */
const INLINE_TYPES = ['call', 'meeting', 'note'] as const;

function AddActivityForm({ deal }: { deal: Deal }) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [generation, setGeneration] = useState(0);
  const [create, { isPending }] = useCreate();
  const submit = async (values: Record<string, unknown>) => {
    try {
      await create('activities', { data: { ...values, dealId: deal.id } }, { returnPromise: true });
      notify('crm.deals.activities.added', { type: 'success' });
      setGeneration((n) => n + 1);
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    }
  };
  return (
    <Form key={generation} onSubmit={submit} defaultValues={{ type: 'call', subject: '' }}>
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

/** Calls, meetings and notes on the deal; logging one inline when the user may. */
export function DealActivities({ deal }: { deal: Deal }) {
  const translate = useTranslate();
  const { data: company } = useGetOne<Company>('companies', { id: deal.companyId });
  const { canAccess: canCreate } = useCanAccess({
    action: 'create',
    resource: 'activities',
    record: { companyOwnerId: company?.ownerId ?? null },
    enabled: !!company,
  });
  return (
    <>
      {company && canCreate ? <AddActivityForm deal={deal} /> : null}
      <ReferenceManyField
        reference="activities"
        target="dealId"
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
