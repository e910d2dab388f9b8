import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../errors/problem.exception';

const ETAG = /^(?:W\/)?"(\d{1,10})"$/;

/** The version an `If-Match` header names: 428 when it is missing, 400 when it is malformed. */
export function parseIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '' || value.trim() === '*') {
    throw new ProblemException(
      'PRECONDITION_REQUIRED',
      'Send If-Match with the ETag of the version you are changing (e.g. If-Match: "3")',
    );
  }
  const match = ETAG.exec(value.trim());
  if (!match) {
    throw new ProblemException(
      'INVALID_IF_MATCH',
      `If-Match must be an ETag such as "3", not ${JSON.stringify(value).slice(0, 40)}`,
    );
  }
  return Number(match[1]);
}

const IfMatchParam = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);

/** `@IfMatch() version: number` on PATCH/DELETE handlers, documented in OpenAPI. */
export const IfMatch = (): ParameterDecorator => IfMatchParam();

export const ApiIfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: true,
      description: 'ETag of the version being changed, e.g. "3"',
    }),
    ApiResponse({
      status: 412,
      description: 'VERSION_MISMATCH: the record changed since that version',
    }),
    ApiResponse({ status: 428, description: 'PRECONDITION_REQUIRED: If-Match is missing' }),
  );
