import type { FastifyReply } from 'fastify';

/**
 * Answers JSON already written as text (by PostgreSQL, or kept by the report cache) as it is,
 * without parsing and serialising it again.
 */
export function jsonText<T extends string | Buffer>(reply: FastifyReply, json: T): T {
  void reply.type('application/json; charset=utf-8');
  return json;
}
