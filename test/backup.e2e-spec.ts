import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnvironment } from '../src/config/environment';
import { PROJECT_ROOT } from '../src/config/paths';
import { createApp } from '../src/create-app';
import { findClients, serverMajor } from '../src/database/backup';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { newLead, newUser } from './support/factories';
import { startTestApp, TEST_ENV, type TestApp } from './support/test-app';
import {
  databaseUrl,
  SERVER_URL_VAR,
  TEMPLATE_VAR,
  withAdminClient,
} from './support/test-database';

/**
 * `npm run db:backup` / `db:restore` (the compiled CLI they run) on a demo database with writes:
 * the restore into a fresh database has the same tables, rows and contents, the same sequences and
 * migrations, passes the migration check and serves the app. pg_dump refuses servers newer than
 * itself, so when the run's server (the embedded PostgreSQL 18) has no matching pg_dump on this
 * machine, the round-trip runs on the machine's PostgreSQL (127.0.0.1:5432) and the run's server is
 * checked to be refused with a clear message.
 */
const CLI = join(PROJECT_ROOT, 'dist', 'src', 'database', 'backup.cli.js');
const MACHINE_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  if (!env.PG_BIN_DIR) delete childEnv.PG_BIN_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: PROJECT_ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Digests = Record<string, { rows: number; md5: string }>;

/** Every table's row count and an md5 of its rows (as text, in a stable order). */
/** Their data is left out of backups on purpose (see backupDatabase): compared apart. */
const REPORT_CACHE_TABLES = ['public.report_cache', 'public.report_changes'];

