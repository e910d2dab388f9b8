/**
 * What hostile requests cost the app before it refuses them: each probe's requests are sent while
 * another client polls /health, and the worst /health latency says how long the event loop was
 * held. Also the app's peak RSS through concurrent 62 MB CSV bodies to routes that take none, or
 * that take one only from an authorised caller.
 *   npm run bench:budgets   (embedded PostgreSQL in a temporary folder, or DATABASE_URL's server)
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { MAX_ARRAY_ITEMS, MAX_INPUT_KEYS } from '../src/common/http/input-budgets';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { freePort, spawnApp, stopApp, waitUntilHealthy } from '../test/support/app-process';
import { startBenchApp } from './support/bench-app';
import { rssWatch } from './support/rss-watch';

const POLL_EVERY_MS = 10;
const ROUNDS = Number(process.env.BENCH_BUDGET_ROUNDS ?? 10);
const UPLOAD_BYTES = 62 * 1024 * 1024;
const UPLOADS = 8;

interface Answer {
  status: number;
  bytes: number;
  ms: number;
}

interface ProbeResult {
  name: string;
  request: string;
  answers: Answer[];
  healthWorstMs: number;
  healthPolls: number;
}

const keys = (count: number, prefix = 'k') =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 1]));

/** Polls /health on its own connection until stopped; the worst latency it saw. */
function pollHealth(origin: string) {
  let stopped = false;
  let worst = 0;
  let polls = 0;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      await (await fetch(`${origin}/health`)).arrayBuffer();
      worst = Math.max(worst, performance.now() - started);
      polls++;
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { worst, polls };
  };
}

/** Sends a body serialised beforehand: building it must not hold the poller's event loop. */
async function send(
  origin: string,
  method: string,
  path: string,
  json?: string,
  token?: string,
): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: json,
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { status: response.status, bytes, ms: performance.now() - started };
}

/**
 * A CSV body announced whole and sent until the app answers; the request is then dropped, so
 * the figure is how much the app read (and kept) before it refused.
 */
function uploadCsv(origin: string, path: string, token?: string): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  const started = performance.now();
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: hostname,
        port,
        method: 'POST',
        path,
        headers: {
          'content-type': 'text/csv',
          'content-length': UPLOAD_BYTES,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let bytes = 0;
        response.on('data', (data: Buffer) => (bytes += data.length));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, bytes, ms: performance.now() - started });
          request.destroy();
        });
      },
    );
    request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    let sent = 0;
    const write = () => {
      while (sent < UPLOAD_BYTES && !request.destroyed) {
        const part = chunk.subarray(0, Math.min(chunk.length, UPLOAD_BYTES - sent));
        sent += part.length;
        if (!request.write(part)) return void request.once('drain', write);
      }
      if (sent >= UPLOAD_BYTES) request.end();
    };
    write();
  });
}

async function probe(
  origin: string,
  name: string,
  request: string,
  run: () => Promise<Answer[]>,
): Promise<ProbeResult> {
  const stop = pollHealth(origin);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const answers = await run();
  const health = await stop();
  const result = { name, request, answers, healthWorstMs: health.worst, healthPolls: health.polls };
  console.log(
    `${name}: ${answers.length ? summary(answers) : 'nothing'}; worst /health ${health.worst.toFixed(1)} ms (${health.polls} polls)`,
  );
  return result;
}

const times = async (count: number, call: () => Promise<Answer>) => {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await call());
  return answers;
};

