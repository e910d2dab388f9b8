import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import {
  AutocompleteInput,
  DateTimeInput,
  Form,
  ReferenceInput,
  required,
  SaveButton,
  TextInput,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { CrmDataProvider } from '../api/dataProvider';
import { ApiError } from '../api/http';
import type { Company, Deal } from '../api/types';
import { beijingWallClock, wallClockToIso } from '../site-visits/beijingTime';
import { dealLabel } from '../site-visits/useVisitLabels';

interface TaskFormValues {
  title: string;
  dueAt: string;
  dealId?: string | null;
  companyId?: string | null;
  notes?: string;
}

const keepWallClock = (value: string | null | undefined) => value ?? '';

/** Tomorrow at 10:00, Beijing time. */
function defaultDue(): string {
  const tomorrow = new Date(Date.now() + 86_400_000);
  return `${beijingWallClock(tomorrow).slice(0, 10)}T10:00`;
}

/** A task is about a deal or a company (the deal's company is implied). */
function LinkInputs() {
  const dealId = useWatch({ name: 'dealId' }) as string | undefined;
  return (
    <>
      <ReferenceInput source="dealId" reference="deals">
        <AutocompleteInput
          optionText={(deal: Deal) => dealLabel(deal)}
          filterToQuery={(q: string) => ({ q })}
        />
      </ReferenceInput>
      {dealId ? null : (
        <ReferenceInput source="companyId" reference="companies">
          <AutocompleteInput
            optionText={(company: Company) => company.name}
            filterToQuery={(q: string) => ({ q })}
          />
        </ReferenceInput>
      )}
    </>
  );
}

/** Adds a task for the current user. */
export function AddTaskDialog({ onClose }: { onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const [failure, setFailure] = useState<ApiError | null>(null);

  const save = async (values: Record<string, unknown>) => {
    const form = values as unknown as TaskFormValues;
    setFailure(null);
    try {
      await dataProvider.create('tasks', {
        data: {
          title: form.title,
          dueAt: wallClockToIso(form.dueAt),
          notes: form.notes || undefined,
          ...(form.dealId ? { dealId: form.dealId } : {}),
          ...(!form.dealId && form.companyId ? { companyId: form.companyId } : {}),
        },
      });
      notify('crm.tasks.added', { type: 'success' });
      refresh();
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error);
      return Object.fromEntries((error.problem.errors ?? []).map((e) => [e.field, e.message]));
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="add-task-title" fullWidth maxWidth="sm">
      <Form onSubmit={save} defaultValues={{ dueAt: defaultDue() }} resource="tasks">
        <DialogTitle id="add-task-title">{translate('crm.tasks.addTitle')}</DialogTitle>
        <DialogContent>
          <TextInput source="title" validate={required()} />
          <DateTimeInput
            source="dueAt"
            label="crm.tasks.dueAtBeijing"
            format={keepWallClock}
            validate={required()}
          />
          <LinkInputs />
          <TextInput source="notes" multiline minRows={2} />
          {failure ? (
            <Alert severity="error">
              {translate(failure.message)}
              {failure.problem.detail ? ` — ${failure.problem.detail}` : ''}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('crm.common.cancel')}</Button>
          <SaveButton alwaysEnable />
        </DialogActions>
      </Form>
    </Dialog>
  );
}
