import { ERROR_CATALOG } from '../../../src/common/errors/error-codes';
import { messages } from './common-messages';

describe('the API’s error codes in the web admin', () => {
  it.each(['zh', 'en'] as const)(
    'has a %s message for every code the API answers with',
    (locale) => {
      const errors = (messages[locale].crm as { errors: Record<string, unknown> }).errors;
      const missing = Object.keys(ERROR_CATALOG).filter(
        (code) => typeof errors[code] !== 'string' || errors[code] === '',
      );
      expect(missing).toEqual([]);
    },
  );
});
