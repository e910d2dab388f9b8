/**
 * Every report endpoint over HTTP (autocannon) on a generated park, against the same SQL
 * statements replayed directly through a pg Pool at the same concurrency: the ratio says what
 * the HTTP layer, auth and serialisation cost on top of the database's work.
 *   npm run bench:reports   (BENCH_SCALE=1, BENCH_SECONDS=5: about that long per cell; embedded
 *                            PostgreSQL in a temporary folder, or DATABASE_URL's server)
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { beijingToday } from '../src/common/time/beijing';
import { startBenchApp } from './support/bench-app';
import { generateParkData, type GeneratedPark } from './support/generate';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = [1, 16];
/** A report whose API p99 at concurrency 1 is above this gets its plans in the results. */
const SLOW_P99_MS = 300;
/** …for each of its statements that takes this long. */
const PLAN_FROM_MS = 50;

interface Statement {
  sql: string;
  params: unknown[];
}

interface Endpoint {
  name: string;
  path: string;
  statements: Statement[];
  responseBytes: number;
  warmUpMs: number;
}

interface Load {
  p50: number;
  p99: number;
  perSecond: number;
  /** What went wrong, e.g. `6 × 503`; empty when every request succeeded. */
  failures: string;
}

interface Cell {
  endpoint: Endpoint;
  concurrency: number;
  requests: number;
  api: Load;
  sql: Load;
}

/** Nearest-rank percentile of latencies in ms. */
function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function load(latencies: number[], seconds: number, failures = ''): Load {
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    perSecond: latencies.length / seconds,
    failures,
  };
}

const day = (date: Date) => date.toISOString().slice(0, 10);
/** A Beijing day shifted by years and days (Date.UTC rolls 29 February over to 1 March). */
function shift(today: string, years: number, days = 0): string {
  const [y, m, d] = today.split('-').map(Number);
  return day(new Date(Date.UTC(y + years, m - 1, d + days)));
}

/** Each report with a realistic period: the last 12 months, or the next 12 for the forecast. */
function reportPaths(): [string, string][] {
  const today = beijingToday();
  const tomorrow = shift(today, 0, 1);
  const last12 = `from=${shift(tomorrow, -1)}&to=${tomorrow}`;
  return [
    ['funnel', `/reports/funnel?${last12}`],
    ['velocity', `/reports/velocity?${last12}`],
    ['forecast', `/reports/forecast?from=${today}&to=${shift(today, 1)}&granularity=month`],
    ['sources', `/reports/sources?${last12}`],
    ['site-visits', `/reports/site-visits?${last12}`],
    ['team', `/reports/team?${last12}`],
    ['targets', `/reports/targets`],
    ['compute-usage', `/reports/compute-usage?${last12}`],
    ['overview', `/reports/overview`],
  ];
}

type QueryMethod = (
  this: PostgresQueryRunner,
  sql: string,
  params?: unknown[],
  ...rest: unknown[]
) => Promise<unknown>;

/**
 * Records the statements that the app's DataSource sends while a capture is on: every query,
 * from `txHost.tx.query` to repositories, goes through a PostgresQueryRunner.
 */
function statementRecorder(dataSource: DataSource) {
  const prototype = PostgresQueryRunner.prototype as unknown as { query: QueryMethod };
  const original = prototype.query;
  let recording: Statement[] | undefined;
  prototype.query = function (sql, params, ...rest) {
    if (recording && this.dataSource === dataSource)
      recording.push({ sql, params: params ? [...params] : [] });
    return original.call(this, sql, params, ...rest);
  };
  return {
    async during(work: () => Promise<unknown>): Promise<Statement[]> {
      recording = [];
      try {
        await work();
        return recording;
      } finally {
        recording = undefined;
      }
    },
    restore: () => void (prototype.query = original),
  };
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@demo.park', password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function get(url: string, token: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`${url}: ${response.status} ${Buffer.from(body).toString().slice(0, 300)}`);
  return body.byteLength;
}

/**
 * One warm-up call per report, recording its SQL and its time; the statements a trivial
 * authenticated call (GET /auth/me) also makes are the guard's, not the report's: left out.
 */
