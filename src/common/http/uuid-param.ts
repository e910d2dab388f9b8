import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '../errors/problem.exception';

/** A path parameter that must be a UUID: a malformed one is a 400 naming it, never a database error. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new ProblemException('VALIDATION_FAILED', `The ${name} in the path is not a UUID`, {
          errors: [{ field: name, code: 'isUuid', message: 'must be a UUID' }],
        }),
    }),
  );
