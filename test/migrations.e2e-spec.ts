import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrationsLocked } from '../src/database/migrate';
import { createTestDatabase } from './support/test-database';

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const tables = async () =>
    (
      await dataSource.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
      )
    ).map((row) => row.tablename);

  it('build the whole schema on an empty database, extensions included', async () => {
    const applied = await runMigrationsLocked(dataSource);
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'users',
        'auth_sessions',
        'refresh_tokens',
        'login_throttles',
        'api_keys',
        'audit_log',
        'idempotency_keys',
      ]),
    );
    const extensions = await dataSource.query<{ extname: string }[]>(
      `SELECT extname FROM pg_extension`,
    );
    expect(extensions.map((e) => e.extname)).toEqual(
      expect.arrayContaining(['pg_trgm', 'btree_gist', 'citext']),
    );
  });

  it('match the entities: migration:generate would produce nothing', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert to nothing and apply again (every down() works)', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    expect(await runMigrationsLocked(dataSource)).toHaveLength(dataSource.migrations.length);
    expect(await runMigrationsLocked(dataSource)).toEqual([]);
  });

  it('apply once when several instances start together', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const others = await Promise.all(
      [1, 2].map(() => new DataSource(dataSourceOptions(database.url, 2)).initialize()),
    );
    const results = await Promise.all([dataSource, ...others].map((ds) => runMigrationsLocked(ds)));
    await Promise.all(others.map((ds) => ds.destroy()));
    expect(results.map((r) => r.length).sort()).toEqual([0, 0, dataSource.migrations.length]);
  });
});
