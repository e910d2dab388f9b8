import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Connection settings shared by the app, the migration CLI and the tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Extensions come from migrations; ids use PostgreSQL's built-in gen_random_uuid().
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    applicationName: 'park-crm',
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5_000,
      // A query that outlives this is a bug or a runaway report; fail it rather than pile up.
      statement_timeout: 60_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}
