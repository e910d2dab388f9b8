import { TransactionHost } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { SESSIONS_PURGE_QUEUE } from '../src/auth/tokens/sessions-purge.job';
import { IDEMPOTENCY_PURGE_QUEUE } from '../src/common/idempotency/idempotency-purge.job';
import { JobsService } from '../src/jobs/jobs.service';
import { startTestApp, TestApp } from './support/test-app';

describe('background jobs on pg-boss', () => {
  let t: TestApp;
  let jobs: JobsService;
  beforeAll(async () => {
    t = await startTestApp();
    jobs = t.app.get(JobsService);
  });
  afterAll(() => t.close());

  const jobCount = async (queue: string, marker: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'marker' = $2`,
        [queue, marker],
      )
    ).rows[0].n as number;

  it('creates the queues and their schedules in the app database', async () => {
    const queues = (await t.db.query(`SELECT name FROM pgboss.queue ORDER BY name`)).rows.map(
      (r) => r.name,
    );
    expect(queues).toEqual(expect.arrayContaining([IDEMPOTENCY_PURGE_QUEUE, SESSIONS_PURGE_QUEUE]));
    const schedules = (await t.db.query(`SELECT name, cron FROM pgboss.schedule ORDER BY name`))
      .rows;
    expect(schedules).toEqual(
      expect.arrayContaining([
        { name: IDEMPOTENCY_PURGE_QUEUE, cron: '17 * * * *' },
        { name: SESSIONS_PURGE_QUEUE, cron: '23 * * * *' },
      ]),
    );
  });

  it('enqueues a job sent inside a transaction only if the transaction commits (outbox)', async () => {
    const txHost = t.app.get(TransactionHost);
    const rolledBack = randomUUID();
    await expect(
      txHost.withTransaction(async () => {
        await jobs.send(IDEMPOTENCY_PURGE_QUEUE, { marker: rolledBack });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobCount(IDEMPOTENCY_PURGE_QUEUE, rolledBack)).toBe(0);

    const committed = randomUUID();
    await txHost.withTransaction(async () => {
      await jobs.send(IDEMPOTENCY_PURGE_QUEUE, { marker: committed });
      expect(await jobCount(IDEMPOTENCY_PURGE_QUEUE, committed)).toBe(0); // not visible before commit
    });
    expect(await jobCount(IDEMPOTENCY_PURGE_QUEUE, committed)).toBe(1);
  });

  it('works queued jobs: an expired idempotency key is purged by the worker, a live one kept', async () => {
    await t.db.query(
      `INSERT INTO idempotency_keys (principal, route, key, request_hash, created_at)
       VALUES ('user:x', 'POST /x', 'old', repeat('a', 64), now() - interval '25 hours'),
              ('user:x', 'POST /x', 'new', repeat('a', 64), now())`,
    );
    const marker = randomUUID();
    await jobs.send(IDEMPOTENCY_PURGE_QUEUE, { marker });
    const deadline = Date.now() + 30_000;
    let state: string | undefined;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = (
        await t.db.query(`SELECT state FROM pgboss.job WHERE data->>'marker' = $1`, [marker])
      ).rows[0]?.state;
    } while (state !== 'completed' && Date.now() < deadline);
    expect(state).toBe('completed');
    const keys = (
      await t.db.query(`SELECT key FROM idempotency_keys WHERE principal = 'user:x' ORDER BY key`)
    ).rows.map((r) => r.key);
    expect(keys).toEqual(['new']);
  });

  it('purges dead refresh tokens and spent throttle windows, keeping live ones', async () => {
    const live = await t.login('viewer@demo.park');
    expect(live.status).toBe(200);
    const { rows: sessions } = await t.db.query(`SELECT id FROM auth_sessions LIMIT 1`);
    await t.db.query(
      `INSERT INTO refresh_tokens (session_id, token_hash, expires_at) VALUES ($1, repeat('b', 64), now() - interval '2 days')`,
      [sessions[0].id],
    );
    await t.db.query(
      `INSERT INTO login_throttles (key, attempts, window_started_at) VALUES ('address:203.0.113.9', 3, now() - interval '1 day')`,
    );
    await jobs.runNow(SESSIONS_PURGE_QUEUE);
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM refresh_tokens WHERE token_hash = repeat('b', 64))::int AS dead,
              (SELECT count(*) FROM login_throttles WHERE key = 'address:203.0.113.9')::int AS spent`,
    );
    expect(rows[0]).toEqual({ dead: 0, spent: 0 });
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: live.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
  });
});