async function captureEndpoints(
  base: string,
  token: string,
  recorder: ReturnType<typeof statementRecorder>,
): Promise<Endpoint[]> {
  const auth = new Set(
    (await recorder.during(() => get(`${base}/auth/me`, token))).map((s) => s.sql),
  );
  const endpoints: Endpoint[] = [];
  for (const [name, path] of reportPaths()) {
    let responseBytes = 0;
    const started = performance.now();
    const statements = await recorder.during(async () => {
      responseBytes = await get(`${base}${path}`, token);
    });
    const warmUpMs = performance.now() - started;
    const own = statements.filter((s) => !auth.has(s.sql));
    endpoints.push({ name, path, responseBytes, warmUpMs, statements: own });
  }
  return endpoints;
}

/**
 * `amount` requests over HTTP on `connections` connections: 2xx latencies, and the pace up to the
 * last response (autocannon itself ends, and counts its duration, on a whole-second tick).
 */
function loadApi(url: string, token: string, connections: number, amount: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    const headers = { authorization: `Bearer ${token}` };
    const started = performance.now();
    let last = started;
    const options = { url, connections, amount, headers, timeout: 300 };
    const instance = autocannon(options, (error: Error | null, result) => {
      if (error) return reject(error);
      if (result.errors > result.timeouts) statuses.set('error', result.errors - result.timeouts);
      if (result.timeouts > 0) statuses.set('timeout', result.timeouts);
      const failures = [...statuses].map(([what, n]) => `${n} × ${what}`).join(', ');
      resolve(load(latencies, (last - started) / 1000, failures));
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      last = performance.now();
      if (status >= 200 && status < 300) latencies.push(ms);
      else statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
    });
  });
}

/** `amount` runs of the endpoint's statements in sequence, by `workers` loops on the pool. */
async function loadSql(pool: Pool, statements: Statement[], workers: number, amount: number) {
  const latencies: number[] = [];
  let left = amount;
  const started = performance.now();
  const worker = async () => {
    // One connection per run: a report's transaction (BEGIN, SET LOCAL, …, COMMIT) stays whole.
    const client = await pool.connect();
    try {
      while (left-- > 0) {
        const begun = performance.now();
        for (const { sql, params } of statements) await client.query(sql, params);
        latencies.push(performance.now() - begun);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return load(latencies, (performance.now() - started) / 1000);
}

/**
 * Requests in a cell: about BENCH_SECONDS' worth at the pace seen at concurrency 1 (the warm-up
 * call's, for concurrency 1 itself), and at least one per connection, so a slow report still
 * completes every request instead of timing out.
 */
function requestsFor(endpoint: Endpoint, concurrency: number, cells: Cell[]): number {
  const single = cells.find((c) => c.endpoint === endpoint && c.concurrency === 1);
  const perSecond = single ? single.api.perSecond : 1000 / endpoint.warmUpMs;
  return Math.max(concurrency, 2, Math.round(SECONDS * perSecond));
}

async function measure(
  origin: string,
  databaseUrl: string,
  token: string,
  endpoints: Endpoint[],
): Promise<Cell[]> {
  const cells: Cell[] = [];
  const widest = Math.max(...CONCURRENCY);
  // Fill the app's connection pool before anything is timed.
  await loadApi(`${origin}/api/v1/auth/me`, token, widest, widest * 4);
  for (const concurrency of CONCURRENCY) {
    const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
    await Promise.all(Array.from({ length: concurrency }, () => pool.query('SELECT 1')));
    for (const endpoint of endpoints) {
      const requests = requestsFor(endpoint, concurrency, cells);
      const api = await loadApi(`${origin}/api/v1${endpoint.path}`, token, concurrency, requests);
      const sql = await loadSql(pool, endpoint.statements, concurrency, requests);
      cells.push({ endpoint, concurrency, requests, api, sql });
      console.log(
        `  ${endpoint.name} ×${concurrency}, ${requests} requests: API p50 ${ms(api.p50)} ms, SQL p50 ${ms(sql.p50)} ms`,
      );
    }
    await pool.end();
  }
  return cells;
}

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KiB`;

function table(cells: Cell[]): string {
  const order = (cell: Cell) => reportPaths().findIndex(([name]) => name === cell.endpoint.name);
  const sorted = [...cells].sort((a, b) => order(a) - order(b) || a.concurrency - b.concurrency);
  const rows = sorted.map(({ endpoint, concurrency, requests, api, sql }) => {
    const failed = api.failures ? ` (failed: ${api.failures})` : '';
    return `| ${endpoint.name} | ${concurrency} | ${requests} | ${ms(api.p50)} | ${ms(api.p99)} | ${api.perSecond.toFixed(1)}${failed} | ${ms(sql.p50)} | ${ms(sql.p99)} | ${sql.perSecond.toFixed(1)} | ${(api.perSecond / sql.perSecond).toFixed(2)}× | ${endpoint.statements.length} | ${kib(endpoint.responseBytes)} |`;
  });
  return [
    '| report | concurrency | requests | API p50 (ms) | API p99 (ms) | API req/s | SQL p50 (ms) | SQL p99 (ms) | SQL req/s | API/SQL throughput | statements | response |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** EXPLAIN (ANALYZE, BUFFERS) of the costly statements of the reports slow at concurrency 1. */
async function slowPlans(databaseUrl: string, cells: Cell[]): Promise<string> {
  const slow = cells.filter((c) => c.concurrency === 1 && c.api.p99 > SLOW_P99_MS);
  if (slow.length === 0)
    return `No report has an API p99 above ${SLOW_P99_MS} ms at concurrency 1.`;
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const sections: string[] = [];
  try {
    for (const { endpoint, api } of slow) {
      sections.push(`### ${endpoint.name}: API p99 ${ms(api.p99)} ms at concurrency 1`);
      for (const { sql, params } of endpoint.statements) {
        if (!/^\s*(SELECT|WITH)\b/i.test(sql)) continue; // transaction control, SET LOCAL
        const plan = await pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
          params,
        );
        const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
        const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
        if (executionMs < PLAN_FROM_MS) continue;
        const parameters = `Parameters: \`${JSON.stringify(params)}\``;
        sections.push(['```sql', sql.trim(), '```', parameters, '```', text, '```'].join('\n'));
      }
    }
  } finally {
    await pool.end();
  }
  return sections.join('\n\n');
}

