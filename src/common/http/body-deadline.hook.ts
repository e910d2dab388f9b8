import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { hasBody, uploadOf } from './request-body';
import { answerOnSocket } from './socket-answer';

/**
 * Fastify onRequest hook: the body of a request must arrive within `timeoutMs` of its head, or
 * it is answered 408 and its connection closed. Upload routes are left to Node's own
 * `requestTimeout`, which the server sets to their longer time.
 */
export function bodyDeadline(
  timeoutMs: number,
  securityHeaders: Readonly<Record<string, string>>,
): onRequestHookHandler {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (uploadOf(request) || !hasBody(request) || request.raw.complete) return done();
    const timer = setTimeout(() => {
      if (request.raw.complete) return;
      answerOnSocket(
        request.raw.socket,
        'REQUEST_TIMEOUT',
        `The request body did not arrive within ${timeoutMs} ms`,
        { ...securityHeaders, 'x-request-id': request.id },
      );
    }, timeoutMs);
    const clear = () => clearTimeout(timer);
    request.raw.once('end', clear);
    request.raw.once('close', clear);
    reply.raw.once('close', clear);
    done();
  };
}
