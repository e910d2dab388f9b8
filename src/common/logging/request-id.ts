import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * The request's id: the caller's `X-Request-Id` when it looks like one, else a new UUID. Stored on
 * the raw request so that Fastify, the logger and the request context all see the same id.
 */
export function requestIdOf(request: IncomingMessage & { id?: unknown }): string {
  if (typeof request.id === 'string') return request.id;
  const header = request.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && ACCEPTABLE.test(given) ? given : randomUUID();
  request.id = id;
  return id;
}
