import { HttpException, NotFoundException } from '@nestjs/common';
import { mapDatabaseError } from './database-errors';
import { codeForStatus, ErrorCode } from './error-codes';
import { ProblemDetails, problemBody, ProblemException } from './problem.exception';

export interface ProblemResponse {
  body: ProblemDetails;
  headers: Record<string, string>;
  /** An unexpected error: log it with its stack; the client sees only a generic message. */
  unexpected: boolean;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
};

interface FrameworkError {
  code?: string;
  statusCode?: number;
  message?: string;
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Turns anything thrown while serving a request into a problem+json response. */
export function toProblem(exception: unknown): ProblemResponse {
  if (exception instanceof ProblemException) {
    const { headers = {}, ...extras } = exception.extras;
    return {
      body: problemBody(exception.code, exception.detail, extras),
      headers,
      unexpected: false,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const message = httpExceptionMessage(exception);
    const code: ErrorCode =
      exception instanceof NotFoundException && message.startsWith('Cannot ')
        ? 'ROUTE_NOT_FOUND'
        : status === 400 && /\bJSON\b/.test(message) // Fastify's body parser, re-thrown by Nest without its code
          ? 'INVALID_JSON'
          : codeForStatus(status);
    const detail = status >= 500 ? 'The server could not complete the request' : message;
    return {
      body: problemBody(code, detail),
      headers: {},
      unexpected: status >= 500 && status !== 503,
    };
  }
  const framework = exception as FrameworkError;
  if (typeof framework?.code === 'string' && framework.code in FASTIFY_CODES) {
    const code = FASTIFY_CODES[framework.code];
    return { body: problemBody(code, framework.message ?? code), headers: {}, unexpected: false };
  }
  if (exception instanceof SyntaxError && typeof framework.statusCode === 'number') {
    return {
      body: problemBody('INVALID_JSON', 'The request body is not valid JSON'),
      headers: {},
      unexpected: false,
    };
  }
  const database = mapDatabaseError(exception);
  if (database) {
    const { code, detail, errors } = database;
    const headers: Record<string, string> =
      code === 'DATABASE_UNAVAILABLE' ? { 'retry-after': '5' } : {};
    return {
      body: problemBody(code, detail, errors ? { errors } : {}),
      headers,
      unexpected: false,
    };
  }
  if (
    typeof framework?.statusCode === 'number' &&
    framework.statusCode >= 400 &&
    framework.statusCode < 500
  ) {
    const code = codeForStatus(framework.statusCode);
    return {
      body: { ...problemBody(code, framework.message ?? code), status: framework.statusCode },
      headers: {},
      unexpected: false,
    };
  }
  return {
    body: problemBody(
      'INTERNAL_ERROR',
      'The server could not complete the request; it has been logged',
    ),
    headers: {},
    unexpected: true,
  };
}
