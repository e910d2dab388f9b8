import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { COMPUTE_CALLS_QUEUE } from '../src/compute-center/compute-outbox.service';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import type { ComputeCenterSimulator } from './compute-center/simulator';
import { AppProcess, freePort, spawnApp, stopApp, waitUntilHealthy } from './support/app-process';
import {
  computeCenterEnv,
  eventsPath,
  eventually,
  newCompanyBody,
  startSimulator,
} from './support/compute-center';
import { TEST_ENV } from './support/test-app';
import { createTestDatabase } from './support/test-database';

// The retried import matches its 20,000 names while the killed one's rolled-back rows still sit
// in the trigram index (until autovacuum): about 90 s alone on this machine, more under load.
jest.setTimeout(240_000);

const IMPORT_ROWS = 20_000;
const cjk = (offset: number) => String.fromCodePoint(0x4e00 + offset);
/**
 * 20,000 distinct firm names with little in common: names alike (同名/近名) would all be near-name
 * candidates of each other, and the killed import's dead rows would be rechecked for every row.
 */
const firm = (n: number) =>
  `${cjk(n % 160)}${cjk(200 + Math.floor(n / 160))}${cjk(400 + ((n * 37) % 163))}${cjk(700 + ((n * 101) % 157))}科技有限公司`;

/**
 * The app as a real process, killed with SIGKILL at the moments that matter (mid-import, with deal
 * moves in flight, with jobs queued and one active) and restarted on the same database: every
 * change is either wholly there or wholly absent, and queued work completes exactly once.
 */
