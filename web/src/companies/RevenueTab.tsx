import { useState } from 'react';
import {
  Button,
  Datagrid,
  NumberField,
  NumberInput,
  ReferenceManyField,
  TextField,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { IconButton, Stack, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import { changedFields, type CrmDataProvider } from '../api/dataProvider';
import type { Company, Schemas } from '../api/types';
import { MoneyField } from '../common/fields';
import { FormDialog, type FormValues } from './FormDialog';
import { validateRevenue } from './validation';
import { useAllowed } from '../auth/useAllowed';

type Revenue = Schemas['RevenueDto'];

function RevenueInputs() {
  return (
    <>
      <NumberInput
        source="year"
        label="crm.companies.revenue.year"
        validate={validateRevenue.year}
        min={1990}
        max={2100}
        step={1}
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextInput
          source="revenue"
          label="crm.companies.revenue.revenue"
          helperText="crm.companies.help.registeredCapital"
          validate={validateRevenue.revenue}
        />
        <TextInput
          source="aiRevenue"
          label="crm.companies.revenue.aiRevenue"
          helperText="crm.companies.help.registeredCapital"
          validate={validateRevenue.aiRevenue}
        />
      </Stack>
      <TextInput
        source="source"
        label="crm.companies.revenue.source"
        validate={validateRevenue.source}
        fullWidth
      />
    </>
  );
}

/** Adds a year's revenue or corrects one (one record per year; the API refuses a second). */
function RevenueDialog({
  company,
  revenue,
  onClose,
}: {
  company: Company;
  revenue?: Revenue;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const path = `/companies/${company.id}/revenues`;
  const save = async (values: FormValues) => {
    if (revenue) {
      const patch = changedFields(values, revenue);
      if (Object.keys(patch).length > 0)
        await dataProvider.call('PATCH', `${path}/${revenue.id}`, {
          body: patch,
          version: revenue.version,
        });
    } else {
      const body = Object.fromEntries(
        Object.entries(values).filter(([, value]) => value !== '' && value !== null),
      );
      await dataProvider.call('POST', path, { body });
    }
    notify('crm.companies.revenue.saved', { type: 'success' });
    refresh();
  };
  return (
    <FormDialog
      title={
        revenue
          ? translate('crm.companies.revenue.editOf', { year: revenue.year })
          : translate('crm.companies.revenue.add')
      }
      record={revenue}
      onClose={onClose}
      onSubmit={save}
      onError={(error) => {
        // A 412 here means someone else changed this year: show theirs and let the user retry.
        refresh();
        notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
          type: 'error',
        });
      }}
    >
      <RevenueInputs />
    </FormDialog>
  );
}

function EditRevenueButton({ onEdit }: { onEdit: (revenue: Revenue) => void; label?: string }) {
  const revenue = useRecordContext<Revenue>();
  const translate = useTranslate();
  if (!revenue) return null;
  const label = translate('crm.companies.revenue.editOf', { year: revenue.year });
  return (
    <Tooltip title={label}>
      <IconButton aria-label={label} size="small" onClick={() => onEdit(revenue)}>
        <EditIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}

export function RevenueTab() {
  const company = useRecordContext<Company>();
  const translate = useTranslate();
  const canChange = useAllowed('update', 'companies', company, !!company);
  const [editing, setEditing] = useState<Revenue | 'new' | null>(null);
  if (!company) return null;
  return (
    <>
      {canChange ? (
        <Button label="crm.companies.revenue.add" onClick={() => setEditing('new')}>
          <AddIcon />
        </Button>
      ) : null}
      <ReferenceManyField
        reference="revenues"
        target="companyId"
        empty={
          <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
            {translate('crm.companies.revenue.empty')}
          </Typography>
        }
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <NumberField
            source="year"
            label="crm.companies.revenue.year"
            options={{ useGrouping: false }}
          />
          <MoneyField source="revenue" label="crm.companies.revenue.revenue" />
          <MoneyField source="aiRevenue" label="crm.companies.revenue.aiRevenue" />
          <TextField source="source" label="crm.companies.revenue.source" emptyText="—" />
          {canChange ? (
            <EditRevenueButton label="ra.action.edit" onEdit={(revenue) => setEditing(revenue)} />
          ) : null}
        </Datagrid>
      </ReferenceManyField>
      {editing ? (
        <RevenueDialog
          company={company}
          revenue={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