async function serverVersion(databaseUrl: string): Promise<string> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return (await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`))
      .rows[0].v;
  } finally {
    await pool.end();
  }
}

function rowCounts(park: GeneratedPark): string {
  return Object.entries(park.rows)
    .map(([name, n]) => `${n.toLocaleString('en')} ${name}`)
    .join(', ');
}

async function main(): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const { app, origin, databaseUrl, stop } = await startBenchApp();
  const recorder = statementRecorder(app.get(DataSource));
  try {
    console.log(`generating a park at scale ${SCALE}…`);
    const park = await generateParkData(databaseUrl, SCALE);
    console.log(`  ${park.generated ? 'generated' : 'kept'} in ${(park.ms / 1000).toFixed(1)} s`);
    const token = await login(`${origin}/api/v1`);
    const endpoints = await captureEndpoints(`${origin}/api/v1`, token, recorder);
    const cells = await measure(origin, databaseUrl, token, endpoints);
    const plans = await slowPlans(databaseUrl, cells);
    const postgres = await serverVersion(databaseUrl);
    const report = [
      `${new Date().toISOString()} · scale ${SCALE} · ${cpus().length} cores (${cpus()[0]?.model ?? '?'}) · Node.js ${process.version} · PostgreSQL ${postgres}${process.env.DATABASE_URL ? '' : ' (embedded)'} · each cell about ${SECONDS} s of requests at the pace of concurrency 1, at least one per connection, the same number through the API and as raw SQL`,
      '',
      `Data (${park.generated ? `generated in ${(park.ms / 1000).toFixed(1)} s, ANALYZE included` : 'already there, kept'}): ${rowCounts(park)}.`,
      '',
      table(cells),
      '',
      "API: autocannon in the bench process, as manager@demo.park (each request also checks the session); p50, p99 and req/s count the successful requests only (failures are noted beside req/s). The app's pool has DATABASE_POOL_SIZE (default 10) connections, and a request that waits 5 s for one gets a 503. SQL: the statements the endpoint ran (captured at PostgresQueryRunner.query, less those of GET /auth/me), one after the other, on a pg Pool of as many connections as the concurrency; the overview runs its two statements in parallel, so its API can beat this replay. API/SQL throughput below 1 is the share of the database's pace that the API keeps.",
      '',
      'Requests:',
      '',
      ...endpoints.map((e) => `- ${e.name}: \`GET /api/v1${e.path}\``),
      '',
      `Peak RSS of the bench process (app, load generator and SQL pool together): ${(peakRss / 1024 / 1024).toFixed(0)} MiB.`,
      '',
      '## Slow reports',
      '',
      plans,
    ].join('\n');
    console.log(report);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'reports.md'), `# Reports under load\n\n${report}\n`);
  } finally {
    clearInterval(sampler);
    recorder.restore();
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
