import { useState } from 'react';
import {
  BooleanInput,
  Create,
  DeleteWithConfirmButton,
  Edit,
  email,
  maxLength,
  PasswordInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useGetIdentity,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { Alert, Box } from '@mui/material';
import { ApiError } from '../api/http';
import { userDtoRoleValues } from '../api/schema';
import { useVersionConflict } from '../common/CrmEdit';
import { VersionConflictDialog } from '../common/VersionConflictDialog';
import { enumChoices } from '../common/enums';
import { AdminOnly } from './AdminOnly';
import type { User } from './types';

const roleChoices = enumChoices('role', userDtoRoleValues);

/**
 * The API refuses an admin's change to their own access (deactivating, deleting or demoting
 * themself) with a CONFLICT: say what it means rather than a generic conflict.
 */
function refusalKey(error: unknown): string | null {
  return error instanceof ApiError && error.code === 'CONFLICT' ? 'crm.users.selfRefused' : null;
}

function UserTitle() {
  const user = useRecordContext<User>();
  const translate = useTranslate();
  return (
    <span>
      {translate('crm.users.title')}
      {user ? ` · ${user.displayName}` : ''}
    </span>
  );
}

/** Creates a staff user; the API checks the password against its policy and says why it refuses. */
export function UserCreate() {
  const translate = useTranslate();
  return (
    <AdminOnly resource="users" title="crm.users.create">
      <Create title="crm.users.create" redirect="list">
        <SimpleForm defaultValues={{ role: 'promoter' }}>
          <TextInput
            source="email"
            type="email"
            validate={[required(), email(), maxLength(254)]}
            sx={{ minWidth: 320 }}
          />
          <TextInput source="displayName" validate={[required(), maxLength(100)]} />
          <SelectInput source="role" choices={roleChoices} validate={required()} />
          <PasswordInput
            source="password"
            validate={required()}
            helperText={translate('crm.users.passwordPolicy')}
            autoComplete="new-password"
          />
        </SimpleForm>
      </Create>
    </AdminOnly>
  );
}

function UserEditToolbar() {
  const notify = useNotify();
  const user = useRecordContext<User>();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {user ? (
        <DeleteWithConfirmButton
          mutationMode="pessimistic"
          confirmTitle="crm.users.deleteTitle"
          confirmContent="crm.users.deleteBody"
          translateOptions={{ name: user.displayName }}
          mutationOptions={{
            onError: (error: unknown) =>
              notify(
                refusalKey(error) ??
                  (error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR'),
                { type: 'error' },
              ),
          }}
        />
      ) : null}
    </Toolbar>
  );
}

function SelfNotice() {
  const user = useRecordContext<User>();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!user || !identity || identity.id !== user.id) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      {translate('crm.users.self')}
    </Alert>
  );
}

/** Role, name, e-mail, active and a new password; saved with If-Match on the user's version. */
export function UserEdit() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const notify = useNotify();
  const [generation, setGeneration] = useState(0);
  const { conflict, close, onError } = useVersionConflict('users');
  return (
    <AdminOnly resource="users" title="crm.users.title">
      <Edit
        key={generation}
        title={<UserTitle />}
        mutationMode="pessimistic"
        redirect="list"
        // An empty password field means "keep the password".
        transform={(data: RaRecord) => {
          const { password, ...rest } = data;
          return password ? { ...rest, password } : rest;
        }}
        mutationOptions={{
          onError: (error: unknown, variables: { previousData?: RaRecord } | undefined) => {
            const refused = refusalKey(error);
            if (refused) notify(refused, { type: 'error' });
            else
              void onError(
                error,
                variables?.previousData,
                String(variables?.previousData?.displayName ?? ''),
              );
          },
        }}
      >
        <SimpleForm toolbar={<UserEditToolbar />}>
          <SelfNotice />
          <Box sx={{ display: 'flex', flexDirection: 'column', minWidth: 320 }}>
            <TextInput source="displayName" validate={[required(), maxLength(100)]} />
            <TextInput
              source="email"
              type="email"
              validate={[required(), email(), maxLength(254)]}
            />
            <SelectInput source="role" choices={roleChoices} validate={required()} />
            <BooleanInput source="active" helperText={translate('crm.users.activeHelp')} />
            <PasswordInput
              source="password"
              label="crm.users.newPassword"
              helperText={translate('crm.users.newPasswordHelp')}
              autoComplete="new-password"
            />
          </Box>
        </SimpleForm>
      </Edit>
      <VersionConflictDialog
        conflict={conflict}
        resource="users"
        onClose={close}
        onReload={() => {
          close();
          refresh();
          setGeneration((n) => n + 1);
        }}
      />
    </AdminOnly>
  );
}
