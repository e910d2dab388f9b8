import { useTranslate } from 'react-admin';
import { fieldErrorKey, type Problem } from '../api/http';

/**
 * A refusal in the user's language: the problem's code, then its field errors by their codes,
 * each after its field's label (from `resource`'s field names). Never the API's English detail.
 */
export function useProblemText() {
  const translate = useTranslate();
  return (problem: Problem, resource?: string): string => {
    const title = translate(`crm.errors.${problem.code}`, {
      _: translate('crm.errors.BAD_REQUEST'),
    });
    const fields = (problem.errors ?? []).map((error) => {
      const label = resource
        ? translate(`resources.${resource}.fields.${error.field}`, { _: error.field })
        : error.field;
      return `${label}：${translate(fieldErrorKey(error), error.params)}`;
    });
    return [title, ...fields].join('；');
  };
}
