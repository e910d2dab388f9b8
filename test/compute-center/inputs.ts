import { isDay, parseHundredths } from './amounts';
import { badRequest } from './errors';
import { AllocationInput, ConsumeInput, Contact, Faults, OrgAccountInput } from './types';

// Request bodies are checked field by field; each refusal names the field.

type Body = Record<string, unknown>;

const KINDS = ['subsidy_voucher', 'card_hour_package'] as const;
const UNITS = ['card_hour', 'CNY'] as const;
const EXHAUSTION_POLICIES = ['notify', 'block_new_jobs', 'suspend'] as const;

export function asBody(value: unknown): Body {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest('the body must be a JSON object');
  return value as Body;
}

function required(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw badRequest(`${field} must be a non-empty string`);
  return value;
}

function optional(body: Body, field: string): string | undefined {
  if (body[field] === undefined || body[field] === null) return undefined;
  return required(body, field);
}

function oneOf<T extends string>(body: Body, field: string, values: readonly T[]): T {
  const value = body[field];
  if (!values.includes(value as T))
    throw badRequest(`${field} must be one of ${values.join(', ')}`);
  return value as T;
}

function day(body: Body, field: string): string {
  if (!isDay(body[field])) throw badRequest(`${field} must be a date YYYY-MM-DD`);
  return body[field];
}

function positiveAmount(body: Body, field: string): string {
  const hundredths = parseHundredths(body[field]);
  if (hundredths === undefined || hundredths === 0)
    throw badRequest(`${field} must be a decimal string greater than 0, at most 2 decimals`);
  return body[field] as string;
}

function contact(value: unknown): Contact | undefined {
  if (value === undefined || value === null) return undefined;
  const body = asBody(value);
  return {
    name: optional(body, 'name'),
    phone: optional(body, 'phone'),
    email: optional(body, 'email'),
  };
}

export function parseOrgAccountInput(value: unknown): OrgAccountInput {
  const body = asBody(value);
  return {
    externalRef: required(body, 'externalRef'),
    legalName: required(body, 'legalName'),
    creditCode: optional(body, 'creditCode'),
    contact: contact(body.contact),
    region: required(body, 'region'),
  };
}

export function parseAllocationInput(value: unknown): AllocationInput {
  const body = asBody(value);
  const resourceTypes = body.resourceTypes;
  if (!Array.isArray(resourceTypes) || !resourceTypes.every((t) => typeof t === 'string' && t))
    throw badRequest('resourceTypes must be an array of non-empty strings');
  const input: AllocationInput = {
    kind: oneOf(body, 'kind', KINDS),
    unit: oneOf(body, 'unit', UNITS),
    amount: positiveAmount(body, 'amount'),
    resourceTypes: [...(resourceTypes as string[])],
    validFrom: day(body, 'validFrom'),
    validUntil: day(body, 'validUntil'),
    onExhaustion: oneOf(body, 'onExhaustion', EXHAUSTION_POLICIES),
    programRef: required(body, 'programRef'),
  };
  if (input.validUntil < input.validFrom) throw badRequest('validUntil is before validFrom');
  return input;
}

export function parseConsumeInput(value: unknown): ConsumeInput {
  const body = asBody(value);
  return {
    allocationId: optional(body, 'allocationId'),
    cardHours: positiveAmount(body, 'cardHours'),
    resourceType: optional(body, 'resourceType'),
    day: body.day === undefined ? undefined : day(body, 'day'),
  };
}

export function parseReason(value: unknown, reasonRequired: boolean): string | undefined {
  const body = asBody(value);
  optional(body, 'note'); // checked, then dropped: the simulator keeps no notes
  return reasonRequired ? required(body, 'reason') : optional(body, 'reason');
}

export interface UsageQuery {
  from: string;
  to: string;
  granularity: 'day' | 'month';
  offset: number;
}

export function parseUsageQuery(params: URLSearchParams): UsageQuery {
  const query = Object.fromEntries(params);
  const from = day(query, 'from');
  const to = day(query, 'to');
  if (to <= from) throw badRequest('to must be after from');
  return {
    from,
    to,
    granularity: query.granularity ? oneOf(query, 'granularity', ['day', 'month'] as const) : 'day',
    offset: query.cursor ? decodeCursor(query.cursor) : 0,
  };
}

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as {
      offset: unknown;
    };
    if (Number.isSafeInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    /* falls through to the refusal */
  }
  throw badRequest('cursor is not one this server issued');
}

export function parseFaults(value: unknown): Partial<Faults> {
  const body = asBody(value);
  const faults: Partial<Faults> = {};
  for (const name of ['down', 'duplicateWebhooks', 'reorderWebhooks'] as const) {
    if (body[name] === undefined) continue;
    if (typeof body[name] !== 'boolean') throw badRequest(`${name} must be a boolean`);
    faults[name] = body[name];
  }
  if (body.delayMs !== undefined) faults.delayMs = numberIn(body, 'delayMs', 0, 600_000);
  if (body.errorRate !== undefined) faults.errorRate = numberIn(body, 'errorRate', 0, 1);
  return faults;
}

function numberIn(body: Body, field: string, min: number, max: number): number {
  const value = body[field];
  if (typeof value !== 'number' || !(value >= min && value <= max))
    throw badRequest(`${field} must be a number from ${min} to ${max}`);
  return value;
}
