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
  '*.apiKey',
  '*.webhookSecret',
  '*.authorization',
  '*.cookie',
  '*.phone',
  '*.email',
];

/** Keys whose values never reach a log line, at any depth (secrets, then personal data). */
const SECRET_KEY =
  /password|passwd|passphrase|token|secret|api[-_]?key|^key$|authori[sz]ation|cookie|signature|credential/i;
const PERSONAL_KEY = /e-?mail|phone|mobile|^tel$|wechat/i;

/** Kept as they are: UUIDs and ISO dates look like digit runs but are neither phones nor secrets. */
const KEEP = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const SENSITIVE_TEXT: [string, string][] = [
  [String.raw`eyJ[\w-]+\.[\w-]+\.[\w-]*`, '[jwt]'],
  [String.raw`\$argon2\w*\$\S+`, '[hash]'],
  [String.raw`whsec_[A-Za-z0-9+/=]+`, '[secret]'],
  [String.raw`(?:Bearer|Basic)\s+[\w.~+/=-]+`, '[credentials]'],
  [String.raw`[\w.%+-]+@[\w-]+(?:\.[\w-]+)+`, '[email]'],
  // Seven or more digits with at most two of space ( ) - between them: a phone, however written.
  [String.raw`(?<![\w+]|\d\.)\+?(?:\d[\s()-]{0,2}){6,}\d(?!\w|\.\d)`, '[phone]'],
];
const SENSITIVE = new RegExp(
  `(${KEEP})|${SENSITIVE_TEXT.map(([pattern]) => `(${pattern})`).join('|')}`,
  'gi',
);

/** The text with e-mails, phone numbers, tokens, password hashes and signing secrets masked. */
export function scrubText(text: string): string {
  return text.replace(SENSITIVE, (match, ...groups: unknown[]) => {
    if (groups[0] !== undefined) return match;
    const index = groups
      .slice(1, SENSITIVE_TEXT.length + 1)
      .findIndex((group) => group !== undefined);
    return SENSITIVE_TEXT[index][1];
  });
}

function scrubValue(value: unknown, key: string, depth: number): unknown {
  if (value === null || value === undefined) return value;
  if (SECRET_KEY.test(key) || PERSONAL_KEY.test(key))
    return typeof value === 'boolean' ? value : '[redacted]';
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, '', depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, scrubValue(item, name, depth + 1)]),
  );
}

/**
 * One log line as written: every string, at any depth, scrubbed of personal data and secrets,
 * and the values of secret or personal keys replaced, whatever code logged them.
 */
export function scrubLogLine(line: string): string {
  const trimmed = line.trimEnd();
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed && typeof parsed === 'object') {
      const ending = line.slice(trimmed.length);
      return JSON.stringify(scrubValue(parsed, '', 0)) + ending;
    }
  } catch {
    /* not JSON (a pretty-printed line): scrub it as text */
  }
  return scrubText(line);
}

/** The destination of every log line: standard output, after `scrubLogLine`. */
export function redactingDestination(target: { write(chunk: string): unknown } = process.stdout) {
  return { write: (chunk: string) => target.write(scrubLogLine(chunk)) };
}

/** The path and the names of query parameters, never their values (search terms, tokens). */
export function loggableUrl(url: string): string {
  const [encoded, query] = url.split('?', 2);
  // Decoded, so that an e-mail or a phone in a path is recognised and masked (see scrubText).
  let path = encoded;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    /* malformed percent-encoding: keep it as sent */
  }
  if (!query) return path;
  const names = [...new URLSearchParams(query).keys()];
  return `${path}?${names.map((name) => `${name}=…`).join('&')}`;
}

/**
 * pino-http hands an `err` serializer its own serialization of the error (every enumerable
 * property copied, a database error's statement and parameters too), the error itself kept
 * under a symbol: the original is read from there.
 */
function originalError(logged: unknown): unknown {
  if (logged instanceof Error || typeof logged !== 'object' || logged === null) return logged;
  const raw = Object.getOwnPropertySymbols(logged).find(
    (symbol) => symbol.description === 'pino-raw-err-ref',
  );
  return raw ? (logged as Record<symbol, unknown>)[raw] : logged;
}

/**
 * Errors as logged: type, message, stack and, for database errors, only the SQLSTATE, table and
 * constraint, never the statement or its parameters (which hold what users typed).
 */
export function serializeError(logged: unknown): Record<string, unknown> {
  const error = originalError(logged);
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

export function loggerOptions(
  level: string,
  destination: { write(chunk: string): unknown } = process.stdout,
): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [
      {
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
          // The status only: response headers are the same security headers on every line.
          res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          err: serializeError,
        },
      },
      redactingDestination(destination),
    ],
  };
}
