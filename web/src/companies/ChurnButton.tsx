import { useState } from 'react';
import {
  Button,
  required,
  TextInput,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { Typography } from '@mui/material';
import LogoutIcon from '@mui/icons-material/Logout';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Company } from '../api/types';
import { FormDialog } from './FormDialog';

/**
 * For managers: a signed firm or tenant leaves the park (`POST companies/:id/churn`); the API
 * suspends its compute-center account through the outbox.
 */
export function ChurnButton() {
  const company = useRecordContext<Company>();
  const { canAccess } = useCanAccess({ action: 'churn', resource: 'companies' });
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!canAccess || !company || (company.status !== 'signed' && company.status !== 'tenant'))
    return null;
  const churn = async (values: Record<string, unknown>) => {
    await dataProvider.call('POST', `/companies/${company.id}/churn`, {
      body: { reason: values.reason },
      version: company.version,
    });
    notify(translate('crm.companies.churn.done', { name: company.name }), { type: 'success' });
    refresh();
  };
  return (
    <>
      <Button label="crm.companies.churn.button" onClick={() => setOpen(true)}>
        <LogoutIcon />
      </Button>
      {open ? (
        <FormDialog
          title={translate('crm.companies.churn.title', { name: company.name })}
          onClose={() => setOpen(false)}
          onSubmit={churn}
          onError={(error) => {
            refresh();
            notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
              type: 'error',
            });
          }}
        >
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('crm.companies.churn.intro')}
          </Typography>
          <TextInput
            source="reason"
            label="crm.companies.churn.reason"
            validate={required()}
            multiline
            fullWidth
          />
        </FormDialog>
      ) : null}
    </>
  );
}
