import { useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../api/http';

/** Notifies a failed call: the translated error code, and the API's detail that says what to do. */
export function useNotifyError() {
  const notify = useNotify();
  const translate = useTranslate();
  return (error: unknown) => {
    if (error instanceof ApiError && error.problem.detail) {
      notify('crm.leads.errorWithDetail', {
        type: 'error',
        messageArgs: { error: translate(error.message), detail: error.problem.detail },
      });
      return;
    }
    notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', { type: 'error' });
  };
}
