import { Datagrid, List, ReferenceField, SelectField, SelectInput, TextField } from 'react-admin';
import { enumChoices, TASK_STATUSES } from '../common/enums';
import { BeijingDateTimeField } from '../common/fields';
import { UserField, UserInput } from '../common/users';

const filters = [
  <SelectInput
    key="status"
    source="status"
    choices={enumChoices('taskStatus', TASK_STATUSES)}
    alwaysOn
  />,
  <UserInput key="assigneeId" source="assigneeId" alwaysOn />,
];

/** Every task, by due time, filtered by status and assignee. */
export function TaskList() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'open' }}
      sort={{ field: 'dueAt', order: 'ASC' }}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="title" sortable={false} />
        <BeijingDateTimeField source="dueAt" />
        <UserField source="assigneeId" />
        <ReferenceField
          source="dealId"
          reference="deals"
          link="show"
          emptyText="—"
          sortable={false}
        />
        <ReferenceField
          source="companyId"
          reference="companies"
          link="show"
          emptyText="—"
          sortable={false}
        />
        <SelectField
          source="status"
          choices={enumChoices('taskStatus', TASK_STATUSES)}
          sortable={false}
        />
      </Datagrid>
    </List>
  );
}
