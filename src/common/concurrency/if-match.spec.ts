import { ProblemException } from '../errors/problem.exception';
import { parseIfMatch } from './if-match.decorator';

const codeOf = (header: string | undefined) => {
  try {
    parseIfMatch(header);
  } catch (error) {
    return (error as ProblemException).code;
  }
  return undefined;
};

describe('parseIfMatch', () => {
  it('reads strong and weak ETags', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch(' W/"12" ')).toBe(12);
  });

  it('asks for the header when it is missing or a wildcard (a blind overwrite)', () => {
    expect(codeOf(undefined)).toBe('PRECONDITION_REQUIRED');
    expect(codeOf('')).toBe('PRECONDITION_REQUIRED');
    expect(codeOf('*')).toBe('PRECONDITION_REQUIRED');
  });

  it('rejects what is not a version ETag', () => {
    expect(codeOf('3')).toBe('INVALID_IF_MATCH');
    expect(codeOf('"abc"')).toBe('INVALID_IF_MATCH');
    expect(codeOf('"1", "2"')).toBe('INVALID_IF_MATCH');
    expect(codeOf('"99999999999"')).toBe('INVALID_IF_MATCH');
  });
});
