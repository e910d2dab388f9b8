import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonTextRefusal, refusalProblem } from './input-budgets';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * The JSON body parser: the text's key, item and depth budgets are checked on its bytes, and only
 * then is it parsed, by Fastify's own parser (which refuses `__proto__` and `constructor` keys).
 */
export function budgetedJsonParser(fastify: FastifyInstance) {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    const refusal = jsonTextRefusal(body);
    if (refusal) return done(refusalProblem('body', refusal));
    void parse(request, body.toString('utf8'), done);
  };
}
