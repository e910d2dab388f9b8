import { useId, useState } from 'react';
import {
  Button,
  Confirm,
  Datagrid,
  DateTimeInput,
  FunctionField,
  List,
  maxLength,
  required,
  TextField,
  TextInput,
  TopToolbar,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Stack,
  TextField as MuiTextField,
  Tooltip,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import BlockIcon from '@mui/icons-material/Block';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { CrmDataProvider } from '../api/dataProvider';
import { BeijingDateTimeField } from '../common/fields';
import { FormDialog, type FormValues } from '../companies/FormDialog';
import { StatusChip } from '../compute/AccountParts';
import { AdminOnly } from './AdminOnly';
import type { ApiKey, CreatedApiKey } from './types';

/** The new key, shown once: the API keeps only its hash. */
function SecretDialog({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const titleId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      notify('crm.apiKeys.copied', { type: 'success' });
    } catch {
      notify('crm.apiKeys.copyFailed', { type: 'warning' });
    }
  };
  return (
    <Dialog open aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>
        {translate('crm.apiKeys.secretTitle', { name: created.name })}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Alert severity="warning">{translate('crm.apiKeys.secretWarning')}</Alert>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <MuiTextField
              label={translate('crm.apiKeys.secret')}
              value={created.key}
              fullWidth
              slotProps={{
                htmlInput: {
                  readOnly: true,
                  spellCheck: false,
                  style: { fontFamily: 'monospace' },
                },
              }}
              onFocus={(event) => event.target.select()}
            />
            <Tooltip title={translate('crm.apiKeys.copy')}>
              <IconButton aria-label={translate('crm.apiKeys.copy')} onClick={() => void copy()}>
                <ContentCopyIcon />
              </IconButton>
            </Tooltip>
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button label="crm.apiKeys.saved" variant="contained" onClick={onClose} />
      </DialogActions>
    </Dialog>
  );
}

function CreateKeyButton() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const submit = async (values: FormValues) => {
    const body: Record<string, unknown> = { name: values.name };
    if (values.expiresAt)
      body.expiresAt = new Date(values.expiresAt as string | Date).toISOString();
    const key = await dataProvider.call<CreatedApiKey>('POST', '/api-keys', {
      body,
      idempotencyKey: false,
    });
    setCreated(key);
    refresh();
  };
  return (
    <>
      <Button label="crm.apiKeys.create" onClick={() => setOpen(true)}>
        <AddIcon />
      </Button>
      {open ? (
        <FormDialog
          title={translate('crm.apiKeys.create')}
          onClose={() => setOpen(false)}
          onSubmit={submit}
        >
          <TextInput
            source="name"
            label="resources.api-keys.fields.name"
            validate={[required(), maxLength(100)]}
            fullWidth
            helperText="crm.apiKeys.nameHelp"
          />
          <DateTimeInput
            source="expiresAt"
            label="resources.api-keys.fields.expiresAt"
            helperText="crm.apiKeys.expiresHelp"
          />
        </FormDialog>
      ) : null}
      {created ? <SecretDialog created={created} onClose={() => setCreated(null)} /> : null}
    </>
  );
}

// `label` is the column's header, read by the Datagrid.
function RevokeButton(_props: { label?: string }) {
  const key = useRecordContext<ApiKey>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!key || key.revokedAt) return null;
  const revoke = async () => {
    setBusy(true);
    try {
      await dataProvider.call('DELETE', `/api-keys/${key.id}`, { version: key.version });
      notify('crm.apiKeys.revoked', { type: 'success', messageArgs: { name: key.name } });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  const label = translate('crm.apiKeys.revokeOf', { name: key.name });
  return (
    <>
      <Button
        label="crm.apiKeys.revoke"
        aria-label={label}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        disabled={busy}
      >
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate('crm.apiKeys.revokeTitle', { name: key.name })}
        content="crm.apiKeys.revokeBody"
        confirm="crm.apiKeys.revoke"
        onConfirm={() => void revoke()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

function KeyStatus({ apiKey }: { apiKey: ApiKey }) {
  const translate = useTranslate();
  const expired = !!apiKey.expiresAt && new Date(apiKey.expiresAt) <= new Date();
  if (apiKey.revokedAt)
    return <StatusChip label={translate('crm.apiKeys.status.revoked')} tone="bad" />;
  if (expired) return <StatusChip label={translate('crm.apiKeys.status.expired')} tone="warn" />;
  return <StatusChip label={translate('crm.apiKeys.status.active')} tone="good" />;
}

/** Keys of machine clients (admins): created with the secret shown once, revoked for good. */
export function ApiKeyList() {
  return (
    <AdminOnly resource="api-keys" title="crm.apiKeys.title">
      <List
        title="crm.apiKeys.title"
        sort={{ field: 'createdAt', order: 'DESC' }}
        exporter={false}
        actions={
          <TopToolbar>
            <CreateKeyButton />
          </TopToolbar>
        }
        empty={false}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="name" sortable={false} />
          <TextField source="prefix" sortable={false} />
          <FunctionField<ApiKey>
            source="role"
            sortable={false}
            render={(apiKey) => <TranslatedRole role={apiKey.role} />}
          />
          <BeijingDateTimeField source="createdAt" sortable={false} />
          <BeijingDateTimeField source="lastUsedAt" sortable={false} />
          <BeijingDateTimeField source="expiresAt" sortable={false} />
          <BeijingDateTimeField source="revokedAt" sortable={false} />
          <FunctionField<ApiKey>
            label="crm.apiKeys.statusLabel"
            render={(apiKey) => <KeyStatus apiKey={apiKey} />}
          />
          <RevokeButton label="crm.apiKeys.actions" />
        </Datagrid>
      </List>
    </AdminOnly>
  );
}

function TranslatedRole({ role }: { role: string }) {
  const translate = useTranslate();
  return <>{translate(`crm.enums.role.${role}`)}</>;
}
