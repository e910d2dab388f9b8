/**
 * Migration commands on the configured database (DATABASE_URL, else the embedded one):
 *   run | revert | generate <Name> | check
 * `check` exits 1 when the entities have drifted from the migrations.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../config/environment';
import { dataSourceOptions } from './data-source-options';
import { startDatabaseServer } from './database-server';
import { runMigrationsLocked } from './migrate';

function migrationSource(name: string, timestamp: number, up: string[], down: string[]): string {
  const indent = (queries: string[]) =>
    queries.map((query) => `    await queryRunner.query(${JSON.stringify(query)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${indent(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${indent(down)}
  }
}
`;
}

async function pendingSchemaChanges(dataSource: DataSource) {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((query) => query.query),
    down: sql.downQueries.map((query) => query.query).reverse(),
  };
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const env = validateEnvironment(process.env);
  const server = await startDatabaseServer(env, { shareWithLiveOwner: true });
  const dataSource = new DataSource(dataSourceOptions(server.url, 2));
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run': {
        const applied = await runMigrationsLocked(dataSource);
        console.log(
          applied.length
            ? applied.map((name) => `applied ${name}`).join('\n')
            : 'no pending migrations',
        );
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
        return 0;
      case 'generate': {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
          console.error('usage: npm run migration:generate -- <PascalCaseName>');
          return 2;
        }
        await runMigrationsLocked(dataSource);
        const { up, down } = await pendingSchemaChanges(dataSource);
        if (up.length === 0) {
          console.log('entities match the migrations: nothing to generate');
          return 0;
        }
        const timestamp = Date.now();
        const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
        writeFileSync(file, migrationSource(name, timestamp, up, down));
        console.log(`wrote ${file}`);
        return 0;
      }
      case 'check': {
        await runMigrationsLocked(dataSource);
        const { up } = await pendingSchemaChanges(dataSource);
        if (up.length > 0) {
          console.error(
            `entities have drifted from the migrations; migration:generate would add:\n${up.join(';\n')}`,
          );
          return 1;
        }
        console.log('entities match the migrations');
        return 0;
      }
      default:
        console.error('usage: cli.js run | revert | generate <Name> | check');
        return 2;
    }
  } finally {
    await dataSource.destroy();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
