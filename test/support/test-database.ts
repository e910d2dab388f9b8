import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by global-setup: a connection URL on the test server, and the migrated template database. */
export const SERVER_URL_VAR = 'CRM_TEST_SERVER_URL';
export const TEMPLATE_VAR = 'CRM_TEST_TEMPLATE_DB';
export const RUN_ID_VAR = 'CRM_TEST_RUN_ID';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(
  serverUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function testDatabaseName(): string {
  return `crm_t_${process.env[RUN_ID_VAR]}_${randomBytes(4).toString('hex')}`;
}

/** A fresh database for one test file, copied from the migrated template (fast, and isolated). */
export async function createTestDatabase(
  options: { empty?: boolean } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const serverUrl = process.env[SERVER_URL_VAR];
  const template = process.env[TEMPLATE_VAR];
  if (!serverUrl || !template) throw new Error('e2e tests need test/support/global-setup.ts');
  const name = testDatabaseName();
  await withAdminClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : template}`),
  );
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: () =>
      withAdminClient(serverUrl, async (client) => {
        // Pools that were just ended may still be closing their connections: a FORCE drop would
        // send those a FATAL that their (already released) clients report as unhandled errors.
        for (let waited = 0; waited < 3_000; waited += 50) {
          const { rows } = await client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }).then(() => undefined),
  };
}
