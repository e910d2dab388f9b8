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
import { ApiError, formErrorsOf } from '../api/http';
import type { Company, Deal } from '../api/types';
import { beijingWallClock, wallClockToIso } from '../site-visits/beijingTime';
import { dealLabel } from '../site-visits/useVisitLabels';
import { useProblemText } from '../common/useProblemText';

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

/** Adds a task for the current user: on the deal given, or on a deal or company chosen here. */
export function AddTaskDialog({ onClose, deal }: { onClose: () => void; deal?: Deal }) {
  const translate = useTranslate();
  const problemText = useProblemText();
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
          ...(deal ? { dealId: deal.id } : {}),
          ...(!deal && form.dealId ? { dealId: form.dealId } : {}),
          ...(!deal && !form.dealId && form.companyId ? { companyId: form.companyId } : {}),
        },
      });
      notify('crm.tasks.added', { type: 'success' });
      refresh();
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error);
      return formErrorsOf(error.problem);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="add-task-title" fullWidth maxWidth="sm">
      {/* Its own record: on a deal page the form would otherwise start from the deal. */}
      <Form record={{}} onSubmit={save} defaultValues={{ dueAt: defaultDue() }} resource="tasks">
        <DialogTitle id="add-task-title">{translate('crm.tasks.addTitle')}</DialogTitle>
        <DialogContent>
          <TextInput source="title" validate={required()} />
          <DateTimeInput
            source="dueAt"
            label="crm.tasks.dueAtBeijing"
            format={keepWallClock}
            validate={required()}
          />
          {deal ? null : <LinkInputs />}
          <TextInput source="notes" multiline minRows={2} />
          {failure ? <Alert severity="error">{problemText(failure.problem, 'tasks')}</Alert> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('crm.common.cancel')}</Button>
          <SaveButton alwaysEnable />
        </DialogActions>
      </Form>
    </Dialog>
  );
}
