import type { ErrorCode } from '../errors/error-codes';
import type { FieldError } from '../errors/problem.exception';
import { fieldError, ProblemException } from '../errors/problem.exception';

/** Deeper than any DTO of the API nests; deeper input only serves to exhaust a recursive walker. */
export const MAX_INPUT_DEPTH = 32;
/**
 * Object keys in one body or query string, at any depth: more than any route takes, far fewer
 * than it takes to stall parsing and validation (60,000 unknown keys held the event loop 7 s).
 */
export const MAX_INPUT_KEYS = 1_000;
/** Items in one array of a body or query string. */
export const MAX_ARRAY_ITEMS = 10_000;

/** The field named for the body or query string as a whole. */
export const WHOLE_INPUT = '(body)';

/** Why a body or query string is refused before any route sees it. */
export interface InputRefusal extends FieldError {
  /** Over a size budget (refused as too large), rather than malformed. */
  oversized: boolean;
}

export const notUnicode = (field: string): InputRefusal => ({
  ...fieldError(field, 'invalid_unicode', 'is not valid Unicode text'),
  oversized: false,
});

export const tooManyKeys = (): InputRefusal => ({
  ...fieldError(WHOLE_INPUT, 'too_many_keys', `holds more than ${MAX_INPUT_KEYS} keys in all`),
  oversized: true,
});

export const tooManyItems = (field: string): InputRefusal => ({
  ...fieldError(field, 'too_many_items', `holds more than ${MAX_ARRAY_ITEMS} items`),
  oversized: true,
});

export const tooDeep = (field: string): InputRefusal => ({
  ...fieldError(field, 'too_deep', `nests deeper than ${MAX_INPUT_DEPTH} levels`),
  oversized: false,
});

/** The problem for a refused body or query string: 413 or 414 over a budget, else 400. */
export function refusalProblem(
  source: 'body' | 'query string',
  refusal: InputRefusal,
): ProblemException {
  const { oversized, ...error } = refusal;
  const tooLarge: ErrorCode = source === 'body' ? 'PAYLOAD_TOO_LARGE' : 'URI_TOO_LONG';
  const subject = error.field === WHOLE_INPUT ? `The ${source}` : `The ${source}'s ${error.field}`;
  return new ProblemException(
    oversized ? tooLarge : 'VALIDATION_FAILED',
    `${subject} ${error.message}`,
    { errors: [error] },
  );
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** In the stack of open containers, an object (arrays hold their count of commas). */
const OBJECT = -1;

/**
 * The budget a JSON text breaks, read from its bytes before it is parsed: JSON.parse alone takes
 * ~60 ms for a 650 KB body of 60,000 keys. Outside strings every `:` ends a key and every `,` of
 * an array starts an item, so one pass counts both without building anything. Malformed JSON is
 * left to the parser.
 */
export function jsonTextRefusal(text: Buffer): InputRefusal | undefined {
  const open: number[] = [];
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case COLON:
        if (++keys > MAX_INPUT_KEYS) return tooManyKeys();
        break;
      case COMMA: {
        const top = open.length - 1;
        // n commas separate n + 1 items.
        if (top >= 0 && open[top] !== OBJECT && ++open[top] >= MAX_ARRAY_ITEMS) {
          return tooManyItems(WHOLE_INPUT);
        }
        break;
      }
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (open.length >= MAX_INPUT_DEPTH) return tooDeep(WHOLE_INPUT);
        open.push(byte === OPEN_OBJECT ? OBJECT : 0);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        open.pop();
        break;
    }
  }
  return undefined;
}
