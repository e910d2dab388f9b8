import { DataTable, FunctionField, ReferenceManyField, TextField, useTranslate } from 'react-admin';
import { Button } from '@mui/material';
import EventIcon from '@mui/icons-material/Event';
import { Link as RouterLink } from 'react-router-dom';
import type { SiteVisit, Task } from '../api/types';
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

/** The follow-up tasks of the deal. */
export function DealTasks() {
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
