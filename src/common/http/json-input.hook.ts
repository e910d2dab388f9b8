import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/problem.exception';
import { ProblemException } from '../errors/problem.exception';

/** Deeper than any DTO of the API nests; deeper input only serves to exhaust a recursive walker. */
export const MAX_INPUT_DEPTH = 32;

/** In a `u` regular expression a surrogate range matches only unpaired (ill-formed) halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The first thing in a parsed body or query that no route can take: nesting deeper than
 * MAX_INPUT_DEPTH, or text that is not well-formed Unicode (a lone surrogate, which JSON can spell
 * as `"\ud800"`). Walks without recursion, so that the walk itself cannot overflow the stack.
 */
export function malformedInput(value: unknown): FieldError | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    const field = path || '(body)';
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return { field, message: 'is not valid Unicode text' };
    } else if (current && typeof current === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        return { field, message: `nests deeper than ${MAX_INPUT_DEPTH} levels` };
      }
      for (const [key, item] of Object.entries(current)) {
        const inner = Array.isArray(current) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        if (LONE_SURROGATE.test(key)) return { field: inner, message: 'is not valid Unicode text' };
        stack.push({ value: item, path: inner, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/**
 * Fastify preValidation hook: a body or query string no route can take is a 400 before any guard,
 * pipe or validator sees it (class-transformer recurses once per level of nesting; validator.js's
 * isEmail throws on a lone surrogate).
 */
export async function rejectMalformedInput(request: FastifyRequest): Promise<void> {
  for (const [source, value] of [
    ['body', Buffer.isBuffer(request.body) ? undefined : request.body],
    ['query string', request.query],
  ] as const) {
    const error = malformedInput(value);
    if (error) {
      throw new ProblemException(
        'VALIDATION_FAILED',
        `The ${source}'s ${error.field} ${error.message}`,
        {
          errors: [error],
        },
      );
    }
  }
}
