import { HttpException } from '@nestjs/common';
import { ERROR_CATALOG, ErrorCode } from './error-codes';
import type { FieldErrorCode } from './field-error-codes';

/**
 * What is wrong with one field: `code` is the key clients translate (a class-validator constraint
 * name, or one of FIELD_ERROR_CODES), `message` the English for people reading the API.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  /** The limits the code's message names (`min`, `max`), for a client's own wording. */
  params?: Record<string, string | number>;
}

/** A field error raised by the API's own rules, its key from the catalogue. */
export const fieldError = (field: string, code: FieldErrorCode, message: string): FieldError => ({
  field,
  code,
  message,
});

/** RFC 9457 problem details, with the API's stable `code` and per-field `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The one exception business code throws for a client-facing error. */
export class ProblemException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      [key: string]: unknown;
    } = {},
  ) {
    super(detail, ERROR_CATALOG[code].status);
  }
}

export function problemBody(
  code: ErrorCode,
  detail: string,
  extras: Record<string, unknown> = {},
): ProblemDetails {
  const { status, title } = ERROR_CATALOG[code];
  return {
    type: `urn:park-crm:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code,
    ...extras,
  };
}

export const notFound = (entity: string, id: string) =>
  new ProblemException('NOT_FOUND', `${entity} ${id} does not exist`);

export const forbidden = (detail = 'Your role does not allow this action') =>
  new ProblemException('FORBIDDEN', detail);
