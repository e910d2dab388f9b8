import { useId, type ReactNode } from 'react';
import { Button, Form, SaveButton, useNotify, type RaRecord } from 'react-admin';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { ApiError } from '../api/http';

export type FormValues = Record<string, unknown>;

/**
 * A small react-admin form in a dialog, for the company's child records. The API's field errors
 * show at the fields; other failures go to `onError` (a version conflict, say) or a notification.
 */
export function FormDialog({
  title,
  record,
  onClose,
  onSubmit,
  onError,
  children,
}: {
  /** Already translated. */
  title: string;
  record?: Partial<RaRecord>;
  onClose: () => void;
  onSubmit: (values: FormValues) => Promise<unknown>;
  onError?: (error: unknown) => void;
  children: ReactNode;
}) {
  const notify = useNotify();
  const titleId = useId();
  const submit = async (values: FormValues) => {
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      const fieldErrors = error instanceof ApiError ? error.body?.errors : undefined;
      if (onError && !fieldErrors) onError(error);
      else
        notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
          type: 'error',
        });
      if (fieldErrors) return fieldErrors as FormValues;
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      {/* An empty record for a new one: otherwise the form would start from the company shown. */}
      <Form record={record ?? {}} onSubmit={submit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <SaveButton alwaysEnable={!record?.id} />
        </DialogActions>
      </Form>
    </Dialog>
  );
}
