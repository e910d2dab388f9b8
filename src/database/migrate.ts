import { DataSource } from 'typeorm';

const MIGRATION_LOCK = 'park-crm:migrations';

/** Applies pending migrations once, even when several instances start together. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK])
      .catch(() => undefined);
    await runner.release();
  }
}
