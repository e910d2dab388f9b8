import {
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { userDtoRoleValues } from '../api/schema';
import { enumChoices } from '../common/enums';
import { BeijingDateTimeField } from '../common/fields';
import { StatusChip } from '../compute/AccountParts';
import { AdminOnly } from './AdminOnly';
import type { User } from './types';

function useUserFilters() {
  const translate = useTranslate();
  return [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      slotProps={{ htmlInput: { 'aria-label': translate('resources.users.fields.q') } }}
    />,
    <SelectInput
      key="role"
      source="role"
      alwaysOn
      choices={enumChoices('role', userDtoRoleValues)}
    />,
    <SelectInput
      key="active"
      source="active"
      alwaysOn
      choices={[
        { id: 'true', name: 'crm.users.activeYes' },
        { id: 'false', name: 'crm.users.activeNo' },
      ]}
    />,
  ];
}

/** Whether the user may sign in, as text on a light fill. */
export function ActiveChip({ active }: { active: boolean }) {
  const translate = useTranslate();
  return (
    <StatusChip
      label={translate(active ? 'crm.users.activeYes' : 'crm.users.activeNo')}
      tone={active ? 'good' : 'neutral'}
    />
  );
}

/** Staff users (admins): who may sign in, with which role, and when they last did. */
export function UserList() {
  return (
    <AdminOnly resource="users" title="crm.users.title">
      <List
        title="crm.users.title"
        filters={useUserFilters()}
        sort={{ field: 'displayName', order: 'ASC' }}
        exporter={false}
        actions={
          <TopToolbar>
            <CreateButton />
          </TopToolbar>
        }
      >
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="displayName" />
          <TextField source="email" />
          <SelectField source="role" choices={enumChoices('role', userDtoRoleValues)} />
          <FunctionField<User>
            source="active"
            sortable={false}
            render={(user) => <ActiveChip active={user.active} />}
          />
          <BeijingDateTimeField source="lastLoginAt" sortable={false} />
          <BeijingDateTimeField source="createdAt" />
        </Datagrid>
      </List>
    </AdminOnly>
  );
}
