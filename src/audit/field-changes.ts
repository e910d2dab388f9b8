import type { FieldChanges } from './audit-entry.entity';

const SECRET = /password|secret|token|hash/i;
const BOOKKEEPING = new Set(['version', 'createdAt', 'updatedAt']);

const comparable = (value: unknown) =>
  JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));

/** The fields that differ between two states of a record; secrets show as `[redacted]`. */
export function fieldChanges(before: object | null, after: object | null): FieldChanges {
  const was = (before ?? {}) as Record<string, unknown>;
  const now = (after ?? {}) as Record<string, unknown>;
  const changes: FieldChanges = {};
  for (const field of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (BOOKKEEPING.has(field) || comparable(was[field]) === comparable(now[field])) continue;
    changes[field] = SECRET.test(field)
      ? {
          before: before && field in was ? '[redacted]' : null,
          after: after && field in now ? '[redacted]' : null,
        }
      : { before: was[field] ?? null, after: now[field] ?? null };
  }
  return changes;
}
