import fc from 'fast-check';
import {
  jsonTextRefusal,
  MAX_ARRAY_ITEMS,
  MAX_INPUT_DEPTH,
  MAX_INPUT_KEYS,
  WHOLE_INPUT,
} from './input-budgets';
import { refusedInput } from './json-input.hook';

const text = (value: unknown) => Buffer.from(JSON.stringify(value));
const keys = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
const nested = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;

describe('jsonTextRefusal: the budgets read from a JSON text before it is parsed', () => {
  it('counts the keys of every object, at any depth', () => {
    expect(jsonTextRefusal(text(keys(MAX_INPUT_KEYS)))).toBeUndefined();
    expect(jsonTextRefusal(text({ a: [keys(MAX_INPUT_KEYS - 1)] }))).toBeUndefined();
    expect(jsonTextRefusal(text(keys(MAX_INPUT_KEYS + 1)))).toEqual({
      field: WHOLE_INPUT,
      code: 'too_many_keys',
      message: `holds more than ${MAX_INPUT_KEYS} keys in all`,
      oversized: true,
    });
    const spread = Array.from({ length: 11 }, () => keys(91));
    expect(jsonTextRefusal(text({ spread }))?.oversized).toBe(true);
  });

  it('counts the items of each array, nested ones apart', () => {
    expect(jsonTextRefusal(text(Array(MAX_ARRAY_ITEMS).fill(1)))).toBeUndefined();
    const two = [Array(MAX_ARRAY_ITEMS).fill(1), Array(MAX_ARRAY_ITEMS).fill(1)];
    expect(jsonTextRefusal(text(two))).toBeUndefined();
    expect(jsonTextRefusal(text({ ids: Array(MAX_ARRAY_ITEMS + 1).fill('x') }))).toEqual({
      field: WHOLE_INPUT,
      code: 'too_many_items',
      message: `holds more than ${MAX_ARRAY_ITEMS} items`,
      oversized: true,
    });
    // Commas inside the objects of an array separate keys, not items.
    const wide = Array.from({ length: MAX_ARRAY_ITEMS / 2 }, () => ({}));
    expect(jsonTextRefusal(text([{ a: 1, b: 2, c: 3 }, ...wide]))).toBeUndefined();
  });

  it('refuses nesting past the limit as the walker does', () => {
    expect(jsonTextRefusal(text(nested(MAX_INPUT_DEPTH)))).toBeUndefined();
    expect(jsonTextRefusal(text(nested(MAX_INPUT_DEPTH + 1)))).toEqual({
      field: WHOLE_INPUT,
      code: 'too_deep',
      message: `nests deeper than ${MAX_INPUT_DEPTH} levels`,
      oversized: false,
    });
    expect(refusedInput(nested(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(refusedInput(nested(MAX_INPUT_DEPTH + 1))?.message).toMatch(/nests deeper/);
  });

  it('ignores colons, commas, brackets and escaped quotes inside strings', () => {
    const tricky = `"\\":,[{]}" :,`;
    expect(
      jsonTextRefusal(
        text({
          [tricky]: Array(MAX_INPUT_KEYS * 20)
            .fill(tricky)
            .join(''),
        }),
      ),
    ).toBeUndefined();
    expect(
      jsonTextRefusal(text({ list: Array(MAX_ARRAY_ITEMS).fill('a,b,c,[,],{,},"') })),
    ).toBeUndefined();
  });

  it('agrees with the walker of the parsed value on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const walked = refusedInput(value);
        const scanned = jsonTextRefusal(text(value));
        expect(scanned?.message).toBe(
          walked?.oversized === false && !/deeper/.test(walked.message)
            ? undefined
            : walked?.message,
        );
      }),
      { seed: 20_261_207, numRuns: 300 },
    );
  });
});
