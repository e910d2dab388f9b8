import { malformedInput, MAX_INPUT_DEPTH } from './json-input.hook';

const nested = (depth: number, leaf: string) =>
  JSON.parse(`${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`) as unknown;

describe('malformedInput', () => {
  it('accepts ordinary bodies, pairs of surrogates (emoji) included', () => {
    expect(malformedInput({ name: '北京 😀', tags: ['a', 'b'], n: 1, x: null })).toBeUndefined();
    expect(malformedInput(undefined)).toBeUndefined();
    expect(malformedInput(nested(MAX_INPUT_DEPTH - 1, '{}'))).toBeUndefined();
  });

  it('names the field of a lone surrogate, in a value or a key', () => {
    expect(malformedInput({ email: '\ud800x' })).toEqual({
      field: 'email',
      message: 'is not valid Unicode text',
    });
    expect(malformedInput({ a: { b: ['ok', 'x\udfff'] } })?.field).toBe('a.b[1]');
    expect(malformedInput({ ['k\ud800']: 1 })?.field).toBe('k\ud800');
    expect(malformedInput('\ud800')?.field).toBe('(body)');
  });

  it('refuses nesting past the limit, arrays and objects alike, without overflowing the stack', () => {
    expect(malformedInput(nested(MAX_INPUT_DEPTH, '{}'))?.message).toBe(
      `nests deeper than ${MAX_INPUT_DEPTH} levels`,
    );
    expect(malformedInput(nested(100_000, '1'))?.field).toMatch(/^a(\.a)+$/);
    const arrays = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(malformedInput({ email: arrays })?.field).toMatch(/^email(\[0\])+$/);
  });
});
