import { Pool } from 'pg';
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

jest.setTimeout(180_000);

/** The app as a real process, killed with SIGKILL while calls to the compute center are owed. */
describe('compute-center calls survive the app being killed', () => {
  let sim: ComputeCenterSimulator;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Pool;
  let app: AppProcess | undefined;
  let port: number;

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
    return app;
  };
  const kill = async () => {
    expect(await stopApp(app!, 'SIGKILL')).toBeNull();
    app = undefined;
  };
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const adminToken = async () =>
    (
      await call('POST', '/api/v1/auth/login', undefined, {
        email: 'admin@demo.park',
        password: DEMO_PASSWORD,
      })
    ).body.accessToken as string;
  const openAccount = async (token: string) => {
    const company = await call('POST', '/api/v1/companies', token, newCompanyBody());
    expect(company.status).toBe(201);
    const account = await call('POST', '/api/v1/compute-accounts', token, {
      companyId: company.body.id,
    });
    expect(account.status).toBe(201);
    return { companyId: company.body.id as string, accountId: account.body.id as string };
  };
  const linkedAndActive = (accountId: string) =>
    eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT a.status, a.external_id, i.status AS call, i.attempts FROM compute_accounts a
           JOIN compute_intents i ON i.account_id = a.id AND i.kind = 'provision' WHERE a.id = $1`,
          [accountId],
        );
        return rows[0]?.status === 'active' && rows[0].call === 'sent' ? rows[0] : undefined;
      },
      60_000,
      `account ${accountId} linked and active`,
    );

  beforeAll(async () => {
    sim = await startSimulator();
    database = await createTestDatabase();
    db = new Pool({ connectionString: database.url, max: 2 });
    port = await freePort();
  });
  afterAll(async () => {
    if (app) await stopApp(app, 'SIGKILL');
    await sim.stop();
    await db.end();
    await database.drop();
  });

  it('loses nothing and doubles nothing when killed mid-call or right after the commit', async () => {
    await start();
    let token = await adminToken();

    // 1. Killed while the call is in flight: the center has acted, the app never heard back.
    await sim.setFaults({ delayMs: 1500 });
    const inFlight = await openAccount(token);
    await eventually(
      () => sim.accountsByExternalRef(inFlight.companyId).length === 1,
      20_000,
      'the call reaching the center',
    );
    await kill();
    // The answer never arrived (the activation webhook may have linked the account meanwhile).
    const afterFirstKill = await db.query(
      `SELECT i.status, i.response FROM compute_intents i WHERE i.account_id = $1`,
      [inFlight.accountId],
    );
    expect(afterFirstKill.rows).toEqual([{ status: 'queued', response: null }]);
    await sim.setFaults({ delayMs: 0 });

    // 2. Killed right after the commit, with the center down so nothing could be sent yet.
    await start();
    token = await adminToken();
    await sim.setFaults({ down: true });
    const committed = await openAccount(token);
    await kill();
    await sim.setFaults({ down: false });

    await start();
    const first = await linkedAndActive(inFlight.accountId);
    const second = await linkedAndActive(committed.accountId);
    expect(first.attempts).toBeGreaterThanOrEqual(2);
    expect(sim.accountsByExternalRef(inFlight.companyId)).toEqual([
      expect.objectContaining({ id: first.external_id, status: 'active' }),
    ]);
    expect(sim.accountsByExternalRef(committed.companyId)).toEqual([
      expect.objectContaining({ id: second.external_id, status: 'active' }),
    ]);
    // The demo's accounts were opened beside these: no firm has two at the center.
    const refs = sim.accounts().map((a) => a.externalRef);
    expect(new Set(refs).size).toBe(refs.length);
    expect(sim.effects().accountsCreated).toBe(refs.length);
    // The retried call was answered from the center's idempotency store, not acted on twice.
    const keys = sim
      .requests()
      .filter((r) => r.method === 'POST')
      .map((r) => r.idempotencyKey);
    expect(keys.length).toBeGreaterThan(new Set(keys).size);
  });
});
