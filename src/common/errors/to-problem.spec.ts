import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { ProblemException } from './problem.exception';
import { toProblem } from './to-problem';

const pgError = (fields: Record<string, string>) =>
  new QueryFailedError(
    'INSERT INTO users (email) VALUES ($1)',
    ['secret@x'],
    Object.assign(new Error('pg'), fields),
  );

describe('toProblem', () => {
  it('keeps a ProblemException’s code, detail, field errors and headers', () => {
    const problem = toProblem(
      new ProblemException('LOGIN_THROTTLED', 'wait', {
        headers: { 'retry-after': '9' },
        errors: [{ field: 'email', code: 'isEmail', message: 'x' }],
      }),
    );
    expect(problem.body).toMatchObject({
      status: 429,
      code: 'LOGIN_THROTTLED',
      detail: 'wait',
      errors: [{ field: 'email', code: 'isEmail', message: 'x' }],
    });
    expect(problem.body).not.toHaveProperty('headers');
    expect(problem.headers).toEqual({ 'retry-after': '9' });
  });

  it('maps PostgreSQL constraint errors to 4xx codes without SQL or values', () => {
    const unique = toProblem(
      pgError({ code: '23505', detail: 'Key (lower(email))=(secret@x) already exists.' }),
    );
    expect(unique.body).toMatchObject({
      status: 409,
      code: 'ALREADY_EXISTS',
      errors: [{ field: 'email', code: 'already_taken', message: 'is already taken' }],
    });
    expect(JSON.stringify(unique.body)).not.toMatch(/INSERT|secret@x/);
    expect(
      toProblem(
        pgError({ code: '23503', detail: 'Key (owner_id)=(1) is not present in table "users".' }),
      ).body,
    ).toMatchObject({
      status: 400,
      code: 'REFERENCE_NOT_FOUND',
      errors: [{ field: 'ownerId' }],
    });
    expect(
      toProblem(
        pgError({ code: '23503', detail: 'Key (id)=(1) is still referenced from table "deals".' }),
      ).body.code,
    ).toBe('STILL_REFERENCED');
    expect(toProblem(pgError({ code: '23P01' })).body).toMatchObject({
      status: 409,
      code: 'OVERLAP',
    });
    expect(toProblem(pgError({ code: '40001' })).body).toMatchObject({
      status: 409,
      code: 'CONCURRENT_UPDATE',
    });
    expect(toProblem(pgError({ code: '57P01' })).body).toMatchObject({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
    });
    // A transaction whose connection the server ended, at its next statement.
    const released = toProblem(new QueryRunnerAlreadyReleasedError());
    expect(released.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(released.unexpected).toBe(false);
  });

  it('answers an unknown error with a generic 500 and flags it for the log', () => {
    const problem = toProblem(
      new TypeError("Cannot read properties of undefined (reading 'id') at UsersService.ts:42"),
    );
    expect(problem.unexpected).toBe(true);
    expect(problem.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(problem.body)).not.toMatch(/UsersService|reading/);
    expect(toProblem(pgError({ code: '42P01' })).body.code).toBe('INTERNAL_ERROR');
  });

  it('gives framework errors their codes', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).body.code).toBe('ROUTE_NOT_FOUND');
    expect(
      toProblem(
        new BadRequestException(
          "Body is not valid JSON but content-type is set to 'application/json'",
        ),
      ).body.code,
    ).toBe('INVALID_JSON');
    expect(
      toProblem(
        Object.assign(new Error('too big'), {
          code: 'FST_ERR_CTP_BODY_TOO_LARGE',
          statusCode: 413,
        }),
      ).body,
    ).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});
