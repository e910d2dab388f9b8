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

/**
 * Fastify's own refusals, each with a detail of its own: Fastify's messages echo the request
 * (a whole URL, a content type) back at any length.
 */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    detail: 'The request body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'Send the body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    detail: 'The body does not match its Content-Length',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'INVALID_JSON',
    detail: 'The body is empty although its type is application/json',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'INVALID_JSON',
    detail: 'The request body is not valid JSON',
  },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', detail: 'The URL is not valid percent-encoded UTF-8' },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'URI_TOO_LONG',
    detail: 'A path segment is longer than any id or name the API takes',
  },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST', detail: 'The request matches no route version' },
};

/** At most `max` characters of a text that may echo what the caller sent. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

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
    // Nest's "Cannot GET /…" names the whole path the caller sent.
    const detail = status >= 500 ? 'The server could not complete the request' : clip(message, 250);
    return {
      body: problemBody(code, detail),
      headers: {},
      unexpected: status >= 500 && status !== 503,
    };
  }
  const framework = exception as FrameworkError;
  if (typeof framework?.code === 'string' && framework.code in FASTIFY_ERRORS) {
    const { code, detail } = FASTIFY_ERRORS[framework.code];
    return { body: problemBody(code, detail), headers: {}, unexpected: false };
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
      body: {
        ...problemBody(code, clip(framework.message ?? code, 250)),
        status: framework.statusCode,
      },
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
