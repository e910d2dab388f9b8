import { useState } from 'react';
import {
  DataTable,
  FunctionField,
  ReferenceManyField,
  TextField,
  useGetOne,
  useTranslate,
} from 'react-admin';
import { Button } from '@mui/material';
import AddTaskIcon from '@mui/icons-material/AddTask';
import EventIcon from '@mui/icons-material/Event';
import { Link as RouterLink } from 'react-router-dom';
import type { Company, Deal, SiteVisit, Task } from '../api/types';
import { useAllowed } from '../auth/useAllowed';
import { AddTaskDialog } from '../tasks/AddTaskDialog';
import { BeijingDateTimeField } from '../common/fields';
import { UserField } from '../common/users';

function EnumField<T extends object>({
  group,
  value,
}: {
  group: string;
  value: (record: T) => string;
}) {
  const translate = useTranslate();
  return <FunctionField<T> render={(record) => translate(`crm.enums.${group}.${value(record)}`)} />;
}

function PlaceField() {
  const translate = useTranslate();
  return (
    <FunctionField<SiteVisit>
      render={(visit) => visit.placeLabel ?? translate(`crm.enums.placeType.${visit.placeType}`)}
    />
  );
}

/** The site visits of the deal, with a way to schedule one. */
export function DealVisits() {
  const translate = useTranslate();
  return (
    <>
      <ReferenceManyField
        reference="site-visits"
        target="dealId"
        sort={{ field: 'startsAt', order: 'DESC' }}
        perPage={20}
        empty={<p>{translate('crm.deals.show.noVisits')}</p>}
      >
        <DataTable bulkActionButtons={false} rowClick={false} size="small">
          <DataTable.Col label="crm.deals.visits.startsAt">
            <BeijingDateTimeField source="startsAt" />
          </DataTable.Col>
          <DataTable.Col label="crm.deals.visits.place">
            <PlaceField />
          </DataTable.Col>
          <DataTable.Col label="crm.deals.visits.status">
            <EnumField<SiteVisit> group="visitStatus" value={(visit) => visit.status} />
          </DataTable.Col>
          <DataTable.Col label="crm.deals.visits.interest">
            <TextField source="interest" emptyText="—" />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
      <Button component={RouterLink} to="/calendar" startIcon={<EventIcon />} size="small">
        {translate('crm.deals.refusal.scheduleVisit')}
      </Button>
    </>
  );
}

/** The follow-up tasks of the deal, with a way to add one when the user may. */
export function DealTasks({ deal }: { deal: Deal }) {
  const translate = useTranslate();
  const [adding, setAdding] = useState(false);
  const { data: company } = useGetOne<Company>('companies', { id: deal.companyId });
  const canCreate = useAllowed(
    'create',
    'tasks',
    { companyOwnerId: company?.ownerId ?? null },
    !!company,
  );
  return (
    <>
      {canCreate ? (
        <Button startIcon={<AddTaskIcon />} size="small" onClick={() => setAdding(true)}>
          {translate('crm.tasks.add')}
        </Button>
      ) : null}
      {adding ? <AddTaskDialog deal={deal} onClose={() => setAdding(false)} /> : null}
      <DealTaskTable />
    </>
  );
}

function DealTaskTable() {
  const translate = useTranslate();
  return (
    <ReferenceManyField
      reference="tasks"
      target="dealId"
      perPage={20}
      empty={<p>{translate('crm.deals.show.noTasks')}</p>}
    >
      <DataTable bulkActionButtons={false} rowClick={false} size="small">
        <DataTable.Col label="crm.deals.tasks.title">
          <TextField source="title" />
        </DataTable.Col>
        <DataTable.Col label="crm.deals.tasks.dueAt">
          <BeijingDateTimeField source="dueAt" />
        </DataTable.Col>
        <DataTable.Col label="crm.deals.tasks.assignee">
          <UserField source="assigneeId" />
        </DataTable.Col>
        <DataTable.Col label="crm.deals.tasks.status">
          <EnumField<Task> group="taskStatus" value={(task) => task.status} />
        </DataTable.Col>
      </DataTable>
    </ReferenceManyField>
  );
}