describe('crash and restart: SIGKILL mid-work, then all or nothing', () => {
  let sim: ComputeCenterSimulator;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Pool;
  let app: AppProcess | undefined;
  let port: number;
  let token: string;
  const figures = { kills: 0, importRowsChecked: 0, dealsChecked: 0, historyRowsChecked: 0 };

  const start = async () => {
    app = spawnApp({
      ...TEST_ENV,
      ...computeCenterEnv(sim),
      DATABASE_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    await waitUntilHealthy(app);
    sim.setWebhookUrl(`${app.baseUrl}${eventsPath}`);
    token = await adminToken();
  };
  const kill = async () => {
    expect(await stopApp(app!, 'SIGKILL')).toBeNull();
    app = undefined;
    figures.kills++;
  };
  const call = async (
    method: string,
    path: string,
    options: { body?: unknown; raw?: Buffer; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.raw ?? (options.body ? JSON.stringify(options.body) : undefined),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
  const adminToken = async () => {
    token = '';
    const login = await call('POST', '/auth/login', {
      body: { email: 'admin@demo.park', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    return login.body.accessToken as string;
  };
  const one = async <T = any>(sql: string, params: unknown[] = []) =>
    (await db.query(sql, params)).rows[0] as T;

  beforeAll(async () => {
    sim = await startSimulator();
    database = await createTestDatabase();
    db = new Pool({ connectionString: database.url, max: 3 });
    port = await freePort();
    await start();
  });
  afterAll(async () => {
    if (app) await stopApp(app, 'SIGKILL');
    await sim?.stop();
    await db?.end();
    await database?.drop();
    console.log(`crash-restart figures: ${JSON.stringify(figures)}`);
  });

  it('a lead import killed mid-write leaves nothing; the retried key imports it exactly once', async () => {
    const lines = ['企业名称,来源,AI领域,城市,联系人,电话,邮箱,备注'];
    for (let i = 0; i < IMPORT_ROWS; i++)
      lines.push(
        `${firm(i)},中关村,计算机视觉,北京,联系人${i},+86 10 8888 0000,k${i}@example.cn,备注 ${i}`,
      );
    const csv = Buffer.from(`${lines.join('\n')}\n`);
    const key = `crash-import-${randomUUID()}`;
    const names = Array.from({ length: IMPORT_ROWS }, (_, i) => firm(i));
    const counts = () =>
      one<{ companies: number; leads: number; contacts: number; keys: number; audits: number }>(
        `SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM leads)::int AS leads,
                (SELECT count(*) FROM contacts)::int AS contacts,
                (SELECT count(*) FROM idempotency_keys WHERE key = $1)::int AS keys,
                (SELECT count(*) FROM audit_log WHERE entity_type = 'LeadImport')::int AS audits`,
        [key],
      );
    const importCsv = () =>
      call('POST', '/leads/import', {
        raw: csv,
        headers: { 'content-type': 'text/csv', 'idempotency-key': key },
      });
    const before = await counts();

    // Killed while the import's transaction is writing its rows (one of its INSERTs is running).
    let answered = false;
    const first = importCsv().then(
      () => (answered = true),
      () => undefined,
    );
    // Polled every 20 ms: the writes of 20,000 rows take about a second.
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (answered) throw new Error('the import finished before the kill');
      if (Date.now() > deadline) throw new Error('the import never started writing');
      const { n } = await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active'
            AND query ~ '^\\s*INSERT INTO (companies|leads|contacts)'`,
      );
      if (n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await kill();
    await first;
    expect(answered).toBe(false);
    // None of it is there, not even the idempotency key: the whole import was one transaction.
    await eventually(
      async () =>
        (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND query ~ 'INSERT INTO (companies|leads|contacts)'`,
          )
        ).n === 0,
      30_000,
      'the killed import’s backend to roll back',
    );
    expect(await counts()).toEqual(before);
    const partial = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM companies WHERE name = ANY($1::text[])`,
      [names],
    );
    expect(partial.n).toBe(0);

    // After the restart the same request with the same key runs afresh, once.
    await start();
    const retried = await importCsv();
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(retried.body.total).toBe(IMPORT_ROWS);
    expect(retried.body.rejected.count).toBe(0);
    expect(retried.body.duplicates.count).toBe(0);
    const written = retried.body.created.count + retried.body.conflicts.count;
    expect(written).toBe(IMPORT_ROWS);
    // And once more: replayed from the key, nothing written twice.
    const replayed = await importCsv();
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(retried.body);

    const after = await counts();
    expect(after).toEqual({
      companies: before.companies + IMPORT_ROWS,
      leads: before.leads + IMPORT_ROWS,
      contacts: before.contacts + IMPORT_ROWS,
      keys: 1,
      audits: before.audits + 1,
    });
    const perName = await db.query<{ name: string; companies: number; leads: number }>(
      `SELECT c.name, count(DISTINCT c.id)::int AS companies, count(l.id)::int AS leads
         FROM companies c LEFT JOIN leads l ON l.company_id = c.id
        WHERE c.name = ANY($1::text[]) GROUP BY c.name`,
      [names],
    );
    expect(perName.rows).toHaveLength(IMPORT_ROWS);
    expect(perName.rows.filter((r) => r.companies !== 1 || r.leads !== 1)).toEqual([]);
    figures.importRowsChecked = perName.rows.length;
  });

  it('deal moves in flight when the app dies: stage, history, audit and version agree', async () => {
    const pipeline = await one<{ id: string }>(`SELECT id FROM pipelines WHERE is_default`);
    const stages = (
      await db.query<{ id: string }>(
        `SELECT id FROM stages WHERE pipeline_id = $1 AND kind = 'open' AND gates = '{}' ORDER BY position`,
        [pipeline.id],
      )
    ).rows.map((r) => r.id);
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const deals: { id: string; version: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const company = await call('POST', '/companies', { body: newCompanyBody() });
      expect(company.status).toBe(201);
      const deal = await call('POST', '/deals', {
        body: { companyId: company.body.id, pipelineId: pipeline.id },
      });
      expect(deal.status).toBe(201);
      deals.push({ id: deal.body.id, version: deal.body.version });
    }
    const ids = deals.map((d) => d.id);
    const snapshot = async () =>
      new Map(
        (
          await db.query<{ id: string; version: number; history: number; audits: number }>(
            `SELECT d.id, d.version,
                    (SELECT count(*) FROM deal_stage_history h WHERE h.deal_id = d.id)::int AS history,
                    (SELECT count(*) FROM audit_log a WHERE a.entity_type = 'Deal' AND a.entity_id = d.id AND a.action = 'move')::int AS audits
               FROM deals d WHERE d.id = ANY($1::uuid[])`,
            [ids],
          )
        ).rows.map((r) => [r.id, r]),
      );
    const start0 = await snapshot();

    // Each client moves its deal round the gate-free stages, one move after another, until the kill.
    const acked = new Map<string, number[]>(ids.map((id) => [id, []]));
    let stop = false;
    let inFlight = 0;
    const client = async (deal: { id: string; version: number }) => {
      for (let n = 1; !stop; n++) {
        try {
          inFlight++;
          const moved = await call('POST', `/deals/${deal.id}/move`, {
            body: { stageId: stages[n % stages.length] },
            headers: { 'if-match': `"${deal.version}"` },
          }).finally(() => inFlight--);
          expect(moved.status).toBe(200);
          deal.version = moved.body.version;
          acked.get(deal.id)!.push(moved.body.version);
        } catch (error) {
          if (stop) return;
          throw error;
        }
      }
    };
    const failures: unknown[] = [];
    const clients = deals.map((deal) => client(deal).catch((error) => failures.push(error)));
    const ackedCount = () => [...acked.values()].reduce((sum, v) => sum + v.length, 0);
    await eventually(() => ackedCount() >= 60, 30_000, '60 moves answered');
    stop = true;
    const inFlightAtKill = inFlight;
    await kill();
    await Promise.all(clients);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(failures).toEqual([]);

    await start();
    const end = await snapshot();
    let newRows = 0;
    for (const id of ids) {
      const before = start0.get(id)!;
      const after = end.get(id)!;
      const moves = after.history - before.history;
      newRows += moves;
      // Every move is a version, a history row and an audit entry, or none of them.
      expect({
        id,
        versions: after.version - before.version,
        audits: after.audits - before.audits,
      }).toEqual({ id, versions: moves, audits: moves });
      // Every answered move is there; at most the one in flight when the app died was added unanswered.
      const answered = acked.get(id)!;
      expect(moves).toBeGreaterThanOrEqual(answered.length);
      expect(moves).toBeLessThanOrEqual(answered.length + 1);
      if (answered.length > 0) expect(after.version).toBeGreaterThanOrEqual(answered.at(-1)!);
    }
    figures.historyRowsChecked = newRows;
    Object.assign(figures, { movesAnswered: ackedCount(), movesInFlightAtKill: inFlightAtKill });
    // The deal's stage is the last history row's, entered when that row was written, and the rows
    // chain (each move starts where the previous one ended).
    const chains = await db.query<{
      id: string;
      stage_id: string;
      stage_entered_at: Date;
      rows: { from: string | null; to: string; at: string }[];
    }>(
      `SELECT d.id, d.stage_id, d.stage_entered_at,
              json_agg(json_build_object('from', h.from_stage_id, 'to', h.to_stage_id, 'at', h.moved_at)
                       ORDER BY h.moved_at, h.id) AS rows
         FROM deals d JOIN deal_stage_history h ON h.deal_id = d.id
        WHERE d.id = ANY($1::uuid[]) GROUP BY d.id`,
      [ids],
    );
    expect(chains.rows).toHaveLength(ids.length);
    for (const deal of chains.rows) {
      const last = deal.rows.at(-1)!;
      expect({
        id: deal.id,
        stage: deal.stage_id,
        at: new Date(deal.stage_entered_at).getTime(),
      }).toEqual({ id: deal.id, stage: last.to, at: new Date(last.at).getTime() });
      for (let i = 1; i < deal.rows.length; i++)
        expect({ id: deal.id, i, from: deal.rows[i].from }).toEqual({
          id: deal.id,
          i,
          from: deal.rows[i - 1].to,
        });
    }
    figures.dealsChecked = chains.rows.length;
    expect(newRows).toBeGreaterThanOrEqual(60);
  });

  it('jobs queued (and one active) when the app dies all complete after restart, exactly once', async () => {
    // The center answers slowly: the worker is mid-call when the app dies, the rest still queued.
    await sim.setFaults({ delayMs: 700 });
    const opened: { companyId: string; accountId: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const company = await call('POST', '/companies', { body: newCompanyBody() });
      expect(company.status).toBe(201);
      const account = await call('POST', '/compute-accounts', {
        body: { companyId: company.body.id },
      });
      expect(account.status).toBe(201);
      opened.push({ companyId: company.body.id, accountId: account.body.id });
    }
    const accountIds = opened.map((o) => o.accountId);
    const jobStates = async () =>
      (
        await db.query<{ state: string; n: number }>(
          `SELECT j.state, count(*)::int AS n FROM pgboss.job j
             JOIN compute_intents i ON i.id::text = j.data->>'intentId'
            WHERE j.name = $1 AND i.account_id = ANY($2::uuid[]) GROUP BY j.state`,
          [COMPUTE_CALLS_QUEUE, accountIds],
        )
      ).rows.reduce<Record<string, number>>((all, r) => ({ ...all, [r.state]: r.n }), {});
    // Killed while a call is in flight at the center and others are still waiting.
    await eventually(
      async () => {
        const states = await jobStates();
        return (states.active ?? 0) >= 1 && sim.requests().length > 0 && (states.created ?? 0) >= 3;
      },
      30_000,
      'a call in flight with others queued',
    );
    await eventually(
      () => opened.some((o) => sim.accountsByExternalRef(o.companyId).length === 1),
      30_000,
      'the center acting on one call',
    );
    await kill();
    const atKill = await jobStates();
    expect(atKill.active).toBeGreaterThanOrEqual(1);
    const unsent = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM compute_intents WHERE account_id = ANY($1::uuid[]) AND status = 'queued'`,
      [accountIds],
    );
    expect(unsent.n).toBeGreaterThanOrEqual(3);
    await sim.setFaults({ delayMs: 0 });

    const restartedAt = await one<{ now: Date }>(`SELECT now()`);
    await start();
    // Every call is delivered: the job left active by the dead worker expires and is retried.
    await eventually(
      async () => {
        const states = await jobStates();
        return Object.keys(states).join() === 'completed' && states.completed === opened.length;
      },
      60_000,
      'every queued call completed',
    );
    const intents = await db.query<{ account_id: string; status: string; external_id: string }>(
      `SELECT i.account_id, i.status, a.external_id FROM compute_intents i
         JOIN compute_accounts a ON a.id = i.account_id WHERE i.account_id = ANY($1::uuid[])`,
      [accountIds],
    );
    expect(intents.rows).toHaveLength(opened.length);
    expect(intents.rows.filter((r) => r.status !== 'sent' || !r.external_id)).toEqual([]);
    // Exactly once at the center: one account per firm, and no firm created twice.
    for (const o of opened) expect(sim.accountsByExternalRef(o.companyId)).toHaveLength(1);
    const refs = sim.accounts().map((a) => a.externalRef);
    expect(new Set(refs).size).toBe(refs.length);
    expect(sim.effects().accountsCreated).toBe(refs.length);
    const completedAfter = await one<{ n: number; retried: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE j.retry_count > 0)::int AS retried
         FROM pgboss.job j JOIN compute_intents i ON i.id::text = j.data->>'intentId'
        WHERE j.name = $1 AND i.account_id = ANY($2::uuid[]) AND j.completed_on > $3`,
      [COMPUTE_CALLS_QUEUE, accountIds, restartedAt.now],
    );
    expect(completedAfter.n).toBeGreaterThanOrEqual(4);
    expect(completedAfter.retried).toBeGreaterThanOrEqual(1);
    Object.assign(figures, {
      jobsQueuedAtKill: atKill.created ?? 0,
      jobsActiveAtKill: atKill.active,
      jobsCompletedAfterRestart: completedAfter.n,
      jobsRetriedAfterExpiry: completedAfter.retried,
      centerDuplicates: refs.length - new Set(refs).size,
    });
  });
});
