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

/** Field errors listed in one problem at most; the detail counts the rest. */
export const MAX_LISTED_FIELD_ERRORS = 20;

/** `a, b, c`, or the first MAX_LISTED_FIELD_ERRORS of them `and N more`. */
function fieldList(fields: string[]): string {
  const listed = fields.slice(0, MAX_LISTED_FIELD_ERRORS).join(', ');
  const more = fields.length - MAX_LISTED_FIELD_ERRORS;
  return more > 0 ? `${listed} and ${more} more` : listed;
}

export function validationProblem(errors: ValidationError[]): ProblemException {
  const list = fieldErrors(errors);
  const unknown = list.filter((error) => error.message.endsWith('is not a known field'));
  const detail =
    unknown.length === list.length
      ? `Unknown field(s): ${fieldList(unknown.map((error) => error.field))}`
      : `Invalid field(s): ${fieldList([...new Set(list.map((error) => error.field))])}`;
  return new ProblemException('VALIDATION_FAILED', detail, {
    errors: list.slice(0, MAX_LISTED_FIELD_ERRORS),
  });
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
