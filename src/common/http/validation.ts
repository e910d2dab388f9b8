import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { FieldError, ProblemException } from '../errors/problem.exception';

const UNKNOWN_FIELD = 'whitelistValidation';

/** How each limit-taking constraint's arguments are named in a field error's `params`. */
const PARAM_NAMES: Record<string, string[]> = {
  minLength: ['min'],
  maxLength: ['max'],
  isLength: ['min', 'max'],
  min: ['min'],
  max: ['max'],
  arrayMinSize: ['min'],
  arrayMaxSize: ['max'],
};

/** The arguments a DTO's property gave a limit-taking constraint (`@MaxLength(200)`: max 200). */
function paramsOf(
  target: object | undefined,
  property: string,
  constraint: string,
): Record<string, number> | undefined {
  const names = PARAM_NAMES[constraint];
  if (!names || !target) return undefined;
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && m.name === constraint);
  const args = metadata?.constraints as unknown[] | undefined;
  if (!args) return undefined;
  const entries = names.map((name, i) => [name, args[i]] as const);
  return entries.every(([, value]) => typeof value === 'number')
    ? Object.fromEntries(entries as [string, number][])
    : undefined;
}

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => {
      const params = paramsOf(error.target, error.property, constraint);
      return {
        field,
        code: constraint,
        message: constraint === UNKNOWN_FIELD ? `${field} is not a known field` : message,
        ...(params ? { params } : {}),
      };
    });
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
  const unknown = list.filter((error) => error.code === UNKNOWN_FIELD);
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
    // The target lets a field error name its constraint's limits; neither it nor the value is sent.
    validationError: { target: true, value: false },
    stopAtFirstError: false,
    exceptionFactory: validationProblem,
  });
}
