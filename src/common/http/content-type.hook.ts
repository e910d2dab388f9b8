import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../errors/problem.exception';
import { hasBody, mediaType, uploadOf } from './request-body';

const JSON_TYPE = /^application\/(json|[\w.+-]+\+json)$/;

/**
 * Fastify onRequest hook: a body is JSON, or on an upload route the upload's own type; any other
 * is a 415 before a byte of it is read (CSV sent to a JSON route included).
 */
export async function requireSupportedContentType(request: FastifyRequest): Promise<void> {
  if (!hasBody(request)) return;
  const header = request.headers['content-type'];
  const type = mediaType(header);
  const upload = uploadOf(request);
  if (upload ? type === upload.contentType : JSON_TYPE.test(type)) return;
  const sent = header ? `, not ${type.slice(0, 60)}` : '';
  throw new ProblemException(
    'UNSUPPORTED_MEDIA_TYPE',
    upload
      ? `Send the file as the request body with Content-Type: ${upload.contentType}${sent}`
      : `Send the body as application/json${sent}`,
  );
}
