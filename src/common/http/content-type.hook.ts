import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../errors/problem.exception';

/** JSON everywhere; CSV and multipart uploads for the import routes. */
const ACCEPTED = /^(application\/(json|[\w.+-]+\+json)|multipart\/form-data|text\/csv)\s*(;|$)/i;

/** Fastify onRequest hook: a request body of another type is a 415, not silently parsed. */
export async function requireSupportedContentType(request: FastifyRequest): Promise<void> {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 ||
    request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const type = request.headers['content-type'] ?? '';
  if (!ACCEPTED.test(type)) {
    throw new ProblemException(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the body as application/json${type ? `, not ${type.split(';')[0].slice(0, 60)}` : ''}`,
    );
  }
}
