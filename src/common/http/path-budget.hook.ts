import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../errors/problem.exception';

/** The longest path segment (an id, a name, a file) any route or web asset takes. */
export const MAX_PATH_SEGMENT_LENGTH = 200;

/**
 * Fastify onRequest hook: a path with a segment over MAX_PATH_SEGMENT_LENGTH is a 414 on every
 * method. The router refuses such a segment where it would be a parameter, but a GET matches the
 * web admin's catch-all route first, whose file lookup would fail on the name instead.
 */
export async function rejectLongPathSegments(request: FastifyRequest): Promise<void> {
  const path = request.url.split('?')[0];
  if (path.length <= MAX_PATH_SEGMENT_LENGTH) return;
  if (path.split('/').some((segment) => segment.length > MAX_PATH_SEGMENT_LENGTH)) {
    throw new ProblemException(
      'URI_TOO_LONG',
      'A path segment is longer than any id or name the API takes',
    );
  }
}
