import { useNotify } from 'react-admin';
import { ApiError } from '../api/http';
import { useProblemText } from './useProblemText';

/**
 * Notifies a failed call in the user's language: the error's code and its field errors, each
 * after its label among `resource`'s field names.
 */
export function useNotifyError(resource?: string) {
  const notify = useNotify();
  const problemText = useProblemText();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      notify(problemText(error.problem, resource), { type: 'error' });
      return;
    }
    notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', { type: 'error' });
  };
}
