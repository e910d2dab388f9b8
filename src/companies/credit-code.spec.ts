import { creditCodeCheckCharacter, creditCodeProblem, normaliseCreditCode } from './credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Published codes of real firms and a standard's example.
const VALID = ['91350100M000100Y43', '91110000802100433B', '91110108551385082Q'];

describe('unified social credit code', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it('accepts generated codes whose check character is computed', () => {
    for (const body of [
      '91110109MA01ABCDE',
      '12100000400000716',
      '52110000500000186',
      '93110108MA00TEXT1',
    ]) {
      expect(creditCodeProblem(body + creditCodeCheckCharacter(body))).toBeNull();
    }
  });

  it('rejects every single-character corruption of a valid code', () => {
    for (const code of VALID) {
      for (let i = 0; i < 18; i++) {
        for (const replacement of ALPHABET) {
          if (replacement === code[i]) continue;
          const corrupted = code.slice(0, i) + replacement + code.slice(i + 1);
          expect({ corrupted, problem: creditCodeProblem(corrupted) }).not.toEqual({
            corrupted,
            problem: null,
          });
        }
      }
    }
  });

  it('names the problem', () => {
    expect(creditCodeProblem('9135010')).toBe('length');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('characters');
    expect(creditCodeProblem('9135AB00M000100Y43')).toBe('characters');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check-digit');
  });

  it('folds spaces, lower case and full-width characters before checking', () => {
    expect(normaliseCreditCode(' 9135 0100m0001 00y43 ')).toBe('91350100M000100Y43');
    expect(normaliseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
  });
});
