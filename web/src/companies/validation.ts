import {
  email,
  maxLength,
  maxValue,
  minValue,
  number,
  regex,
  required,
  type Validator,
} from 'react-admin';
import { isValidPhoneNumber } from 'libphonenumber-js/max';

/** Client checks that mirror the API's DTOs, so most mistakes show before a round trip. */

/** As the API reads phone numbers: Chinese unless written with + and a country code. */
const PHONE_REGION = 'CN';

/** A phone number the API accepts (the same library, the same default country). */
export const phoneNumber: Validator = (value: unknown) =>
  typeof value === 'string' && value.trim() && !isValidPhoneNumber(value.trim(), PHONE_REGION)
    ? 'crm.fieldErrors.isPhoneNumber'
    : undefined;

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** As the API folds a typed code: full-width to half-width, no spaces, capitals. */
export function normaliseCreditCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce(
    (total, char, i) => total + CREDIT_ALPHABET.indexOf(char) * CREDIT_WEIGHTS[i],
    0,
  );
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** The unified social credit code of GB 32100-2015 (18 characters, the last a check character). */
const creditCode: Validator = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const code = normaliseCreditCode(value);
  if (code.length !== 18) return 'crm.companies.validation.creditCodeLength';
  if (!CREDIT_SHAPE.test(code)) return 'crm.companies.validation.creditCodeCharacters';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17])
    return 'crm.companies.validation.creditCodeCheck';
  return undefined;
};

const integer: Validator = (value: unknown) =>
  value === null || value === undefined || value === '' || Number.isInteger(Number(value))
    ? undefined
    : 'crm.companies.validation.integer';

const tags: Validator = (value: unknown) =>
  Array.isArray(value) &&
  value.some((tag) => String(tag).trim().length === 0 || String(tag).length > 30)
    ? 'crm.companies.validation.tag'
    : Array.isArray(value) && value.length > 20
      ? 'crm.companies.validation.tagCount'
      : undefined;

/** A decimal amount in yuan, as the API takes money. */
export const yuan = regex(/^\d{1,16}(\.\d{1,2})?$/, 'crm.companies.validation.yuan');

export const validateCompany = {
  name: [required(), maxLength(200)],
  nameEn: [maxLength(200)],
  creditCode: [creditCode],
  aiSegment: [required()],
  headcount: [number(), integer, minValue(0), maxValue(10_000_000)],
  registeredCapital: [yuan],
  hqCity: [maxLength(100)],
  website: [regex(/^https?:\/\/\S+$/i, 'crm.companies.validation.url'), maxLength(300)],
  tags: [tags],
  listingExchange: [maxLength(50)],
  ticker: [maxLength(20)],
};

export const validateContact = {
  name: [required(), maxLength(100)],
  title: [maxLength(100)],
  phone: [maxLength(40), phoneNumber],
  email: [email(), maxLength(254)],
  wechat: [maxLength(100)],
  notes: [maxLength(2000)],
};

export const validateRevenue = {
  year: [required(), integer, minValue(1990), maxValue(2100)],
  revenue: [required(), yuan],
  aiRevenue: [yuan],
  source: [maxLength(200)],
};
