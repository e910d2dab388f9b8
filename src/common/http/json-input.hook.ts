import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import {
  InputRefusal,
  MAX_ARRAY_ITEMS,
  MAX_INPUT_DEPTH,
  MAX_INPUT_KEYS,
  notUnicode,
  refusalProblem,
  tooDeep,
  tooManyItems,
  tooManyKeys,
  WHOLE_INPUT,
} from './input-budgets';

/** In a `u` regular expression a surrogate range matches only unpaired (ill-formed) halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

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
    const field = path || WHOLE_INPUT;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return notUnicode(field);
    } else if (current && typeof current === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return tooDeep(field);
      if (Array.isArray(current)) {
        if (current.length > MAX_ARRAY_ITEMS) return tooManyItems(field);
        current.forEach((item, index) =>
          stack.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }),
        );
        continue;
      }
      const names = Object.keys(current);
      keys += names.length;
      if (keys > MAX_INPUT_KEYS) return tooManyKeys();
      for (const name of names) {
        const inner = path ? `${path}.${name}` : name;
        if (LONE_SURROGATE.test(name)) return notUnicode(inner);
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
 * slows down with every key; validator.js's isEmail throws on a lone surrogate). A JSON body's
 * budgets were already checked on its text (`budgetedJsonParser`); a query string's are here.
 */
export async function rejectMalformedInput(request: FastifyRequest): Promise<void> {
  const body = refusedInput(parsedBody(request.body));
  if (body) throw refusalProblem('body', body);
  const query = refusedInput(request.query);
  if (query) throw refusalProblem('query string', query);
}
