/**
 * The key endpoints over HTTP (autocannon) on a generated park, each against the same SQL
 * statements replayed directly through a pg Pool at the same concurrency: the ratio says what the
 * HTTP layer, auth, validation and serialisation cost on top of the database's work.
 *   npm run bench:run   (BENCH_SCALE=1, BENCH_SECONDS=5: about that long per cell; embedded
 *                        PostgreSQL in a temporary folder, or DATABASE_URL's server)
 *
 * The statements are recorded in this process (an instance of the app with its DataSource
 * watched); the load then goes to `node dist/src/main.js` in a process of its own, as in
 * production, so that the load generator does not share the app's event loop and the app's own
 * peak RSS can be read. The lists and details are also served by the floor
 * (support/floor-server.ts), bare HTTP over the same statements: what any HTTP API keeps of the
 * database's pace on this machine.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { beijingToday } from '../src/common/time/beijing';
import { freePort, spawnApp, stopApp, waitUntilHealthy } from '../test/support/app-process';
import {
  statementRecorder,
  type Statement,
  type StatementRecorder,
} from '../test/support/statement-recorder';
import { startBenchApp } from './support/bench-app';
import { rssWatch } from './support/rss-watch';
import { generateParkData, type GeneratedPark } from './support/generate';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = [1, 16];
const JWT_SECRET = 'bench-secret-long-enough-for-hs256-signing!';
/** The issue's goals, checked in the table. */
const GOALS = {
  listP99Ms: 50,
  reportP99Ms: 300,
  listThroughputShare: 0.6,
  rssMiB: 400,
} as const;
/** A statement this slow (single run) gets its plan in the results when its endpoint misses a goal. */
const PLAN_FROM_MS = 20;

type Group = 'list' | 'detail' | 'report' | 'write';

