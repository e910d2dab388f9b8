import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A UUID, as the app makes them: an id of any other form would reach the audit log as written. */
const ACCEPTABLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request's id: the caller's `X-Request-Id` when it is a UUID (a gateway's trace id), else a
 * new UUID. Stored on the raw request so that Fastify, the logger and the request context all see the same id.
 */
export function requestIdOf(request: IncomingMessage & { id?: unknown }): string {
  if (typeof request.id === 'string') return request.id;
  const header = request.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && ACCEPTABLE.test(given) ? given : randomUUID();
  request.id = id;
  return id;
}
