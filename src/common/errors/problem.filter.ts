import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem.exception';
import { clip, toProblem } from './to-problem';

/** The longest `instance` (the request's path) a problem repeats. */
const MAX_INSTANCE_LENGTH = 200;

const logger = new Logger('Errors');

/** Sends a problem+json response for an error, from Nest or from Fastify's own error handler. */
export function sendProblem(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const { body, headers, unexpected } = toProblem(exception);
  if (unexpected) logger.error({ err: exception, requestId: request.id }, 'unexpected error');
  if (reply.sent) return;
  void reply
    .status(body.status)
    .headers(headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({
      ...body,
      instance: clip(request.url.split('?')[0], MAX_INSTANCE_LENGTH),
      requestId: request.id,
    });
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
