import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import {
  databaseUrl,
  RUN_ID_VAR,
  SERVER_URL_VAR,
  TEMPLATE_VAR,
  withAdminClient,
} from './test-database';

declare global {
  var __crmEmbeddedPostgres: EmbeddedPostgres | undefined;
}

/**
 * One PostgreSQL for the whole run: the server in DATABASE_URL, else an embedded one in a temporary
 * folder. A template database is migrated once with the real CLI; each test file copies it.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${process.pid}${Date.now() % 100000}`;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = new EmbeddedPostgres({
      dataDir: join(mkdtempSync(join(tmpdir(), 'crm-test-')), 'postgres'),
      database: 'crm_test',
    });
    serverUrl = await embedded.start();
    globalThis.__crmEmbeddedPostgres = embedded;
  }
  const template = `crm_tpl_${runId}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${template}`));
  const migrate = spawnSync(process.execPath, ['dist/src/database/cli.js', 'run'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(serverUrl, template) },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) {
    throw new Error(
      `migrating the template database failed (run "npm run build" first?):\n${migrate.stderr}${migrate.stdout}`,
    );
  }
  process.env[SERVER_URL_VAR] = serverUrl;
  process.env[TEMPLATE_VAR] = template;
  process.env[RUN_ID_VAR] = runId;
}
