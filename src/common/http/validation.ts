import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from '../errors/problem.exception';

const UNKNOWN_FIELD = 'whitelistValidation';

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === UNKNOWN_FIELD ? `${field} is not a known field` : message,
    }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export function validationProblem(errors: ValidationError[]): ProblemException {
  const list = fieldErrors(errors);
  const unknown = list.filter((error) => error.message.endsWith('is not a known field'));
  const detail =
    unknown.length === list.length
      ? `Unknown field(s): ${unknown.map((error) => error.field).join(', ')}`
      : `Invalid field(s): ${[...new Set(list.map((error) => error.field))].join(', ')}`;
  return new ProblemException('VALIDATION_FAILED', detail, { errors: list });
}

/** One pipe for every body, query and parameter: unknown fields are rejected, not ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: validationProblem,
  });
}
