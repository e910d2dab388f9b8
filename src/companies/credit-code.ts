import type { FieldErrorCode } from '../common/errors/field-error-codes';

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
 * 31-character alphabet (digits and capitals without I, O, Z, S, V); the last is a check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeProblem = 'length' | 'characters' | 'check-digit';

/** Upper-cases and drops spaces, so that `9111 0108 …` typed by a person still matches. */
export function normaliseCreditCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce(
    (total, char, i) => total + ALPHABET.indexOf(char) * WEIGHTS[i],
    0,
  );
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a (normalised) code is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'characters';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check-digit';
}

/** The field-error code of each problem (the lead import's row errors use the same). */
export const CREDIT_CODE_ERROR_CODES = {
  length: 'credit_code_length',
  characters: 'credit_code_characters',
  'check-digit': 'credit_code_check',
} as const satisfies Record<CreditCodeProblem, FieldErrorCode>;

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: 'must be 18 characters',
  characters:
    'may hold only digits and capital letters other than I, O, Z, S and V, with digits in places 3–8',
  'check-digit': 'has a wrong check character (the 18th): check for a mistyped character',
};
