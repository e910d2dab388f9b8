import { RUN_ID_VAR, SERVER_URL_VAR, withAdminClient } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[SERVER_URL_VAR];
  const runId = process.env[RUN_ID_VAR];
  if (serverUrl && runId) {
    await withAdminClient(serverUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
        [`crm_t_${runId}_%`, `crm_tpl_${runId}`],
      );
      for (const { datname } of rows)
        await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
  }
  await globalThis.__crmEmbeddedPostgres?.stop();
}