function summary(answers: Answer[]): string {
  const statuses = [...new Set(answers.map((a) => a.status))].join('/');
  const worstMs = Math.max(...answers.map((a) => a.ms));
  const worstBytes = Math.max(...answers.map((a) => a.bytes));
  return `${answers.length} × ${statuses}, answer ≤ ${worstBytes.toLocaleString('en')} bytes, slowest ${worstMs.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const bench = await startBenchApp();
  await bench.closeApp();
  const app = spawnApp({
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DATABASE_URL: bench.databaseUrl,
    JWT_SECRET: 'bench-secret-long-enough-for-hs256-signing!',
    SEED_DEMO: 'false',
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
  });
  try {
    await waitUntilHealthy(app);
    const origin = app.baseUrl;
    const rss = rssWatch(app.child.pid!);
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.park', password: DEMO_PASSWORD }),
    });
    const { accessToken: admin } = (await login.json()) as { accessToken: string };
    const credentials = { email: 'nobody@demo.park', password: 'wrong-password' };
    const json = {
      login60k: JSON.stringify({ ...credentials, ...keys(60_000) }),
      loginAtBudget: JSON.stringify({ ...credentials, ...keys(MAX_INPUT_KEYS - 2) }),
      leadAtBudget: JSON.stringify({
        source: 'inbound',
        company: { name: '预算探针' },
        ...keys(MAX_INPUT_KEYS - 3),
      }),
      leadLongArray: JSON.stringify({
        source: 'inbound',
        tags: Array(MAX_ARRAY_ITEMS + 1).fill('x'),
      }),
    };
    const query = Array.from({ length: MAX_INPUT_KEYS + 1 }, (_, i) => `p${i}=1`).join('&');
    const repeat = (method: string, path: string, body?: string, token?: string) => () =>
      times(ROUNDS, () => send(origin, method, path, body, token));
    const concurrently = (path: string) => () =>
      Promise.all(Array.from({ length: UPLOADS }, () => uploadCsv(origin, path)));
    const idle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return [];
    };
    const kib = (text: string) => `${(text.length / 1024).toFixed(0)} KiB`;
    const jsonProbes: [string, string, () => Promise<Answer[]>][] = [
      ['nothing sent (the poll alone)', '—', idle],
      [
        'anonymous login, 60,000 keys',
        `POST /api/v1/auth/login (${kib(json.login60k)} of unknown keys)`,
        repeat('POST', '/api/v1/auth/login', json.login60k),
      ],
      [
        `anonymous login, ${MAX_INPUT_KEYS} keys (the budget: validated)`,
        'POST /api/v1/auth/login',
        repeat('POST', '/api/v1/auth/login', json.loginAtBudget),
      ],
      [
        `lead create, ${MAX_INPUT_KEYS} keys (the budget: validated)`,
        'POST /api/v1/leads as admin',
        repeat('POST', '/api/v1/leads', json.leadAtBudget, admin),
      ],
      [
        `lead create, an array of ${MAX_ARRAY_ITEMS + 1} items`,
        'POST /api/v1/leads as admin',
        repeat('POST', '/api/v1/leads', json.leadLongArray, admin),
      ],
      [
        `lead list, ${MAX_INPUT_KEYS + 1} query parameters`,
        'GET /api/v1/leads as admin',
        repeat('GET', `/api/v1/leads?${query}`, undefined, admin),
      ],
    ];
    const csvProbes: typeof jsonProbes = [
      [
        `${UPLOADS} concurrent 62 MB CSV bodies to the logout`,
        'POST /api/v1/auth/logout, text/csv',
        concurrently('/api/v1/auth/logout'),
      ],
      [
        `${UPLOADS} concurrent anonymous 62 MB CSV imports`,
        'POST /api/v1/leads/import, text/csv, no token',
        concurrently('/api/v1/leads/import'),
      ],
    ];
    const results: ProbeResult[] = [];
    for (const [name, request, run] of jsonProbes)
      results.push(await probe(origin, name, request, run));
    const rssBefore = rss.peak();
    for (const [name, request, run] of csvProbes)
      results.push(await probe(origin, name, request, run));
    const rssAfter = rss.peak();
    rss.stop();
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
    const report = [
      '# Request budgets',
      '',
      `${new Date().toISOString()} · ${cpus().length} cores (${cpus()[0]?.model ?? '?'}) · Node.js ${process.version} · ${ROUNDS} requests a probe, one after the other`,
      '',
      `Each probe's requests are sent while another client polls \`/health\` every ${POLL_EVERY_MS} ms on its own connection: the worst /health latency is how long the app's event loop was held. The app is \`node dist/src/main.js\` in its own process (jobs off, logs silent).`,
      '',
      '| probe | request | answers | worst /health |',
      '| --- | --- | --- | --- |',
      ...results.map(
        (r) =>
          `| ${r.name} | ${r.request} | ${r.answers.length === 0 ? '—' : summary(r.answers)} | ${r.healthWorstMs.toFixed(1)} ms (${r.healthPolls} polls) |`,
      ),
      '',
      `**Peak RSS of the app process (VmHWM): ${mib(rssBefore)} before the CSV probes, ${mib(rssAfter)} after** (${UPLOADS} × 62 MB announced; each refused before its body was read).`,
      '',
    ].join('\n');
    console.log(`\npeak RSS ${mib(rssBefore)} before the CSV bodies, ${mib(rssAfter)} after`);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'request-budgets.md'), report);
  } finally {
    if (app.child.exitCode === null) await stopApp(app);
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
