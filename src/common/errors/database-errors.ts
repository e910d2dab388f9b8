import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { ErrorCode } from './error-codes';
import type { FieldErrorCode } from './field-error-codes';
import { FieldError, fieldError } from './problem.exception';

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
}

export interface MappedDatabaseError {
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Column names in a PostgreSQL detail such as `Key (lower(email))=(x) already exists.` */
function keyFields(detail = ''): string[] {
  const match = /^Key \((.+?)\)=/.exec(detail);
  if (!match) return [];
  return match[1]
    .split(',')
    .map((part) => part.trim().replace(/^\w+\((.+)\)$/, '$1'))
    .map(camel);
}

const CONNECTION_ERRORS = /^(08|57P0|53)/;
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const POOL_ERRORS =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

const UNAVAILABLE: MappedDatabaseError = {
  code: 'DATABASE_UNAVAILABLE',
  detail: 'The database is unavailable; retry shortly',
};

/**
 * Maps a PostgreSQL error to a client-facing problem without echoing SQL or values.
 * Returns undefined for errors that are bugs (they become a 500).
 */
export function mapDatabaseError(error: unknown): MappedDatabaseError | undefined {
  const pg = (error instanceof QueryFailedError ? error.driverError : error) as PgError | undefined;
  const sqlState = pg?.code;
  if (error instanceof Error && POOL_ERRORS.test(error.message)) return UNAVAILABLE;
  // TypeORM releases a transaction's query runner when its connection fails (a server shutting
  // down ends every session): the transaction's next statement then finds it released.
  if (error instanceof QueryRunnerAlreadyReleasedError) return UNAVAILABLE;
  if (!sqlState || typeof sqlState !== 'string') return undefined;
  if (SOCKET_ERRORS.has(sqlState)) return UNAVAILABLE;
  const fields = keyFields(pg.detail);
  const fieldErrors = (code: FieldErrorCode, message: string) =>
    fields.length ? fields.map((field) => fieldError(field, code, message)) : undefined;
  switch (sqlState) {
    case '23505':
      return {
        code: 'ALREADY_EXISTS',
        detail: fields.length
          ? `Another record already has this ${fields.join(', ')}`
          : 'A record with the same value already exists',
        errors: fieldErrors('already_taken', 'is already taken'),
      };
    case '23503':
      return /still referenced/.test(pg.detail ?? '')
        ? { code: 'STILL_REFERENCED', detail: 'Other records still refer to this record' }
        : {
            code: 'REFERENCE_NOT_FOUND',
            detail: 'A referenced record does not exist',
            errors: fieldErrors('not_found', 'refers to a record that does not exist'),
          };
    case '23P01':
      return {
        code: 'OVERLAP',
        detail: 'The record overlaps an existing one',
        errors: fieldErrors('overlap', 'overlaps an existing record'),
      };
    case '23502':
      return {
        code: 'VALIDATION_FAILED',
        detail: 'A required value is missing',
        errors: pg.column ? [fieldError(camel(pg.column), 'required', 'is required')] : undefined,
      };
    case '23514':
      return {
        code: 'CONSTRAINT_VIOLATION',
        detail: `The change breaks the rule ${pg.constraint ?? ''}`.trim(),
      };
    case '22001':
      return { code: 'INVALID_VALUE', detail: 'A value is too long' };
    case '22003':
      return { code: 'INVALID_VALUE', detail: 'A number is out of range' };
    case '22007':
    case '22008':
      return { code: 'INVALID_VALUE', detail: 'A date or time is invalid' };
    case '22P02':
    case '22P05':
    case '22021':
      return { code: 'INVALID_VALUE', detail: 'A value is malformed' };
    case '40001':
    case '40P01':
    case '55P03':
      return {
        code: 'CONCURRENT_UPDATE',
        detail: 'A concurrent change interfered with this one; retry the request',
      };
    case '57014':
      return { code: 'SERVICE_UNAVAILABLE', detail: 'The request took too long and was cancelled' };
    default:
      return CONNECTION_ERRORS.test(sqlState) ? UNAVAILABLE : undefined;
  }
}
