import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Phone numbers without a country code are read as Chinese. */
export const PHONE_REGION = 'CN';

/** The constraint's name: the field error's code (the web admin words it). */
export const PHONE_NUMBER_CODE = 'isPhoneNumber';

/** Whether a phone number exists in the numbering plan (Chinese unless written with +). */
export function isPhoneNumber(value: unknown): boolean {
  return typeof value === 'string' && isValidPhoneNumber(value, PHONE_REGION);
}

/**
 * A phone number that exists in the numbering plan (libphonenumber's full metadata): Chinese
 * when written without a country code, any country's when it starts with + and the code.
 * class-validator's own IsPhoneNumber('CN') refuses every foreign number.
 */
export function IsPhone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: PHONE_NUMBER_CODE,
      validator: {
        validate: isPhoneNumber,
        defaultMessage: () => '$property must be a phone number (Chinese, or + and a country code)',
      },
    },
    options,
  );
}
