import { useState } from 'react';
import {
  BooleanField,
  BooleanInput,
  Button,
  Confirm,
  Datagrid,
  EmailField,
  ReferenceManyField,
  TextField,
  TextInput,
  useDataProvider,
  useDelete,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { IconButton, Stack, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Company, Contact } from '../api/types';
import { useVersionConflict } from '../common/CrmEdit';
import { VersionConflictDialog } from '../common/VersionConflictDialog';
import { FormDialog, type FormValues } from './FormDialog';
import { validateContact } from './validation';
import { useAllowed } from '../auth/useAllowed';

/** Only the fields the user filled: the API rejects empty strings for optional contact fields. */
function filled(values: FormValues): FormValues {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== '' && value !== null),
  );
}

function ContactInputs({ primaryLocked }: { primaryLocked: boolean }) {
  return (
    <>
      <TextInput source="name" resource="contacts" validate={validateContact.name} fullWidth />
      <TextInput source="title" resource="contacts" validate={validateContact.title} fullWidth />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextInput source="phone" resource="contacts" validate={validateContact.phone} />
        <TextInput source="email" resource="contacts" validate={validateContact.email} />
        <TextInput source="wechat" resource="contacts" validate={validateContact.wechat} />
      </Stack>
      <BooleanInput
        source="isPrimary"
        resource="contacts"
        disabled={primaryLocked}
        helperText={primaryLocked ? 'crm.companies.contacts.primaryLocked' : false}
      />
      <TextInput
        source="notes"
        resource="contacts"
        validate={validateContact.notes}
        multiline
        minRows={2}
        fullWidth
      />
    </>
  );
}

/**
 * Adds or edits a contact. Contacts are changes to their company (the company's owner makes
 * them), but each carries its own version for If-Match.
 */
function ContactDialog({
  company,
  contact,
  onClose,
}: {
  company: Company;
  contact?: Contact;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { conflict, close, onError } = useVersionConflict('contacts');
  const save = async (values: FormValues) => {
    if (contact)
      await dataProvider.update('contacts', {
        id: contact.id,
        data: values,
        previousData: contact,
      });
    else
      await dataProvider.call('POST', `/companies/${company.id}/contacts`, {
        body: filled(values),
      });
    notify('crm.companies.contacts.saved', { type: 'success' });
    refresh();
  };
  return (
    <>
      <FormDialog
        title={
          contact
            ? translate('crm.companies.contacts.editOf', { name: contact.name })
            : translate('crm.companies.contacts.add')
        }
        record={contact}
        onClose={onClose}
        onSubmit={save}
        onError={(error) => void onError(error, contact, contact?.name ?? '')}
      >
        <ContactInputs primaryLocked={!!contact?.isPrimary} />
      </FormDialog>
      <VersionConflictDialog
        conflict={conflict}
        resource="contacts"
        onClose={close}
        onReload={() => {
          close();
          onClose();
          refresh();
        }}
      />
    </>
  );
}

function DeleteContactButton() {
  const contact = useRecordContext<Contact>();
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [remove, { isPending }] = useDelete<Contact>();
  if (!contact) return null;
  const confirm = () =>
    remove(
      'contacts',
      { id: contact.id, previousData: contact },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify('crm.companies.contacts.deleted', { type: 'success' });
        },
        onError: (error) => {
          setOpen(false);
          notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
            type: 'error',
          });
        },
      },
    );
  const label = translate('crm.companies.contacts.deleteOf', { name: contact.name });
  return (
    <>
      <Tooltip title={label}>
        <IconButton aria-label={label} size="small" onClick={() => setOpen(true)}>
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={translate('crm.companies.contacts.deleteTitle', { name: contact.name })}
        content="crm.companies.contacts.deleteBody"
        onConfirm={() => void confirm()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

function ContactActions({ onEdit }: { onEdit: (contact: Contact) => void; label?: string }) {
  const contact = useRecordContext<Contact>();
  const translate = useTranslate();
  if (!contact) return null;
  const label = translate('crm.companies.contacts.editOf', { name: contact.name });
  return (
    <Stack direction="row">
      <Tooltip title={label}>
        <IconButton aria-label={label} size="small" onClick={() => onEdit(contact)}>
          <EditIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <DeleteContactButton />
    </Stack>
  );
}

export function ContactsTab() {
  const company = useRecordContext<Company>();
  const canChange = useAllowed('update', 'companies', company, !!company);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const translate = useTranslate();
  if (!company) return null;
  return (
    <>
      {canChange ? (
        <Button label="crm.companies.contacts.add" onClick={() => setEditing('new')}>
          <AddIcon />
        </Button>
      ) : null}
      <ReferenceManyField
        reference="contacts"
        target="companyId"
        empty={
          <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
            {translate('crm.companies.contacts.empty')}
          </Typography>
        }
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="name" />
          <TextField source="title" emptyText="—" />
          <TextField source="phone" emptyText="—" />
          <EmailField source="email" emptyText="—" />
          <TextField source="wechat" emptyText="—" />
          <BooleanField source="isPrimary" />
          {canChange ? (
            <ContactActions label="ra.action.edit" onEdit={(contact) => setEditing(contact)} />
          ) : null}
        </Datagrid>
      </ReferenceManyField>
      {editing ? (
        <ContactDialog
          company={company}
          contact={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
