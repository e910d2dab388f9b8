import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { requestIdOf } from './request-id';

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["webhook-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.key',
  '*.secret',
];

/** The path and the names of query parameters, never their values (search terms, tokens). */
export function loggableUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (!query) return path;
  const names = [...new URLSearchParams(query).keys()];
  return `${path}?${names.map((name) => `${name}=…`).join('&')}`;
}

/**
 * Errors as logged: type, message, stack and, for database errors, only the SQLSTATE, table and
 * constraint, never the statement or its parameters (which hold what users typed).
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const driver =
    (error as { driverError?: Record<string, unknown> }).driverError ??
    (error as unknown as Record<string, unknown>);
  const database =
    typeof driver.code === 'string'
      ? { code: driver.code, table: driver.table, constraint: driver.constraint }
      : {};
  return { type: error.name, message: error.message, stack: error.stack, ...database };
}

export function loggerOptions(level: string): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      genReqId: (request: IncomingMessage) => requestIdOf(request),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: loggableUrl(request.url),
        }),
        err: serializeError,
      },
    },
  };
}