interface Call {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What the bench drives: one call, or for writes a fresh call per request (`call(i)`). */
interface Target {
  name: string;
  group: Group;
  /** Who calls: the manager (reads everything), or the busiest promoter (who owns the deals it moves). */
  as: 'manager' | 'promoter';
  call(i: number): Call;
  /** Writes: how the SQL of call 0 becomes that of call i (string replacements in its parameters). */
  vary?(i: number): [string, string][];
  /** Writes that use up fixtures: the most requests a cell may send on each side. */
  maxRequests?: number;
  /** Also served by the floor (support/floor-server.ts): bare HTTP over the same statements. */
  floor?: true;
}

interface Endpoint {
  target: Target;
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
  /** API requests answered, and SQL runs of the endpoint's statements. */
  requests: number;
  runs: number;
  api: Load;
  sql: Load;
  /** The floor server's load over the same statements, for targets with `floor`. */
  floor?: Load;
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

/** Ids and values the targets use, read from the generated park. */
interface Fixtures {
  busiestPromoterId: string;
  busiestPromoterEmail: string;
  firstStageId: string;
  secondStageId: string;
  /** The deal with the most activities: the longest timeline. */
  busiestDealId: string;
  /** The busiest promoter's deals in the first stage at version 1, to be moved one per request. */
  movableDealIds: string[];
}

async function readFixtures(databaseUrl: string): Promise<Fixtures> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const one = async <T>(sql: string) => (await pool.query<T & object>(sql)).rows[0];
    const stages = (
      await pool.query<{ id: string }>(
        `SELECT s.id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
          WHERE p.is_default AND s.retired_at IS NULL AND s.kind <> 'lost' ORDER BY s.position LIMIT 2`,
      )
    ).rows;
    const promoter = await one<{ id: string; email: string }>(
      `SELECT u.id, u.email FROM users u
         JOIN (SELECT owner_id, count(*) AS n FROM deals WHERE deleted_at IS NULL GROUP BY owner_id) d ON d.owner_id = u.id
        WHERE u.role = 'promoter' ORDER BY d.n DESC LIMIT 1`,
    );
    const deal = await one<{ id: string }>(
      `SELECT deal_id AS id FROM activities WHERE deal_id IS NOT NULL GROUP BY deal_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const movable = await pool.query<{ id: string }>(
      `SELECT id FROM deals WHERE stage_id = $1 AND owner_id = $2 AND version = 1 AND deleted_at IS NULL
        ORDER BY id LIMIT 50000`,
      [stages[0].id, promoter.id],
    );
    return {
      busiestPromoterId: promoter.id,
      busiestPromoterEmail: promoter.email,
      firstStageId: stages[0].id,
      secondStageId: stages[1].id,
      busiestDealId: deal.id,
      movableDealIds: movable.rows.map((r) => r.id),
    };
  } finally {
    await pool.end();
  }
}

const get =
  (path: string): Target['call'] =>
  () => ({ method: 'GET', path });

function targets(fixtures: Fixtures): Target[] {
  const today = beijingToday();
  const tomorrow = shift(today, 0, 1);
  const last12 = `from=${shift(tomorrow, -1)}&to=${tomorrow}`;
  const { busiestPromoterId, firstStageId, secondStageId, busiestDealId, movableDealIds } =
    fixtures;
  // Names unique to this run, so that a kept database never matches an earlier run's firms.
  const run = Date.now().toString(36);
  const firm = (i: number) => `京西测${run}${i}号`;
  let nextDeal = 0;
  const takeDeal = () => {
    if (nextDeal >= movableDealIds.length) throw new Error('out of deals to move');
    return movableDealIds[nextDeal++];
  };
  const moves = new Map<number, string>();
  const dealFor = (i: number) => {
    if (!moves.has(i)) moves.set(i, takeDeal());
    return moves.get(i)!;
  };
  const report = (name: string, path: string): Target => ({
    name,
    group: 'report',
    as: 'manager',
    call: get(`/reports/${path}`),
  });
  return [
    {
      name: 'deal list (stage + owner, sorted)',
      group: 'list',
      as: 'manager',
      floor: true,
      call: get(
        `/deals?stageId=${firstStageId}&ownerId=${busiestPromoterId}&sort=-stageEnteredAt&limit=50`,
      ),
    },
    {
      name: 'company search 星河',
      group: 'list',
      as: 'manager',
      floor: true,
      call: get(`/companies?q=${encodeURIComponent('星河')}&limit=50`),
    },
    {
      name: 'deal detail',
      group: 'detail',
      as: 'manager',
      floor: true,
      call: get(`/deals/${busiestDealId}`),
    },
    {
      name: 'timeline',
      group: 'detail',
      as: 'manager',
      floor: true,
      call: get(`/timeline/deal/${busiestDealId}?limit=50`),
    },
    { name: 'board', group: 'list', as: 'manager', call: get('/deals/board') },
    report('funnel', `funnel?${last12}`),
    report('velocity', `velocity?${last12}`),
    report('forecast', `forecast?from=${today}&to=${shift(today, 1)}&granularity=month`),
    report('sources', `sources?${last12}`),
    report('site-visits', `site-visits?${last12}`),
    report('team', `team?${last12}`),
    report('targets', 'targets'),
    report('compute-usage', `compute-usage?${last12}`),
    report('overview', 'overview'),
    {
      name: 'deal move',
      group: 'write',
      as: 'promoter',
      call: (i) => ({
        method: 'POST',
        path: `/deals/${dealFor(i)}/move`,
        headers: { 'if-match': '"1"' },
        body: { stageId: secondStageId },
      }),
      vary: (i) => [[dealFor(0), dealFor(i)]],
      // Two cells, each moving deals through the API and as SQL, and a margin for autocannon's
      // requests built but not sent.
      maxRequests: Math.floor(movableDealIds.length / 5),
    },
    {
      name: 'lead create',
      group: 'write',
      as: 'promoter',
      call: (i) => ({
        method: 'POST',
        path: '/leads',
        body: {
          company: { name: `${firm(i)}智能科技有限公司`, aiSegment: 'computer_vision' },
          source: 'event',
        },
      }),
      vary: (i) => [[firm(0), firm(i)]],
    },
  ];
}

type Tokens = Record<Target['as'], string>;

async function login(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The generated promoters share the first demo promoter's password (DEMO_PASSWORD). */
async function loginAll(base: string, fixtures: Fixtures): Promise<Tokens> {
  return {
    manager: await login(base, 'manager@demo.park'),
    promoter: await login(base, fixtures.busiestPromoterEmail),
  };
}

function requestInit(call: Call, token: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...call.headers };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  return { method: call.method, headers, body };
}

async function send(base: string, call: Call, token: string): Promise<number> {
  const response = await fetch(`${base}${call.path}`, requestInit(call, token));
  const body = await response.arrayBuffer();
  if (response.status >= 300)
    throw new Error(
      `${call.method} ${call.path}: ${response.status} ${Buffer.from(body).toString().slice(0, 300)}`,
    );
  return body.byteLength;
}

/**
 * One warm-up call per target, recording every statement it sends, right after a call that has
 * the guard check the session: the app checks a session once per SESSION_CHECK_TTL_MS, not per
 * request, so the statements replayed are the endpoint's own.
 */
async function captureEndpoints(
  base: string,
  tokens: Tokens,
  recorder: StatementRecorder,
  all: Target[],
): Promise<Endpoint[]> {
  const endpoints: Endpoint[] = [];
  for (const target of all) {
    let responseBytes = 0;
    await send(base, { method: 'GET', path: '/auth/me' }, tokens[target.as]);
    const started = performance.now();
    const statements = await recorder.during(async () => {
      responseBytes = await send(base, target.call(0), tokens[target.as]);
    });
    const warmUpMs = performance.now() - started;
    endpoints.push({ target, responseBytes, warmUpMs, statements });
  }
  return endpoints;
}

/**
 * How long a cell runs on each side: BENCH_SECONDS, and at least two requests per connection so
 * that a slow endpoint still completes; a write that uses up fixtures stops at `max`.
 */
interface Budget {
  seconds: number;
  min: number;
  max?: number;
}

/**
 * Requests over HTTP on `connections` connections for the budget: 2xx latencies, and the pace up
 * to the last response. `first` numbers the writes' calls, so that each request moves its own
 * deal or names its own firm.
 */
function loadApi(
  origin: string,
  target: Target,
  token: string,
  connections: number,
  budget: Budget,
  first: number,
): Promise<Load & { count: number }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    let next = first;
    let sent = 0;
    const request = (i: number) => {
      const call = target.call(i);
      const init = requestInit(call, token);
      return {
        method: init.method,
        path: `/api/v1${call.path}`,
        headers: init.headers,
        body: init.body,
      };
    };
    const started = performance.now();
    let last = started;
    const instance = autocannon(
      {
        url: origin,
        connections,
        // Without an amount, autocannon runs for the duration; the budget's floor is enforced
        // by stopping only once it is met.
        ...(budget.max ? { amount: budget.max } : { duration: budget.seconds * 4 }),
        timeout: 300,
        requests: [{ setupRequest: () => request(target.vary ? next++ : 0) }],
      },
      (error: Error | null, result) => {
        if (error) return reject(error);
        if (result.errors > result.timeouts) statuses.set('error', result.errors - result.timeouts);
        if (result.timeouts > 0) statuses.set('timeout', result.timeouts);
        const failures = [...statuses].map(([what, n]) => `${n} × ${what}`).join(', ');
        resolve({ ...load(latencies, (last - started) / 1000, failures), count: sent });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      last = performance.now();
      sent++;
      if (status >= 200 && status < 300) latencies.push(ms);
      else statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
      const elapsed = (last - started) / 1000;
      if (!budget.max && elapsed >= budget.seconds && sent >= budget.min) instance.stop();
    });
  });
}

function substitute(params: unknown[], pairs: [string, string][]): unknown[] {
  if (pairs.length === 0) return params;
  return params.map((value) =>
    typeof value === 'string'
      ? pairs.reduce((text, [from, to]) => text.split(from).join(to), value)
      : value,
  );
}

/**
 * The endpoint's statements run in sequence, over and over for the budget, by `workers` loops on
 * the pool; a write's run `i` has its parameters varied as its call `first + i` would.
 */
async function loadSql(
  pool: Pool,
  endpoint: Endpoint,
  workers: number,
  budget: Budget,
  first: number,
): Promise<Load & { count: number }> {
  const latencies: number[] = [];
  let next = 0;
  const { target, statements } = endpoint;
  const started = performance.now();
  const more = () =>
    budget.max
      ? next < budget.max
      : next < budget.min || performance.now() - started < budget.seconds * 1000;
  const worker = async () => {
    // One connection per run: a transaction (BEGIN, SET LOCAL, …, COMMIT) stays whole.
    const client = await pool.connect();
    try {
      while (more()) {
        const pairs = target.vary ? target.vary(first + next) : [];
        next++;
        const begun = performance.now();
        for (const { sql, params } of statements)
          await client.query(sql, substitute(params, pairs));
        latencies.push(performance.now() - begun);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return { ...load(latencies, (performance.now() - started) / 1000), count: latencies.length };
}

/** A write's cap: about BENCH_SECONDS at its pace at concurrency 1, within its fixtures. */
function budgetFor(endpoint: Endpoint, concurrency: number, cells: Cell[]): Budget {
  const min = Math.max(concurrency * 2, 4);
  const { maxRequests, vary } = endpoint.target;
  if (!vary) return { seconds: SECONDS, min };
  const single = cells.find((c) => c.endpoint === endpoint && c.concurrency === 1);
  const perSecond = single ? single.api.perSecond : 1000 / endpoint.warmUpMs;
  const wanted = Math.max(min, Math.round(SECONDS * perSecond));
  return { seconds: SECONDS, min, max: Math.min(wanted, maxRequests ?? wanted) };
}

async function measure(
  origin: string,
  floorOrigin: string,
  databaseUrl: string,
  tokens: Tokens,
  endpoints: Endpoint[],
): Promise<Cell[]> {
  const cells: Cell[] = [];
  const widest = Math.max(...CONCURRENCY);
  // Fill the app's and the floor's connection pools and warm their code paths before anything is timed.
  const warm = { ...endpoints[0].target, vary: undefined };
  await loadApi(origin, warm, tokens.manager, widest, { seconds: 1, min: widest * 8 }, 0);
  const floorWarm = endpoints.find((endpoint) => endpoint.target.floor)?.target;
  if (floorWarm)
    await loadApi(floorOrigin, floorWarm, '', widest, { seconds: 1, min: widest * 8 }, 0);
  let call = 1;
  for (const concurrency of CONCURRENCY) {
    const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
    await Promise.all(Array.from({ length: concurrency }, () => pool.query('SELECT 1')));
    for (const endpoint of endpoints) {
      const budget = budgetFor(endpoint, concurrency, cells);
      const token = tokens[endpoint.target.as];
      const api = await loadApi(origin, endpoint.target, token, concurrency, budget, call);
      call += api.count + concurrency;
      const sql = await loadSql(pool, endpoint, concurrency, budget, call);
      call += sql.count + concurrency;
      const floor = endpoint.target.floor
        ? await loadApi(floorOrigin, endpoint.target, '', concurrency, budget, call)
        : undefined;
      cells.push({ endpoint, concurrency, requests: api.count, runs: sql.count, api, sql, floor });
      console.log(
        `  ${endpoint.target.name} ×${concurrency}: API ${api.count} requests, p50 ${ms(api.p50)} p99 ${ms(api.p99)} ms, ${api.perSecond.toFixed(1)}/s ${api.failures}; SQL ${sql.count} runs, p50 ${ms(sql.p50)} ms, ${sql.perSecond.toFixed(1)}/s${floor ? `; floor p50 ${ms(floor.p50)} ms, ${floor.perSecond.toFixed(1)}/s ${floor.failures}` : ''}`,
      );
    }
    await pool.end();
  }
  return cells;
}

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KiB`;

/** The goals a cell is held to, and whether it meets them (writes have none). */
function verdict({ endpoint, concurrency, api, sql }: Cell): string {
  const { group } = endpoint.target;
  if (group === 'write' || api.failures) return api.failures ? '✗' : '';
  if (group === 'report') return api.p99 < GOALS.reportP99Ms ? '✓' : '✗';
  if (concurrency === 1) return '';
  const ok =
    api.p99 < GOALS.listP99Ms && api.perSecond >= GOALS.listThroughputShare * sql.perSecond;
  return ok ? '✓' : '✗';
}

/** The cells in the targets' order, concurrency 1 before 16. */
function inTableOrder<C extends Cell>(cells: C[], endpoints: Endpoint[]): C[] {
  const order = (cell: Cell) => endpoints.indexOf(cell.endpoint);
  return [...cells].sort((a, b) => order(a) - order(b) || a.concurrency - b.concurrency);
}

function table(cells: Cell[], endpoints: Endpoint[]): string {
  const rows = inTableOrder(cells, endpoints).map((cell) => {
    const { endpoint, concurrency, requests, runs, api, sql } = cell;
    const failed = api.failures ? ` (failed: ${api.failures})` : '';
    const first = concurrency === 1 ? ms(endpoint.warmUpMs) : '';
    return `| ${endpoint.target.name} | ${endpoint.target.group} | ${concurrency} | ${first} | ${requests} | ${ms(api.p50)} | ${ms(api.p99)} | ${api.perSecond.toFixed(1)}${failed} | ${runs} | ${ms(sql.p50)} | ${ms(sql.p99)} | ${sql.perSecond.toFixed(1)} | ${(api.perSecond / sql.perSecond).toFixed(2)}× | ${endpoint.statements.length} | ${kib(endpoint.responseBytes)} | ${verdict(cell)} |`;
  });
  return [
    '| endpoint | kind | concurrency | first call (ms) | API requests | API p50 (ms) | API p99 (ms) | API req/s | SQL runs | SQL p50 (ms) | SQL p99 (ms) | SQL req/s | API/SQL throughput | statements | response | goal |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...rows,
  ].join('\n');
}

/** The floor's cells: what bare HTTP keeps of the SQL's throughput, and what the app keeps of the floor's. */
function floorTable(cells: Cell[], endpoints: Endpoint[]): string {
  const floored = cells.filter((cell): cell is Cell & { floor: Load } => cell.floor !== undefined);
  const rows = inTableOrder(floored, endpoints).map(
    ({ endpoint, concurrency, api, sql, floor }) => {
      const failed = floor.failures ? ` (failed: ${floor.failures})` : '';
      return `| ${endpoint.target.name} | ${concurrency} | ${ms(floor.p50)} | ${ms(floor.p99)} | ${floor.perSecond.toFixed(1)}${failed} | ${sql.perSecond.toFixed(1)} | ${(floor.perSecond / sql.perSecond).toFixed(2)}× | ${api.perSecond.toFixed(1)} | ${(api.perSecond / floor.perSecond).toFixed(2)}× |`;
    },
  );
  return [
    '| endpoint | concurrency | floor p50 (ms) | floor p99 (ms) | floor req/s | SQL req/s | floor/SQL throughput | API req/s | API/floor throughput |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** EXPLAIN (ANALYZE, BUFFERS) of the costly read statements of the endpoints that miss a goal. */
async function slowPlans(databaseUrl: string, cells: Cell[]): Promise<string> {
  const missing = [
    ...new Set(cells.filter((c) => verdict(c) === '✗').map((c) => c.endpoint)),
  ].filter((e) => e.target.group !== 'write');
  if (missing.length === 0) return 'Every read endpoint meets its goals.';
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const sections: string[] = [];
  try {
    for (const endpoint of missing) {
      sections.push(`### ${endpoint.target.name}`);
      let slowestMs = 0;
      const shown = sections.length;
      for (const { sql, params } of endpoint.statements) {
        if (!/^\s*(SELECT|WITH)\b/i.test(sql)) continue; // transaction control, SET LOCAL
        const plan = await pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
          params,
        );
        const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
        const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
        slowestMs = Math.max(slowestMs, executionMs);
        if (executionMs < PLAN_FROM_MS) continue;
        const parameters = `Parameters: \`${JSON.stringify(params)}\``;
        sections.push(['```sql', sql.trim(), '```', parameters, '```', text, '```'].join('\n'));
      }
      if (sections.length === shown)
        sections.push(
          `No statement of it executes in ${PLAN_FROM_MS} ms or more alone; the slowest takes ${ms(slowestMs)} ms.`,
        );
    }
  } finally {
    await pool.end();
  }
  return sections.join('\n\n');
}

async function clearReportCache(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query('DELETE FROM report_cache');
  } finally {
    await pool.end();
  }
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

/** The floor server, serving each floor target's path with the statements the app sent for it. */
async function startFloor(databaseUrl: string, endpoints: Endpoint[]) {
  const routes = Object.fromEntries(
    endpoints
      .filter((endpoint) => endpoint.target.floor)
      .map((endpoint) => [`/api/v1${endpoint.target.call(0).path}`, endpoint.statements]),
  );
  const floor = spawnApp(
    {
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      FLOOR_ROUTES: JSON.stringify(routes),
    },
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support', 'floor-server.ts')],
  );
  await waitUntilHealthy(floor);
  return floor;
}

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const recorder = statementRecorder(bench.app.get(DataSource));
  let appProcess: ReturnType<typeof spawnApp> | undefined;
  let floorProcess: ReturnType<typeof spawnApp> | undefined;
  try {
    console.log(`generating a park at scale ${SCALE}…`);
    const park = await generateParkData(bench.databaseUrl, SCALE);
    console.log(`  ${park.generated ? 'generated' : 'kept'} in ${(park.ms / 1000).toFixed(1)} s`);
    // Each warm-up call then computes its report (or the board's totals) from the data.
    await clearReportCache(bench.databaseUrl);
    const fixtures = await readFixtures(bench.databaseUrl);
    const all = targets(fixtures);
    const endpoints = await captureEndpoints(
      `${bench.origin}/api/v1`,
      await loginAll(`${bench.origin}/api/v1`, fixtures),
      recorder,
      all,
    );
    recorder.restore();
    await bench.closeApp();

    const port = await freePort();
    appProcess = spawnApp({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: bench.databaseUrl,
      JWT_SECRET,
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
    });
    await waitUntilHealthy(appProcess);
    const rss = rssWatch(appProcess.child.pid!);
    const origin = appProcess.baseUrl;
    const tokens = await loginAll(`${origin}/api/v1`, fixtures);
    floorProcess = await startFloor(bench.databaseUrl, endpoints);
    const cells = await measure(origin, floorProcess.baseUrl, bench.databaseUrl, tokens, endpoints);
    const peakRss = rss.peak();
    rss.stop();
    const plans = await slowPlans(bench.databaseUrl, cells);
    const postgres = await serverVersion(bench.databaseUrl);
    const rssMiB = peakRss / 1024 / 1024;
    const report = [
      `${new Date().toISOString()} · scale ${SCALE} · ${cpus().length} cores (${cpus()[0]?.model ?? '?'}) · Node.js ${process.version} · PostgreSQL ${postgres}${process.env.DATABASE_URL ? '' : ' (embedded)'} · each cell ${SECONDS} s through the API and ${SECONDS} s as raw SQL (at least two requests per connection; writes: about ${SECONDS} s at their pace at concurrency 1, the same number on both sides)`,
      '',
      `Data (${park.generated ? `generated in ${(park.ms / 1000).toFixed(1)} s, ANALYZE included` : 'already there, kept'}): ${rowCounts(park)}.`,
      '',
      table(cells, endpoints),
      '',
      `**Peak RSS of the app process: ${rssMiB.toFixed(0)} MiB** (goal < ${GOALS.rssMiB} MB: ${rssMiB * 1.048576 < GOALS.rssMiB ? '✓' : '✗'}).`,
      '',
      `Goals: list and detail p99 < ${GOALS.listP99Ms} ms at concurrency 16 with the API at ≥ ${GOALS.listThroughputShare * 100}% of the SQL's throughput; reports p99 < ${GOALS.reportP99Ms} ms; writes are measured, not held to a goal.`,
      '',
      "API: `node dist/src/main.js` in its own process (jobs off, logs silent), driven by autocannon from the bench process as manager@demo.park, and the writes as the busiest generated promoter (the guard looks each session up once per SESSION_CHECK_TTL_MS, 1 s); p50, p99 and req/s count the successful requests only (failures are noted beside req/s). The app's pool has DATABASE_POOL_SIZE (default 10) connections. SQL: every statement the endpoint ran (captured at PostgresQueryRunner.query in an instance of the app in the bench process, its session just checked), one after the other on one connection, by as many workers as the concurrency on a pg Pool; a write's statements are replayed with its own deal or firm per run (the API's and the SQL's runs each move their own deals). API/SQL throughput below 1 is the share of the database's pace that the API keeps. First call: the warm-up call, made with an empty report cache, so for the reports and the board it is the computation from the data; later calls are served from the cache (src/common/report-cache) until a write changes a table the result read, which is why their API throughput exceeds the SQL's: the SQL column is what each call would cost without it. The writes of the concurrency-1 round empty the cache before the concurrency-16 round, whose first calls compute again.",
      '',
      '## The floor: bare HTTP over the same statements',
      '',
      "`bench/support/floor-server.ts`: node:http and a pg Pool of the app's size, with no framework, auth, validation or ORM, answering each request with the rows of the statements the app sent for it (JSON.stringify), in a process of its own, driven by autocannon like the app, right after the SQL side of each cell. Floor/SQL is what any Node.js HTTP API on this machine could keep of the database's pace; API/floor is what the app keeps of that floor.",
      '',
      floorTable(cells, endpoints),
      '',
      'Requests:',
      '',
      ...endpoints.map((e) => {
        const call = e.target.call(0);
        const body = call.body ? ` ${JSON.stringify(call.body)}` : '';
        return `- ${e.target.name}: \`${call.method} /api/v1${call.path}\`${body}`;
      }),
      '',
      '## Plans of the endpoints that miss a goal',
      '',
      plans,
    ].join('\n');
    console.log(report);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const file = join(__dirname, 'results', `endpoints-scale-${SCALE}.md`);
    writeFileSync(file, `# Key endpoints under load\n\n${report}\n`);
    console.log(`written to ${file}`);
  } finally {
    recorder.restore();
    if (appProcess) await stopApp(appProcess);
    if (floorProcess) await stopApp(floorProcess);
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
