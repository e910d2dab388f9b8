import type { FastifyRequest } from 'fastify';

/** What `@Upload` puts in a route's Fastify config: the one media type it takes, and how much. */
export interface UploadRoute {
  contentType: string;
  limitBytes: number;
}

/** Whether the request announces a body (a length above zero, or a chunked one). */
export function hasBody(request: FastifyRequest): boolean {
  return (
    Number(request.headers['content-length'] ?? 0) > 0 ||
    request.headers['transfer-encoding'] !== undefined
  );
}

/** The upload the request's route takes, if it is an upload route. */
export function uploadOf(request: FastifyRequest): UploadRoute | undefined {
  return (request.routeOptions.config as { upload?: UploadRoute } | undefined)?.upload;
}

/** The media type of a Content-Type header, lower-cased, without its parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}
