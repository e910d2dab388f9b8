import { useState, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormHelperText,
  FormLabel,
  Rating,
} from '@mui/material';
import {
  Form,
  required,
  SaveButton,
  TextInput,
  useDataProvider,
  useInput,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import { ApiError } from '../api/http';
import type { SiteVisit } from '../api/types';
import { useProblemText } from '../common/useProblemText';

export type VisitAction = 'complete' | 'cancel' | 'no-show';

/** Interest after the visit, 1 to 5 stars. */
function InterestInput() {
  const translate = useTranslate();
  const { field, fieldState, id } = useInput({ source: 'interest', validate: required() });
  const labelId = `${id}-label`;
  return (
    <Box sx={{ my: 1 }}>
      <FormLabel id={labelId} required>
        {translate('resources.site-visits.fields.interest')}
      </FormLabel>
      <Rating
        name={field.name}
        value={field.value ?? null}
        onChange={(_event, value) => field.onChange(value)}
        onBlur={field.onBlur}
        aria-labelledby={labelId}
        getLabelText={(value) => translate('crm.visits.interestValue', { smart_count: value })}
        sx={{ display: 'flex' }}
      />
      {fieldState.error ? (
        <FormHelperText error>{translate('ra.validation.required')}</FormHelperText>
      ) : null}
    </Box>
  );
}

const ACTION_INPUTS: Record<VisitAction, ReactNode> = {
  complete: (
    <>
      <InterestInput />
      <TextInput
        source="notes"
        label="resources.site-visits.fields.outcomeNotes"
        multiline
        minRows={3}
      />
      <TextInput source="nextStep" />
    </>
  ),
  cancel: <TextInput source="reason" label="crm.common.reason" validate={required()} multiline />,
  'no-show': null,
};

/** Records a visit's outcome, cancels it (with a reason) or marks it missed, with If-Match. */
export function VisitActionDialog({
  visit,
  action,
  onClose,
  onDone,
}: {
  visit: SiteVisit;
  action: VisitAction;
  onClose: () => void;
  onDone: () => void;
}) {
  const translate = useTranslate();
  const problemText = useProblemText();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const titleId = `visit-${action}-title`;

  const submit = async (values: Record<string, unknown>) => {
    setFailure(null);
    const body =
      action === 'complete'
        ? {
            interest: values.interest,
            notes: (values.notes as string | undefined) || undefined,
            nextStep: (values.nextStep as string | undefined) || undefined,
          }
        : action === 'cancel'
          ? { reason: values.reason }
          : undefined;
    try {
      await dataProvider.call('POST', `/site-visits/${visit.id}/${action}`, {
        body,
        version: visit.version,
      });
      notify(`crm.visits.done.${action}`, { type: 'success' });
      refresh();
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error);
      if (error.status === 412) refresh();
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="xs">
      <Form onSubmit={submit} resource="site-visits">
        <DialogTitle id={titleId}>{translate(`crm.visits.actions.${action}`)}</DialogTitle>
        <DialogContent>
          {action === 'no-show' ? translate('crm.visits.noShowConfirm') : ACTION_INPUTS[action]}
          {failure ? (
            <Alert severity="error" sx={{ mt: 1 }}>
              {problemText(failure.problem, 'site-visits')}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('crm.common.cancel')}</Button>
          <SaveButton alwaysEnable label={`crm.visits.confirm.${action}`} />
        </DialogActions>
      </Form>
    </Dialog>
  );
}
