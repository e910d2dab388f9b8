import { MAX_ARRAY_ITEMS, MAX_INPUT_DEPTH, MAX_INPUT_KEYS } from './input-budgets';
import { refusedInput } from './json-input.hook';

const nested = (depth: number, leaf: string) =>
  JSON.parse(`${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`) as unknown;

describe('refusedInput', () => {
  it('accepts ordinary bodies, pairs of surrogates (emoji) included', () => {
    expect(refusedInput({ name: '北京 😀', tags: ['a', 'b'], n: 1, x: null })).toBeUndefined();
    expect(refusedInput(undefined)).toBeUndefined();
    expect(refusedInput(nested(MAX_INPUT_DEPTH - 1, '{}'))).toBeUndefined();
  });

  it('names the field of a lone surrogate, in a value or a key', () => {
    expect(refusedInput({ email: '\ud800x' })).toEqual({
      field: 'email',
      code: 'invalid_unicode',
      message: 'is not valid Unicode text',
      oversized: false,
    });
    expect(refusedInput({ a: { b: ['ok', 'x\udfff'] } })?.field).toBe('a.b[1]');
    expect(refusedInput({ ['k\ud800']: 1 })?.field).toBe('k\ud800');
    expect(refusedInput('\ud800')?.field).toBe('(body)');
  });

  it('refuses nesting past the limit, arrays and objects alike, without overflowing the stack', () => {
    expect(refusedInput(nested(MAX_INPUT_DEPTH, '{}'))?.message).toBe(
      `nests deeper than ${MAX_INPUT_DEPTH} levels`,
    );
    expect(refusedInput(nested(100_000, '1'))?.field).toMatch(/^a(\.a)+$/);
    const arrays = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(refusedInput({ email: arrays })?.field).toMatch(/^email(\[0\])+$/);
  });

  it('counts keys at every depth against one budget, and stops walking at the first key over it', () => {
    const keys = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
    expect(refusedInput(keys(MAX_INPUT_KEYS))).toBeUndefined();
    expect(refusedInput({ a: keys(MAX_INPUT_KEYS - 2), b: {} })).toBeUndefined();
    expect(refusedInput(keys(MAX_INPUT_KEYS + 1))).toEqual({
      field: '(body)',
      code: 'too_many_keys',
      message: `holds more than ${MAX_INPUT_KEYS} keys in all`,
      oversized: true,
    });
    const spread = Array.from({ length: 11 }, () => keys(91));
    expect(refusedInput({ list: spread })?.oversized).toBe(true);
    // The walk ends at the budget: a million keys are not all visited (no lone surrogate found).
    const huge = { ...keys(MAX_INPUT_KEYS + 1), late: { ['\ud800']: 1 } };
    expect(refusedInput(huge)?.message).toMatch(/keys in all/);
  });

  it('refuses an array of more than MAX_ARRAY_ITEMS items, at any depth, before walking it', () => {
    expect(refusedInput({ ids: Array(MAX_ARRAY_ITEMS).fill('x') })).toBeUndefined();
    expect(refusedInput({ ids: Array(MAX_ARRAY_ITEMS + 1).fill('\ud800') })).toEqual({
      field: 'ids',
      code: 'too_many_items',
      message: `holds more than ${MAX_ARRAY_ITEMS} items`,
      oversized: true,
    });
    expect(refusedInput([{ a: [Array(MAX_ARRAY_ITEMS + 1).fill(0)] }])?.field).toBe('[0].a[0]');
  });
});
