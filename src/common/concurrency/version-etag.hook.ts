import type { preSerializationHookHandler } from 'fastify';

/**
 * Every response that is one versioned record carries `ETag: "<version>"` (a fastify hook rather
 * than a Nest interceptor: one less async scope and observable on every request).
 */
export const versionEtag: preSerializationHookHandler<unknown> = (
  _request,
  reply,
  payload,
  done,
) => {
  const record = payload as { id?: unknown; version?: unknown } | null;
  if (
    record &&
    typeof record === 'object' &&
    typeof record.id === 'string' &&
    Number.isInteger(record.version)
  )
    void reply.header('etag', `"${String(record.version)}"`);
  done(null, payload);
};
