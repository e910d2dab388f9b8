import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { notFound, ProblemException } from '../errors/problem.exception';

export interface Versioned {
  id: string;
  version: number;
}

export const versionMismatch = (entity: string, id: string, current: number, expected: number) =>
  new ProblemException(
    'VERSION_MISMATCH',
    `${entity} ${id} is at version ${current}, not ${expected}: reload it and apply your change again`,
    { currentVersion: current, headers: { etag: `"${current}"` } },
  );

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a instanceof Date ? a.toISOString() : (a ?? null)) ===
  JSON.stringify(b instanceof Date ? b.toISOString() : (b ?? null));

/** False when every change sets a field to the value it already has (a no-op: no new version). */
function changesAnything(before: object, changes: object): boolean {
  return Object.entries(changes).some(
    ([field, value]) =>
      value !== undefined &&
      (typeof value === 'function' || !same((before as Record<string, unknown>)[field], value)),
  );
}

/**
 * Applies `changes` only if the row is still at `expectedVersion`, bumping the version in the same
 * UPDATE (`… WHERE id = $1 AND version = $2`): a concurrent writer makes it match zero rows, and
 * that is a 412, never a lost update. A change that changes nothing writes nothing. Returns the
 * row as it was before and as it is after.
 */
export async function updateVersioned<T extends Versioned & ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entityName: string,
  id: string,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<{ before: T; after: T }> {
  const repository = manager.getRepository(target);
  const before = await repository.findOne({ where: { id } as never });
  if (!before) throw notFound(entityName, id);
  if (before.version !== expectedVersion)
    throw versionMismatch(entityName, id, before.version, expectedVersion);
  if (!changesAnything(before, changes)) return { before, after: before };
  const result = await repository
    .createQueryBuilder()
    .update()
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (result.affected !== 1) {
    const current = await repository.findOne({ where: { id } as never });
    if (!current) throw notFound(entityName, id);
    throw versionMismatch(entityName, id, current.version, expectedVersion);
  }
  const after = await repository.findOneOrFail({ where: { id } as never, withDeleted: true });
  return { before, after };
}
