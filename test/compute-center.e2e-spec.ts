import { JobsService } from '../src/jobs/jobs.service';
import { COMPUTE_CALLS_QUEUE, ComputeOutbox } from '../src/compute-center/compute-outbox.service';
import type { ComputeCenterSimulator } from './compute-center/simulator';
import {
  computeCenterEnv,
  eventsPath,
  eventually,
  newCompanyBody,
  signedWebhook,
  SIM_TOKEN,
  startSimulator,
} from './support/compute-center';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/** The CRM and the compute-center simulator, talking over real HTTP both ways. */
describe('compute-center integration', () => {
  let sim: ComputeCenterSimulator;
  let t: TestApp;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    sim = await startSimulator();
    t = await startTestApp(computeCenterEnv(sim));
    sim.setWebhookUrl(`${t.baseUrl}${eventsPath}`);
    admin = await t.tokenFor('admin');
    manager = await t.tokenFor('manager');
    // The demo's own calls (accounts of its onboarding firms) go out first.
    await eventually(
      async () => {
        const { rows } = await t.db.query(
          `SELECT count(*)::int AS n FROM compute_intents WHERE status = 'queued'`,
        );
        return rows[0].n === 0;
      },
      60_000,
      'the demo calls sent',
    );
  });
  afterAll(async () => {
    // However the calls went, the center never opened two accounts for one firm.
    const refs = sim.accounts().map((a) => a.externalRef);
    expect(new Set(refs).size).toBe(refs.length);
    expect(sim.effects().accountsCreated).toBe(refs.length);
    await sim.stop();
    await t.close();
  });
  afterEach(() =>
    sim.setFaults({
      down: false,
      errorRate: 0,
      delayMs: 0,
      duplicateWebhooks: false,
      reorderWebhooks: false,
    }),
  );

  const newCompany = async () => {
    const created = await t.request('POST', '/api/v1/companies', {
      token: admin,
      body: newCompanyBody(),
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; name: string };
  };
  const openAccount = async (companyId: string) => {
    const opened = await t.request('POST', '/api/v1/compute-accounts', {
      token: manager,
      body: { companyId },
    });
    expect(opened.status).toBe(201);
    return opened.body as { id: string; status: string };
  };
  const account = async (id: string) =>
    (await t.request('GET', `/api/v1/compute-accounts/${id}`, { token: admin })).body;
  const activeAccount = (id: string, timeoutMs = 40_000) =>
    eventually(
      async () => {
        const current = await account(id);
        return current.status === 'active' && current.externalId ? current : undefined;
      },
      timeoutMs,
      `account ${id} active`,
    );
  const computeProgram = async () => {
    const programs = (await t.request('GET', '/api/v1/programs', { token: admin })).body
      .data as any[];
    return programs.find((p) => p.kind === 'compute_subsidy');
  };
  /** Drafts, submits and approves a compute-subsidy application; returns it approved. */
  const approvedSubsidy = async (companyId: string, amount: string) => {
    const program = await computeProgram();
    const draft = await t.request('POST', '/api/v1/applications', {
      token: admin,
      body: { programId: program.id, companyId, requestedAmount: amount },
    });
    expect(draft.status).toBe(201);
    const submitted = await t.request('POST', `/api/v1/applications/${draft.body.id}/submit`, {
      token: admin,
      headers: { 'if-match': `"${draft.body.version}"` },
    });
    expect(submitted.status).toBe(200);
    const approved = await t.request('POST', `/api/v1/applications/${draft.body.id}/approve`, {
      token: manager,
      headers: { 'if-match': `"${submitted.body.version}"` },
      body: {},
    });
    expect(approved.status).toBe(200);
    return approved.body as { id: string; approvedCardHours: string };
  };
  const intents = async (accountId: string) =>
    (
      await t.db.query(
        `SELECT id, kind, status, attempts, last_error FROM compute_intents WHERE account_id = $1 ORDER BY created_at`,
        [accountId],
      )
    ).rows;

  it('provisions the account when onboarding reaches its compute task, and the activation webhook completes the task', async () => {
    const { rows } = await t.db.query(
      `SELECT k.id, k.version, k.track_id, t.company_id, t.deal_id
         FROM onboarding_tasks k JOIN onboarding_tracks t ON t.id = k.track_id JOIN deals d ON d.id = t.deal_id
        WHERE k.code = 'compute_account' AND k.status = 'todo' AND t.status = 'open' AND d.closed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM compute_accounts a WHERE a.company_id = t.company_id)
        LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const task = rows[0];
    const started = await t.request(
      'PATCH',
      `/api/v1/onboarding-tracks/${task.track_id}/tasks/${task.id}`,
      {
        token: admin,
        headers: { 'if-match': `"${task.version}"` },
        body: { status: 'in_progress' },
      },
    );
    expect(started.status).toBe(200);

    const listed = await eventually(async () => {
      const page = (
        await t.request('GET', `/api/v1/compute-accounts?companyId=${task.company_id}`, {
          token: admin,
        })
      ).body;
      return page.data.length === 1 ? page.data[0] : undefined;
    });
    const linked = await activeAccount(listed.id);
    expect(sim.accountsByExternalRef(task.company_id)).toEqual([
      expect.objectContaining({ id: linked.externalId, status: 'active' }),
    ]);
    const track = await eventually(
      async () => {
        const body = (
          await t.request('GET', `/api/v1/onboarding-tracks/${task.track_id}`, { token: admin })
        ).body;
        return body.tasks.find((k: any) => k.id === task.id).status === 'done' ? body : undefined;
      },
      10_000,
      'the compute task done',
    );
    expect(track.tasks.find((k: any) => k.id === task.id)).toMatchObject({
      status: 'done',
      doneAt: expect.any(String),
    });
    const audit = await t.db.query(
      `SELECT reason FROM audit_log WHERE entity_id = $1 AND action = 'update' ORDER BY created_at DESC LIMIT 1`,
      [task.id],
    );
    expect(audit.rows[0].reason).toBe('the compute center activated the account');
    expect(await intents(linked.id)).toEqual([
      expect.objectContaining({ kind: 'provision', status: 'sent' }),
    ]);

    // Starting the task again (or another compute task of the firm) asks for no second account.
    const current = track.tasks.find((k: any) => k.id === task.id);
    await t.db.query(`UPDATE onboarding_tasks SET status = 'todo' WHERE id = $1`, [task.id]);
    await t.request('PATCH', `/api/v1/onboarding-tracks/${task.track_id}/tasks/${task.id}`, {
      token: admin,
      headers: { 'if-match': `"${current.version}"` },
      body: { status: 'in_progress' },
    });
    expect(sim.accountsByExternalRef(task.company_id)).toHaveLength(1);
    expect(await intents(linked.id)).toHaveLength(1);
  });

  it('turns an approved compute subsidy into one allocation, however often its call is replayed', async () => {
    const company = await newCompany();
    const opened = await openAccount(company.id);
    const linked = await activeAccount(opened.id);
    const before = sim.effects().allocationsCreated;

    const application = await approvedSubsidy(company.id, '20000.00');
    expect(application.approvedCardHours).toBe('10000.00');
    const allocation = await eventually(async () => {
      const detail = await account(opened.id);
      return detail.allocations[0]?.status === 'active' ? detail.allocations[0] : undefined;
    });
    expect(allocation).toMatchObject({
      applicationId: application.id,
      amount: '10000.00',
      remaining: '10000.00',
      unit: 'card_hour',
    });
    const listed = await t.request('GET', `/api/v1/compute-accounts?companyId=${company.id}`, {
      token: admin,
    });
    expect(listed.body.data).toEqual([
      expect.objectContaining({ id: opened.id, allocationCount: 1, quotaCardHours: '10000.00' }),
    ]);
    const remote = sim.account(linked.externalId)!.allocations;
    expect(remote).toEqual([
      expect.objectContaining({
        allocationId: allocation.externalId,
        amount: '10000.00',
        status: 'active',
      }),
    ]);

    // The same intent delivered again, by hand and as a duplicate job: the center still has one.
    const [intent] = (await intents(opened.id)).filter((i) => i.kind === 'allocate');
    await t.db.query(`UPDATE compute_intents SET status = 'queued' WHERE id = $1`, [intent.id]);
    await t.app.get(ComputeOutbox).deliver(intent.id);
    await t.app.get(JobsService).send(COMPUTE_CALLS_QUEUE, { intentId: intent.id });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const replays = sim.requests().filter((r) => r.idempotencyKey === intent.id);
    expect(replays.length).toBeGreaterThanOrEqual(2);
    expect(sim.account(linked.externalId)!.allocations).toHaveLength(1);
    expect(sim.effects().allocationsCreated - before).toBe(1);
    expect((await account(opened.id)).allocations).toHaveLength(1);
    expect((await intents(opened.id)).filter((i) => i.kind === 'allocate')).toHaveLength(1);
  });

  it('waits out a compute center that is down, then delivers every call exactly once', async () => {
    await sim.setFaults({ down: true });
    const before = sim.effects().accountsCreated;
    const companies = [await newCompany(), await newCompany(), await newCompany()];
    const accounts: { id: string; status: string }[] = [];
    for (const company of companies) accounts.push(await openAccount(company.id));
    await eventually(
      async () => {
        const rows = (await Promise.all(accounts.map((a) => intents(a.id)))).flat();
        return (
          rows.every(
            (row) =>
              row.attempts >= 2 && row.status === 'queued' && /no answer/.test(row.last_error),
          ) || undefined
        );
      },
      20_000,
      'failed attempts while the center is down',
    );
    expect(sim.accountsByExternalRef(companies[0].id)).toHaveLength(0);

    await sim.setFaults({ down: false });
    for (const a of accounts) await activeAccount(a.id, 60_000);
    for (const company of companies) expect(sim.accountsByExternalRef(company.id)).toHaveLength(1);
    expect(sim.effects().accountsCreated - before).toBe(3);
    for (const a of accounts)
      expect(await intents(a.id)).toEqual([
        expect.objectContaining({ kind: 'provision', status: 'sent' }),
      ]);
  });

  it('agrees with the center in the end despite 30% errors and duplicated, reordered webhooks', async () => {
    const faultsFrom = new Date();
    await sim.setFaults({ errorRate: 0.3, duplicateWebhooks: true, reorderWebhooks: true });
    const companies = [await newCompany(), await newCompany(), await newCompany()];
    const accounts: { id: string; status: string }[] = [];
    for (const company of companies) accounts.push(await openAccount(company.id));
    const linked: any[] = [];
    for (const a of accounts) linked.push(await activeAccount(a.id, 60_000));
    for (const company of companies) await approvedSubsidy(company.id, '2000.00'); // 1,000 card-hours each
    const allocations: any[] = [];
    for (const a of accounts)
      allocations.push(
        await eventually(
          async () => {
            const detail = await account(a.id);
            return detail.allocations[0]?.externalId ? detail.allocations[0] : undefined;
          },
          60_000,
          'allocation created',
        ),
      );

    // Usage at the center: the first firm uses its quota up, the second passes 80%, the third a little.
    const day = new Date().toISOString().slice(0, 10);
    sim.consume(linked[0].externalId, { cardHours: '600.00', day });
    sim.consume(linked[0].externalId, { cardHours: '500.00', day });
    sim.consume(linked[1].externalId, { cardHours: '850.00', day });
    sim.consume(linked[2].externalId, { cardHours: '120.50', day });
    sim.suspendFromCenter(linked[2].externalId, 'overdue invoice');
    await sim.flushWebhooks(60_000);

    const statusAtCenter: Record<string, string> = {
      active: 'active',
      suspended: 'suspended',
      pending: 'provisioning',
    };
    for (const [i, a] of accounts.entries()) {
      const remote = sim.account(linked[i].externalId)!;
      const local = await eventually(
        async () => {
          const detail = await account(a.id);
          const sameStatus = statusAtCenter[detail.status] === remote.status;
          const alloc = detail.allocations[0];
          const sameAllocation =
            alloc.status === remote.allocations[0].status &&
            Number(alloc.remaining) === Number(remote.allocations[0].remaining);
          return sameStatus && sameAllocation ? detail : undefined;
        },
        30_000,
        `account ${i} in agreement`,
      );
      const used = remote.usage.reduce((sum, r) => sum + Number(r.cardHours), 0);
      expect(Number(local.usedCardHours)).toBeCloseTo(used, 2);
    }
    expect(sim.account(linked[0].externalId)!.allocations[0]).toMatchObject({
      status: 'exhausted',
      remaining: '0.00',
    });
    expect((await account(accounts[0].id)).allocations[0]).toMatchObject({
      status: 'exhausted',
      remaining: '0.00',
    });
    expect((await account(accounts[2].id)).status).toBe('suspended');

    // The center failed 30% of the calls: each failed key was sent again and then went through.
    const calls = sim.requests().filter((r) => r.at >= faultsFrom && r.method === 'POST');
    const failedKeys = new Set(calls.filter((r) => r.status === 503).map((r) => r.idempotencyKey));
    expect(failedKeys.size).toBeGreaterThan(0);
    for (const key of failedKeys)
      expect(calls.some((r) => r.idempotencyKey === key && r.status < 300)).toBe(true);
    expect(
      sim.accounts().filter((a) => companies.some((c) => c.id === a.externalRef)),
    ).toHaveLength(3);
    for (const remote of linked)
      expect(sim.account(remote.externalId)!.allocations).toHaveLength(1);

    // Duplicates were acknowledged without effect; quota news reached the owner and managers once.
    const deliveries = sim.webhookDeliveries().filter((d) => d.status === 200);
    expect(deliveries.length).toBeGreaterThan(new Set(deliveries.map((d) => d.id)).size);
    const notices = await t.db.query(
      `SELECT kind, entity_id, count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.role = 'manager' AND kind LIKE 'compute.quota%' AND entity_id = ANY($1) GROUP BY 1, 2 ORDER BY 1`,
      [accounts.map((a) => a.id)],
    );
    const managers = (
      await t.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'manager' AND active`)
    ).rows[0].n;
    expect(notices.rows).toEqual(
      expect.arrayContaining([
        { kind: 'compute.quota_exhausted', entity_id: accounts[0].id, n: managers },
        { kind: 'compute.quota_threshold', entity_id: accounts[1].id, n: managers },
      ]),
    );
    expect(notices.rows.find((r) => r.entity_id === accounts[2].id)).toBeUndefined();

    // And the nightly comparison finds nothing to report.
    const run = await t.request('POST', '/api/v1/compute-accounts/reconciliation', {
      token: admin,
    });
    expect(run.status).toBe(200);
    expect(run.body.drift.filter((d: any) => accounts.some((a) => a.id === d.accountId))).toEqual(
      [],
    );
  });

  it('refuses forged and stale webhooks, and processes a replayed one once', async () => {
    const company = await newCompany();
    const opened = await openAccount(company.id);
    const linked = await activeAccount(opened.id);
    const snapshot = async () => ({
      account: await account(opened.id),
      events: (await t.db.query(`SELECT count(*)::int AS n FROM compute_webhook_events`)).rows[0].n,
    });
    const suspend = (version: number) => ({
      type: 'account.suspended',
      data: {
        accountId: linked.externalId,
        externalRef: company.id,
        version,
        status: 'suspended',
        reason: 'forged',
      },
    });
    const post = (hook: ReturnType<typeof signedWebhook>) =>
      t.request('POST', eventsPath, { rawBody: hook.body, headers: hook.headers });
    const before = await snapshot();

    const forged = await post(
      signedWebhook(suspend(1000), {
        secret: `whsec_${Buffer.from('not-the-shared-secret-at-all-000').toString('base64')}`,
      }),
    );
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('INVALID_WEBHOOK_SIGNATURE');
    const tampered = signedWebhook(suspend(1000));
    expect(
      (await post({ ...tampered, body: tampered.body.replace('forged', 'Forged') })).status,
    ).toBe(401);
    const old = await post(signedWebhook(suspend(1000), { at: new Date(Date.now() - 6 * 60_000) }));
    expect(old.status).toBe(401);
    const future = await post(
      signedWebhook(suspend(1000), { at: new Date(Date.now() + 6 * 60_000) }),
    );
    expect(future.status).toBe(401);
    const unsigned = await t.request('POST', eventsPath, { body: suspend(1000) });
    expect(unsigned.status).toBe(401);
    const unknownType = await post(
      signedWebhook({
        type: 'account.deleted',
        data: { accountId: linked.externalId, version: 2000 },
      }),
    );
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.code).toBe('VALIDATION_FAILED');
    const noVersion = await post(
      signedWebhook({ type: 'account.suspended', data: { accountId: linked.externalId } }),
    );
    expect(noVersion.status).toBe(400);
    const stale = await post(signedWebhook(suspend(1)));
    expect(stale.status).toBe(200);
    expect(stale.body.outcome).toBe('stale');
    const after = await snapshot();
    expect(after.account).toEqual(before.account);
    expect(after.events).toBe(before.events + 1);

    const usage = (cardHours: string) => ({
      type: 'usage.reported',
      data: {
        accountId: linked.externalId,
        externalRef: company.id,
        version: 500,
        records: [
          {
            periodStart: '2026-11-02',
            periodEnd: '2026-11-03',
            resourceType: 'ascend-910b',
            cardHours,
            allocationId: null,
            final: true,
          },
        ],
      },
    });
    const first = signedWebhook(usage('12.50'));
    expect((await post(first)).body.outcome).toBe('applied');
    const replay = await post(signedWebhook(usage('99.00'), { id: first.id }));
    expect(replay.status).toBe(200);
    expect(replay.body.outcome).toBe('duplicate');
    const report = await t.request(
      'GET',
      `/api/v1/compute-accounts/${opened.id}/usage?from=2026-11-01&to=2026-12-01&granularity=month`,
      { token: admin },
    );
    expect(report.body).toMatchObject({
      rows: [{ periodStart: '2026-11-01', resourceType: 'ascend-910b', cardHours: '12.50' }],
      totalCardHours: '12.50',
    });
  });

  it('refuses a second account for a firm, an unknown firm and a malformed id, writing nothing', async () => {
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM compute_accounts`)).rows[0].n as number;
    const company = await newCompany();
    const first = await openAccount(company.id);
    const before = await count();
    const again = await t.request('POST', '/api/v1/compute-accounts', {
      token: manager,
      body: { companyId: company.id },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_EXISTS', accountId: first.id });
    const unknown = await t.request('POST', '/api/v1/compute-accounts', {
      token: manager,
      body: { companyId: '00000000-0000-4000-8000-00000000abcd' },
    });
    expect(unknown.status).toBe(404);
    const malformed = await t.request('POST', '/api/v1/compute-accounts', {
      token: manager,
      body: { companyId: 'not-a-uuid' },
    });
    expect(malformed.status).toBe(400);
    const promoter = await t.tokenFor('promoter1');
    const forbidden = await t.request('POST', '/api/v1/compute-accounts', {
      token: promoter,
      body: { companyId: (await newCompany()).id },
    });
    expect(forbidden.status).toBe(403);
    expect(await count()).toBe(before);
    const usage = await t.request(
      'GET',
      `/api/v1/compute-accounts/${first.id}/usage?from=2026-12-01&to=2026-11-01`,
      { token: promoter },
    );
    expect(usage.status).toBe(400);
  });

  it('suspends the account of a firm that leaves the park, through the outbox', async () => {
    const company = await newCompany();
    const opened = await openAccount(company.id);
    const linked = await activeAccount(opened.id);
    await t.db.query(`UPDATE companies SET status = 'tenant' WHERE id = $1`, [company.id]);
    const current = (await t.request('GET', `/api/v1/companies/${company.id}`, { token: admin }))
      .body;
    const promoter = await t.tokenFor('promoter1');
    const refused = await t.request('POST', `/api/v1/companies/${company.id}/churn`, {
      token: promoter,
      headers: { 'if-match': `"${current.version}"` },
      body: { reason: '迁出园区' },
    });
    expect(refused.status).toBe(403);
    const churned = await t.request('POST', `/api/v1/companies/${company.id}/churn`, {
      token: manager,
      headers: { 'if-match': `"${current.version}"` },
      body: { reason: '迁出园区' },
    });
    expect(churned.status).toBe(200);
    expect(churned.body.status).toBe('churned');
    await eventually(
      () => sim.account(linked.externalId)!.status === 'suspended',
      30_000,
      'suspended at the center',
    );
    await eventually(
      async () => (await account(opened.id)).status === 'suspended',
      30_000,
      'suspended in the CRM',
    );
    expect(sim.effects().suspends).toBeGreaterThanOrEqual(1);
  });

  it('resyncs an account from the center and lists dead-lettered calls for admins', async () => {
    const company = await newCompany();
    const opened = await openAccount(company.id);
    const linked = await activeAccount(opened.id);
    // A change the CRM never heard of (its webhook lost): resync reads it back.
    sim.setWebhookUrl('http://127.0.0.1:9/unreachable');
    sim.suspendFromCenter(linked.externalId, 'maintenance');
    sim.consume(linked.externalId, { cardHours: '3.25', resourceType: 'ascend-910b' });
    sim.setWebhookUrl(`${t.baseUrl}${eventsPath}`);
    const viewer = await t.tokenFor('viewer');
    expect(
      (await t.request('POST', `/api/v1/compute-accounts/${opened.id}/resync`, { token: viewer }))
        .status,
    ).toBe(403);
    const resynced = await t.request('POST', `/api/v1/compute-accounts/${opened.id}/resync`, {
      token: manager,
    });
    expect(resynced.status).toBe(200);
    expect(resynced.body).toMatchObject({
      status: 'suspended',
      usedCardHours: '3.25',
      lastSyncedAt: expect.any(String),
    });

    // A call the center refuses for good goes straight to the dead-letter queue.
    const dead = await t.db.query(
      `INSERT INTO compute_intents (account_id, kind, payload) VALUES ($1, 'suspend', '{}') RETURNING id`,
      [opened.id],
    );
    await t.app.get(ComputeOutbox).deliver(dead.rows[0].id);
    const list = await t.request('GET', '/api/v1/integrations/compute-center/outbox?status=dead', {
      token: admin,
    });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: dead.rows[0].id,
        kind: 'suspend',
        status: 'dead',
        lastError: expect.stringMatching(/400/),
      }),
    ]);
    expect(
      (await t.request('GET', '/api/v1/integrations/compute-center/outbox', { token: manager }))
        .status,
    ).toBe(403);
    const admins = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'compute.call_failed'`,
    );
    expect(admins.rows[0].n).toBeGreaterThan(0);
    const retried = await t.request(
      'POST',
      `/api/v1/integrations/compute-center/outbox/${dead.rows[0].id}/retry`,
      { token: admin },
    );
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('queued');
  });

  it('answers its control routes only to a caller with its token', async () => {
    const control = (method: string, path: string, token?: string, body?: unknown) =>
      fetch(`${sim.baseUrl}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const [account] = sim.accounts();
    for (const [method, path, body] of [
      ['GET', '/_sim/state', undefined],
      ['POST', '/_sim/faults', { errorRate: 1 }],
      ['POST', `/_sim/accounts/${account.id}/suspend`, { reason: 'forged' }],
      ['POST', `/_sim/accounts/${account.id}/consume`, { cardHours: 5 }],
    ] as const) {
      for (const token of [undefined, 'not-the-token', `${SIM_TOKEN}x`]) {
        const refused = await control(method, path, token, body);
        expect([method, path, token, refused.status]).toEqual([method, path, token, 401]);
      }
    }
    expect(sim.accounts().find((a) => a.id === account.id)).toEqual(account);
    const state = await control('GET', '/_sim/state', SIM_TOKEN);
    expect(state.status).toBe(200);
    expect(((await state.json()) as { faults: { errorRate: number } }).faults.errorRate).toBe(0);
  });
});
