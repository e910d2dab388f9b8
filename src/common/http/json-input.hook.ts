import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { ErrorCode } from '../errors/error-codes';
import type { FieldError } from '../errors/problem.exception';
import { ProblemException } from '../errors/problem.exception';

/** Deeper than any DTO of the API nests; deeper input only serves to exhaust a recursive walker. */
export const MAX_INPUT_DEPTH = 32;
/** Object keys in one body or query string, at any depth: more than any route takes, far fewer than it takes to stall validation. */
export const MAX_INPUT_KEYS = 1_000;
/** Items in one array of a body or query string. */
export const MAX_ARRAY_ITEMS = 10_000;

/** The field named for the body or query string as a whole. */
const ROOT = '(body)';

/** In a `u` regular expression a surrogate range matches only unpaired (ill-formed) halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Why a body or query string is refused before any route sees it. */
export interface InputRefusal extends FieldError {
  /** Over a size budget (refused as too large), rather than malformed. */
  oversized: boolean;
}

const malformed = (field: string, message: string): InputRefusal => ({
  field,
  message,
  oversized: false,
});
const oversized = (field: string, message: string): InputRefusal => ({
  field,
  message,
  oversized: true,
});

/**
 * The first thing in a parsed body or query that no route can take: more than MAX_INPUT_KEYS
 * keys in all, an array of more than MAX_ARRAY_ITEMS items, nesting deeper than MAX_INPUT_DEPTH,
 * or text that is not well-formed Unicode (a lone surrogate, which JSON can spell as `"\ud800"`).
 * Walks without recursion and stops at the first budget exceeded, so that the walk itself is
 * bounded: it never visits more than the budgets allow.
 */
export function refusedInput(value: unknown): InputRefusal | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  let keys = 0;
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    const field = path || ROOT;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return malformed(field, 'is not valid Unicode text');
    } else if (current && typeof current === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        return malformed(field, `nests deeper than ${MAX_INPUT_DEPTH} levels`);
      }
      if (Array.isArray(current)) {
        if (current.length > MAX_ARRAY_ITEMS) {
          return oversized(field, `holds more than ${MAX_ARRAY_ITEMS} items`);
        }
        current.forEach((item, index) =>
          stack.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }),
        );
        continue;
      }
      const names = Object.keys(current);
      keys += names.length;
      if (keys > MAX_INPUT_KEYS) {
        return oversized(ROOT, `holds more than ${MAX_INPUT_KEYS} keys in all`);
      }
      for (const name of names) {
        const inner = path ? `${path}.${name}` : name;
        if (LONE_SURROGATE.test(name)) return malformed(inner, 'is not valid Unicode text');
        stack.push({
          value: (current as Record<string, unknown>)[name],
          path: inner,
          depth: depth + 1,
        });
      }
    }
  }
  return undefined;
}

/** What a request sends for the walk: a parsed JSON body, never an upload's bytes or stream. */
function parsedBody(body: unknown): unknown {
  return Buffer.isBuffer(body) || body instanceof Readable ? undefined : body;
}

/**
 * Fastify preValidation hook: a body or query string no route can take is refused before any
 * guard, pipe or validator sees it (class-transformer recurses once per level of nesting and
 * slows down with every key; validator.js's isEmail throws on a lone surrogate). Over a budget,
 * a body is a 413 and a query string a 414; malformed, either is a 400.
 */
export async function rejectMalformedInput(request: FastifyRequest): Promise<void> {
  for (const [source, value, tooLarge] of [
    ['body', parsedBody(request.body), 'PAYLOAD_TOO_LARGE'],
    ['query string', request.query, 'URI_TOO_LONG'],
  ] as const) {
    const refusal = refusedInput(value);
    if (!refusal) continue;
    const { oversized: over, ...error } = refusal;
    const subject = error.field === ROOT ? `The ${source}` : `The ${source}'s ${error.field}`;
    const code: ErrorCode = over ? tooLarge : 'VALIDATION_FAILED';
    throw new ProblemException(code, `${subject} ${error.message}`, { errors: [error] });
  }
}
