import { useLocaleState, useTranslate } from 'react-admin';
import { ApiError, fieldErrorKey } from '../api/http';
import { formatYuan } from './programs';

/**
 * An API refusal as a sentence in the interface's language, keyed by the problem's `code`: over
 * budget names what the program has left; a field error names the field.
 */
export function useRefusalText() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return translate('crm.errors.INTERNAL_ERROR');
    const { problem } = error;
    if (problem.code === 'BUDGET_EXCEEDED' && typeof problem.remaining === 'string')
      return translate('crm.incentives.errors.budgetExceeded', {
        remaining: formatYuan(problem.remaining, locale),
      });
    const text = translate(`crm.errors.${problem.code}`, { _: problem.title });
    const field = problem.errors?.[0];
    if (field)
      return translate('crm.incentives.errors.field', {
        error: text,
        field: translate(`resources.applications.fields.${field.field}`, { _: field.field }),
        message: translate(fieldErrorKey(field), field.params),
      });
    return text;
  };
}