async function cacheRows(url: string): Promise<number[]> {
  return withAdminClient(url, async (client) =>
    Promise.all(
      REPORT_CACHE_TABLES.map(
        async (name) =>
          (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`)).rows[0].n,
      ),
    ),
  );
}

async function tableDigests(url: string): Promise<Digests> {
  return withAdminClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        ORDER BY 1`,
    );
    const digests: Digests = {};
    for (const { name } of tables) {
      if (REPORT_CACHE_TABLES.includes(name)) continue;
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows,
                md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
           FROM ${name} t`,
      );
      digests[name] = rows[0];
    }
    return digests;
  });
}

async function sequences(url: string): Promise<Record<string, string | null>> {
  return withAdminClient(url, async (client) => {
    const { rows } = await client.query<{ name: string; last: string | null }>(
      `SELECT schemaname || '.' || sequencename AS name, last_value::text AS last
         FROM pg_sequences ORDER BY 1`,
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.last]));
  });
}

function fakeClient(dir: string, tool: string, version: string): string {
  const path = join(dir, tool);
  writeFileSync(
    path,
    `#!/bin/sh
if [ "$1" = "--version" ]; then echo "${tool} (PostgreSQL) ${version}"; exit 0; fi
printf '%s\\n' "$@" > "${dir}/argv"
printf '%s' "$PGPASSWORD" > "${dir}/password"
for arg in "$@"; do case "$arg" in --file=*) printf 'PGDMP' > "\${arg#--file=}";; esac; done
`,
  );
  chmodSync(path, 0o755);
  return dir;
}

describe('database backup and restore (db:backup / db:restore)', () => {
  const work = mkdtempSync(join(tmpdir(), 'crm-backup-'));
  const saved = { server: process.env[SERVER_URL_VAR], template: process.env[TEMPLATE_VAR] };
  let runServerMajor = 0;
  let runServerHasClient = true;
  let serverUrl = '';
  let t: TestApp;
  let source = '';
  let restored = '';
  let sourceDigests: Digests;
  const toDrop: string[] = [];
  const dump = join(work, 'crm.dump');

  beforeAll(async () => {
    const runServer = saved.server!;
    runServerMajor = (await serverMajor(runServer)).major;
    runServerHasClient = findClients('pg_dump').some((client) => client.major >= runServerMajor);
    serverUrl = runServer;
    if (!runServerHasClient) {
      // No pg_dump for the run's server: do the round-trip on the machine's PostgreSQL instead.
      serverUrl = MACHINE_SERVER;
      const template = `crm_tpl_backup_${process.pid}`;
      await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${template}`));
      toDrop.push(template);
      const migrate = await run(join(PROJECT_ROOT, 'dist', 'src', 'database', 'cli.js'), ['run'], {
        DATABASE_URL: databaseUrl(serverUrl, template),
      });
      expect(migrate.code).toBe(0);
      process.env[SERVER_URL_VAR] = serverUrl;
      process.env[TEMPLATE_VAR] = template;
    }
    t = await startTestApp();
    source = t.databaseUrl;
    toDrop.push(new URL(source).pathname.slice(1));
    // Writes on top of the demo: leads (with their firms, in Chinese), a user.
    const promoter = await t.tokenFor('promoter1');
    for (let i = 0; i < 3; i++)
      await newLead(t, promoter, { name: `北京'引号' \\ ;${i}科技有限公司` });
    await newUser(t, 'manager');
    await t.app.close(); // nothing writes after this point
    await t.db.end();
    sourceDigests = await tableDigests(source);
  }, 60_000);

  afterAll(async () => {
    process.env[SERVER_URL_VAR] = saved.server;
    process.env[TEMPLATE_VAR] = saved.template;
    await withAdminClient(serverUrl, async (client) => {
      for (const name of toDrop.reverse())
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up and restores into a fresh database with the same tables, rows, contents and sequences', async () => {
    const backup = await run(CLI, ['backup', '--out', dump], { DATABASE_URL: source });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^wrote .*crm\.dump \(.+, \d+ bytes\)/);
    expect(readFileSync(dump).subarray(0, 5).toString()).toBe('PGDMP');
    expect(existsSync(`${dump}.partial`)).toBe(false);

    const name = `${new URL(source).pathname.slice(1)}_restored`;
    await withAdminClient(serverUrl, (client) =>
      client.query(`CREATE DATABASE ${name} TEMPLATE template0`),
    );
    toDrop.push(name);
    restored = databaseUrl(serverUrl, name);
    const restore = await run(CLI, ['restore', dump, '--target', restored]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^restored /);

    // The writes noted changes for the report cache; none comes back with the restore.
    expect((await cacheRows(source))[1]).toBeGreaterThan(0);
    expect(await cacheRows(restored)).toEqual([0, 0]);
    const restoredDigests = await tableDigests(restored);
    expect(Object.keys(restoredDigests)).toEqual(Object.keys(sourceDigests));
    expect(restoredDigests).toEqual(sourceDigests);
    expect(await sequences(restored)).toEqual(await sequences(source));
    // The demo and the writes are there, and so are the applied migrations.
    expect(Object.keys(sourceDigests).length).toBeGreaterThan(30);
    expect(sourceDigests['public.leads'].rows).toBeGreaterThanOrEqual(3);
    expect(sourceDigests['public.migrations'].rows).toBeGreaterThanOrEqual(19);
    const totalRows = Object.values(sourceDigests).reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `backup round-trip: ${Object.keys(sourceDigests).length} tables, ${totalRows} rows, ` +
        `${readFileSync(dump).length} bytes; ${backup.stdout.trim()}; ${restore.stdout.trim()}`,
    );
  }, 60_000);

  it('leaves a restored database that passes the migration check and serves the app', async () => {
    const check = await run(join(PROJECT_ROOT, 'dist', 'src', 'database', 'cli.js'), ['check'], {
      DATABASE_URL: restored,
    });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('entities match the migrations');

    const config = validateEnvironment({ ...TEST_ENV, SEED_DEMO: 'false', DATABASE_URL: restored });
    const app = await createApp(config, { url: restored, embedded: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.getHttpServer().address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.park', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const leads = await fetch(`${base}/api/v1/leads?withTotal=true`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(leads.status).toBe(200);
      expect(((await leads.json()) as { total: number }).total).toBe(
        sourceDigests['public.leads'].rows,
      );
    } finally {
      await app.close();
    }
  }, 60_000);

  it('refuses a non-empty target without --clean and changes nothing; --clean replaces it', async () => {
    const refused = await run(CLI, ['restore', dump, '--target', source]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty .*pass --clean/);
    expect(await tableDigests(source)).toEqual(sourceDigests);

    await withAdminClient(restored, (client) =>
      client.query(`UPDATE companies SET name = name || ' (tampered)'`),
    );
    expect(await tableDigests(restored)).not.toEqual(sourceDigests);
    const clean = await run(CLI, ['restore', dump, '--target', restored, '--clean']);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(await tableDigests(restored)).toEqual(sourceDigests);
  }, 60_000);

  it('writes backups/crm-<timestamp>.dump by default', async () => {
    const backup = await run(CLI, ['backup'], { DATABASE_URL: source });
    expect(backup.code).toBe(0);
    const match = /^wrote (backups\/crm-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.dump) /.exec(
      backup.stdout,
    );
    expect(match).not.toBeNull();
    const file = join(PROJECT_ROOT, match![1]);
    try {
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    } finally {
      rmSync(file, { force: true });
    }
  }, 60_000);

  it('gives pg_dump the password through the environment, never its arguments or the output', async () => {
    const bin = fakeClient(mkdtempSync(join(work, 'new-')), 'pg_dump', '99.0');
    const url = new URL(source);
    if (!url.password) url.password = 'not-on-the-command-line'; // trust auth ignores it
    const password = decodeURIComponent(url.password);
    const out = join(work, 'fake.dump');
    const backup = await run(CLI, ['backup', '--out', out], {
      DATABASE_URL: url.toString(),
      PG_BIN_DIR: bin,
    });
    expect(backup.code).toBe(0);
    expect(readFileSync(join(bin, 'password'), 'utf8')).toBe(password);
    expect(readFileSync(join(bin, 'argv'), 'utf8')).not.toContain(password);
    expect(backup.stdout + backup.stderr).not.toContain(password);
  }, 60_000);

  it('refuses, with a clear message and no file, when no pg_dump is as new as the server', async () => {
    const bin = fakeClient(mkdtempSync(join(work, 'old-')), 'pg_dump', '9.6.24');
    const out = join(work, 'old.dump');
    const major = (await serverMajor(source)).major;
    const refused = await run(CLI, ['backup', '--out', out], {
      DATABASE_URL: source,
      PG_BIN_DIR: bin,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `pg_dump ${major} or newer is needed for a PostgreSQL ${major} server`,
    );
    expect(refused.stderr).toContain(`${bin}/pg_dump (9)`);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(bin, 'argv'))).toBe(false); // never run

    if (!runServerHasClient) {
      // The run's own server (the embedded PostgreSQL 18): this machine's real clients are too old.
      const real = await run(CLI, ['backup', '--out', out], {
        DATABASE_URL: databaseUrl(saved.server!, saved.template!),
      });
      expect(real.code).toBe(1);
      expect(real.stderr).toContain(
        `pg_dump ${runServerMajor} or newer is needed for a PostgreSQL ${runServerMajor} server`,
      );
      expect(existsSync(out)).toBe(false);
    }
  }, 60_000);
});
