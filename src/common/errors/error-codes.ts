/**
 * Every error code the API answers with, its HTTP status and its title. Clients (the web admin's
 * translations included) key on `code`; a code is never renamed once shipped.
 */
export const ERROR_CATALOG = {
  // 400
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  VALIDATION_FAILED: { status: 400, title: 'The request has invalid fields' },
  INVALID_JSON: { status: 400, title: 'The request body is not valid JSON' },
  INVALID_CURSOR: { status: 400, title: 'The pagination cursor is invalid' },
  INVALID_SORT: { status: 400, title: 'The sort order is not supported' },
  INVALID_VALUE: { status: 400, title: 'A value is out of range or malformed' },
  INVALID_IF_MATCH: { status: 400, title: 'The If-Match header is malformed' },
  INVALID_IDEMPOTENCY_KEY: { status: 400, title: 'The Idempotency-Key header is malformed' },
  REFERENCE_NOT_FOUND: { status: 400, title: 'A referenced record does not exist' },
  CONSTRAINT_VIOLATION: { status: 400, title: 'The change breaks a data rule' },
  // 401
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid e-mail or password' },
  INVALID_REFRESH_TOKEN: { status: 401, title: 'The refresh token is invalid or expired' },
  REFRESH_TOKEN_REUSED: { status: 401, title: 'The refresh token was already used' },
  INVALID_WEBHOOK_SIGNATURE: {
    status: 401,
    title: 'The webhook signature or timestamp is invalid',
  },
  // 403
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  // 404
  NOT_FOUND: { status: 404, title: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  // 405
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  // 406
  NOT_ACCEPTABLE: { status: 406, title: 'Not acceptable' },
  // 408
  REQUEST_TIMEOUT: { status: 408, title: 'The request did not arrive in time' },
  // 409
  CONFLICT: { status: 409, title: 'Conflict' },
  ALREADY_EXISTS: { status: 409, title: 'A record with the same value already exists' },
  STILL_REFERENCED: { status: 409, title: 'The record is still referenced by other records' },
  OVERLAP: { status: 409, title: 'The record overlaps another one' },
  CONCURRENT_UPDATE: { status: 409, title: 'A concurrent change interfered; retry' },
  ILLEGAL_TRANSITION: {
    status: 409,
    title: 'The record cannot move to that status from its current one',
  },
  LEAD_ON_HOLD: { status: 409, title: 'The lead is held by an open ownership conflict' },
  LEAD_ALREADY_OWNED: { status: 409, title: 'The lead already has an owner' },
  CONFLICT_ALREADY_RESOLVED: { status: 409, title: 'The conflict was already resolved' },
  STAGE_GATE_UNMET: { status: 409, title: 'The deal does not meet the requirements of that stage' },
  STAGE_IN_USE: { status: 409, title: 'The stage holds deals or history; retire it instead' },
  STAGE_RETIRED: { status: 409, title: 'The stage is retired' },
  LEAD_CONFLICT: { status: 409, title: 'Another promoter already works this firm' },
  BUDGET_EXCEEDED: { status: 409, title: 'Not enough budget left' },
  VISIT_NOT_STARTED: { status: 409, title: 'The visit has not taken place yet' },
  VISIT_NOT_SCHEDULED: { status: 409, title: 'Only a scheduled visit can change' },
  COMPUTE_ACCOUNT_NOT_LINKED: {
    status: 409,
    title: 'The compute account is not yet known to the compute center',
  },
  // 412 / 413 / 414 / 415 / 422 / 428 / 429 / 431
  VERSION_MISMATCH: { status: 412, title: 'The record was changed by someone else' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  URI_TOO_LONG: { status: 414, title: 'The URL or its query string is too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'The Idempotency-Key was used with another request',
  },
  PRECONDITION_REQUIRED: { status: 428, title: 'If-Match with the record version is required' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
  LOGIN_THROTTLED: { status: 429, title: 'Too many failed logins; try again later' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  // 5xx
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
  COMPUTE_CENTER_FAILED: { status: 502, title: 'The compute center answered with an error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  COMPUTE_CENTER_UNAVAILABLE: { status: 503, title: 'The compute center cannot be reached' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'The database is unavailable; retry shortly' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** The code a bare HTTP status maps to when no code was given (framework errors). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 406:
      return 'NOT_ACCEPTABLE';
    case 408:
      return 'REQUEST_TIMEOUT';
    case 409:
      return 'CONFLICT';
    case 412:
      return 'VERSION_MISMATCH';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 414:
      return 'URI_TOO_LONG';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 428:
      return 'PRECONDITION_REQUIRED';
    case 429:
      return 'TOO_MANY_REQUESTS';
    case 431:
      return 'HEADERS_TOO_LARGE';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
  }
}
