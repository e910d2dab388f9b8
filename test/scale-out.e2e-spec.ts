import { randomUUID } from 'node:crypto';
import { ComputeOutbox } from '../src/compute-center/compute-outbox.service';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { JobsService } from '../src/jobs/jobs.service';
import { SLA_QUEUE, SlaJob } from '../src/pipeline/sla.job';
import { AppProcess, freePort, spawnApp, stopApp, waitUntilHealthy } from './support/app-process';
import type { ComputeCenterSimulator } from './compute-center/simulator';
import {
  computeCenterEnv,
  eventsPath,
  newCompanyBody,
  startSimulator,
} from './support/compute-center';
import { RoundRobin, SERVED_BY, startRoundRobin } from './support/round-robin';
import { startTestApp, TEST_ENV, TestApp } from './support/test-app';

jest.setTimeout(90_000);

interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
  /** The instance that answered through the proxy: 0 = A, 1 = B. */
  servedBy: number;
}

/**
 * Two instances of the app on one database: A in this process, B as a real child process (its own
 * JWT module, connection pools and pg-boss workers), behind a round-robin proxy that sends each
 * request to the other instance in turn.
 */
describe('scale-out: two instances on one database behind a round-robin', () => {
  let a: TestApp;
  let b: AppProcess;
  let proxy: RoundRobin;
  let hooks: RoundRobin;
  let sim: ComputeCenterSimulator;
  const figures = { jobs: 0, jobsOnA: 0, jobsOnB: 0, duplicates: 0, retries: 0 };

  beforeAll(async () => {
    sim = await startSimulator();
    a = await startTestApp(computeCenterEnv(sim));
    b = spawnApp({
      ...TEST_ENV,
      ...computeCenterEnv(sim),
      SEED_DEMO: 'false',
      DATABASE_URL: a.databaseUrl,
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    });
    await waitUntilHealthy(b);
    proxy = await startRoundRobin([a.baseUrl, b.baseUrl]);
    // The center's webhooks are spread over both instances too, by a balancer of their own so
    // that the tests' requests alternate predictably.
    hooks = await startRoundRobin([a.baseUrl, b.baseUrl]);
    sim.setWebhookUrl(`${hooks.baseUrl}${eventsPath}`);
  });
  afterAll(async () => {
    await proxy?.close();
    await hooks?.close();
    if (b) await stopApp(b);
    await a?.close();
    await sim?.stop();
    console.log(
      `scale-out: requests per instance A=${proxy?.counts[0]} B=${proxy?.counts[1]}, ` +
        `webhooks A=${hooks?.counts[0]} B=${hooks?.counts[1]}; ` +
        `jobs run ${figures.jobs} (A ${figures.jobsOnA}, B ${figures.jobsOnB}); duplicates ${figures.duplicates}, calls retried after a timeout ${figures.retries}`,
    );
  });

  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${proxy.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return {
      status: response.status,
      headers: response.headers,
      body,
      text,
      servedBy: Number(response.headers.get(SERVED_BY)),
    };
  };
  const login = (email: string, password = DEMO_PASSWORD) =>
    call('POST', '/api/v1/auth/login', { body: { email, password } });

  it('sends requests to A and B in turn, both serving the same data', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call('GET', '/health'));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const servedBy = answers.map((r) => r.servedBy);
    expect(new Set(servedBy)).toEqual(new Set([0, 1]));
    expect(servedBy[0]).not.toBe(servedBy[1]);
  });

  it('accepts on B the access token issued by A; a refresh token rotated on one is dead on the other', async () => {
    const issued = await login('viewer@demo.park');
    expect(issued.status).toBe(200);
    const me = [await call('GET', '/api/v1/auth/me', { token: issued.body.accessToken })];
    me.push(await call('GET', '/api/v1/auth/me', { token: issued.body.accessToken }));
    expect(me.map((r) => [r.status, r.body.email])).toEqual([
      [200, 'viewer@demo.park'],
      [200, 'viewer@demo.park'],
    ]);
    expect(new Set(me.map((r) => r.servedBy))).toEqual(new Set([0, 1]));

    const rotated = await call('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: issued.body.refreshToken },
    });
    expect(rotated.status).toBe(200);
    const reused = await call('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: issued.body.refreshToken },
    });
    expect(reused.servedBy).not.toBe(rotated.servedBy);
    expect(reused.status).toBe(401);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    // The reuse signed the whole session out, on every instance.
    const afterReuse = await call('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: rotated.body.refreshToken },
    });
    expect(afterReuse.status).toBe(401);

    // The same refresh token presented to A and B at once: one new pair, not two.
    const fresh = await login('viewer@demo.park');
    const race = await Promise.all(
      [0, 1].map(() =>
        call('POST', '/api/v1/auth/refresh', { body: { refreshToken: fresh.body.refreshToken } }),
      ),
    );
    expect(new Set(race.map((r) => r.servedBy))).toEqual(new Set([0, 1]));
    expect(race.filter((r) => r.status === 200)).toHaveLength(1);
    expect(race.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('holds an Idempotency-Key across instances: sent to A then B, and to both at once', async () => {
    const token = (await login('admin@demo.park')).body.accessToken as string;
    const companies = async (name: string) =>
      (await a.db.query(`SELECT count(*)::int AS n FROM companies WHERE name = $1`, [name])).rows[0]
        .n as number;

    const body = newCompanyBody();
    const key = randomUUID();
    const first = await call('POST', '/api/v1/companies', {
      token,
      body,
      headers: { 'idempotency-key': key },
    });
    const retry = await call('POST', '/api/v1/companies', {
      token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(retry.servedBy).not.toBe(first.servedBy);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    // The same JSON value (a replay comes from jsonb, so its keys may be in another order).
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await companies(body.name)).toBe(1);
    const reused = await call('POST', '/api/v1/companies', {
      token,
      body: newCompanyBody(),
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const concurrentBody = newCompanyBody();
    const concurrentKey = randomUUID();
    const storm = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', '/api/v1/companies', {
          token,
          body: concurrentBody,
          headers: { 'idempotency-key': concurrentKey },
        }),
      ),
    );
    expect(storm.filter((r) => r.servedBy === 0)).toHaveLength(4);
    expect(storm.map((r) => r.status)).toEqual(Array(8).fill(201));
    for (const response of storm) {
      expect(response.body).toEqual(storm[0].body);
      expect(response.headers.get('etag')).toBe('"1"');
    }
    expect(storm.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(await companies(concurrentBody.name)).toBe(1);
  });

  it('counts failed logins on A and B together: locked out after the configured total', async () => {
    // LOGIN_MAX_FAILURES_PER_ACCOUNT is 5 by default: the 6th attempt is refused on any instance,
    // even with the right password; per-instance counters would allow 10.
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await login('promoter2@demo.park', 'wrong-password-1'));
    expect(wrong.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(wrong.filter((r) => r.servedBy === 0).length).toBeGreaterThanOrEqual(2);
    expect(wrong.filter((r) => r.servedBy === 1).length).toBeGreaterThanOrEqual(2);
    const locked = [await login('promoter2@demo.park'), await login('promoter2@demo.park')];
    expect(new Set(locked.map((r) => r.servedBy))).toEqual(new Set([0, 1]));
    for (const response of locked) {
      expect(response.status).toBe(429);
      expect(response.body.code).toBe('LOGIN_THROTTLED');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // Parallel guesses spread over both instances: exactly 5 get to try a password.
    const storm = await Promise.all(
      Array.from({ length: 12 }, () => login('manager@demo.park', 'wrong-password-2')),
    );
    expect(storm.filter((r) => r.servedBy === 0)).toHaveLength(6);
    expect(storm.filter((r) => r.status === 401)).toHaveLength(5);
    expect(storm.filter((r) => r.status === 429)).toHaveLength(7);
    const { rows } = await a.db.query(
      `SELECT key, attempts FROM login_throttles WHERE key LIKE 'account:%' ORDER BY key`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { key: 'account:manager@demo.park', attempts: 12 },
        { key: 'account:promoter2@demo.park', attempts: 7 },
      ]),
    );
  });

  it('runs each SLA job once across both workers, and a breach alerted by both at once is notified once', async () => {
    // Both instances scheduled the SLA scan at boot: one schedule, not one per instance.
    const schedules = await a.db.query(`SELECT cron FROM pgboss.schedule WHERE name = $1`, [
      SLA_QUEUE,
    ]);
    expect(schedules.rows).toEqual([{ cron: '*/15 * * * *' }]);

    const breached = await a.db.query<{ id: string; owner_id: string }>(
      `UPDATE deals d SET stage_entered_at = now() - interval '400 days'
         FROM stages s
        WHERE s.id = d.stage_id AND s.kind = 'open' AND s.sla_days IS NOT NULL AND d.deleted_at IS NULL
        RETURNING d.id, d.owner_id`,
    );
    expect(breached.rowCount).toBeGreaterThan(0);
    const managers = (
      await a.db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'manager' AND active`)
    ).rows.map((r) => r.id);
    await a.db.query(`DELETE FROM notifications WHERE kind = 'deal.sla_breached'`);

    const scansOnA = jest.spyOn(a.app.get(SlaJob), 'scan');
    const jobs = a.app.get(JobsService);
    const marker = randomUUID();
    const total = 6;
    // Hold the alerts table so that the scans of both instances start together and meet at it.
    const lock = await a.db.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE sla_alerts IN EXCLUSIVE MODE');
      for (let i = 0; i < total; i++) await jobs.send(SLA_QUEUE, { marker, i });
      await poll(
        async () =>
          (
            await a.db.query(
              `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'active'`,
              [SLA_QUEUE],
            )
          ).rows[0].n >= 2,
        'a scan active on each instance',
      );
      // A works one job at a time: the other active scan is B's.
      expect(scansOnA).toHaveBeenCalledTimes(1);
    } finally {
      await lock.query('COMMIT');
      lock.release();
    }
    await poll(
      async () =>
        (
          await a.db.query(
            `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'marker' = $2 AND state = 'completed'`,
            [SLA_QUEUE, marker],
          )
        ).rows[0].n === total,
      'every SLA job completed',
    );
    const { rows: done } = await a.db.query(
      `SELECT retry_count FROM pgboss.job WHERE name = $1 AND data->>'marker' = $2`,
      [SLA_QUEUE, marker],
    );
    expect(done.map((r) => r.retry_count)).toEqual(Array(total).fill(0));
    figures.jobs += total;
    figures.jobsOnA += scansOnA.mock.calls.length;
    figures.jobsOnB += total - scansOnA.mock.calls.length;
    expect(total - scansOnA.mock.calls.length).toBeGreaterThanOrEqual(1);
    scansOnA.mockRestore();

    const { rows: notified } = await a.db.query<{ user_id: string; entity_id: string; n: number }>(
      `SELECT user_id, entity_id, count(*)::int AS n FROM notifications
        WHERE kind = 'deal.sla_breached' GROUP BY user_id, entity_id`,
    );
    const duplicates = notified.filter((r) => r.n > 1).length;
    figures.duplicates += duplicates;
    expect(duplicates).toBe(0);
    const expected = breached.rows.flatMap((deal) =>
      [...new Set([deal.owner_id, ...managers])].map((user) => `${user} ${deal.id}`),
    );
    expect(notified.map((r) => `${r.user_id} ${r.entity_id}`).sort()).toEqual(expected.sort());
    // And no other SLA alert (overdue tasks) was sent twice either.
    const { rows: twice } = await a.db.query(
      `SELECT user_id, entity_id, kind FROM notifications WHERE kind IN ('deal.sla_breached', 'task.overdue')
        GROUP BY user_id, entity_id, kind HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
  });

  it('works each queued compute-center call once across both workers: one account per firm at the center', async () => {
    const token = (await login('admin@demo.park')).body.accessToken as string;
    const deliveriesOnA = jest.spyOn(a.app.get(ComputeOutbox), 'deliver');
    const opened: { companyId: string; accountId: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const company = await call('POST', '/api/v1/companies', { token, body: newCompanyBody() });
      expect(company.status).toBe(201);
      const account = await call('POST', '/api/v1/compute-accounts', {
        token,
        body: { companyId: company.body.id },
      });
      expect(account.status).toBe(201);
      opened.push({ companyId: company.body.id, accountId: account.body.id });
    }
    const accountIds = opened.map((o) => o.accountId);
    const settled = async () =>
      (
        await a.db.query<{ account_id: string; id: string; attempts: number }>(
          `SELECT i.account_id, i.id, i.attempts FROM compute_intents i
             JOIN compute_accounts a ON a.id = i.account_id
            WHERE i.account_id = ANY($1) AND i.kind = 'provision' AND i.status = 'sent' AND a.status = 'active'`,
          [accountIds],
        )
      ).rows;
    await poll(async () => (await settled()).length === opened.length, 'every account active');
    const intents = await settled();
    for (const { companyId } of opened)
      expect(sim.accountsByExternalRef(companyId)).toEqual([
        expect.objectContaining({ status: 'active' }),
      ]);
    // No firm, of these or of the demo's, has two accounts at the center: no call acted twice.
    const refs = sim.accounts().map((account) => account.externalRef);
    const duplicates = refs.length - new Set(refs).size;
    figures.duplicates += duplicates;
    expect(duplicates).toBe(0);
    expect(sim.effects().accountsCreated).toBe(refs.length);
    // An attempt is repeated only after a timeout under load, and then with its idempotency key.
    figures.retries = intents.filter((r) => r.attempts > 1).length;
    const mine = new Set(intents.map((r) => r.id));
    const onA = deliveriesOnA.mock.calls.filter(([id]) => mine.has(id)).length;
    deliveriesOnA.mockRestore();
    const attempts = intents.reduce((sum, r) => sum + r.attempts, 0);
    expect(onA).toBeLessThanOrEqual(attempts);
    figures.jobs += attempts;
    figures.jobsOnA += onA;
    figures.jobsOnB += attempts - onA;
  });
});

async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
