import { randomUUID } from 'node:crypto';
import {
  burst,
  clientsWith,
  expectProblems,
  ifMatch,
  retryUntilWon,
  tally,
} from './support/concurrency';
import { newCompanyName } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Many clients on the same records at once, through the real app and real HTTP: exactly the
 * expected winners, no lost update, and counters and budgets that add up in SQL afterwards.
 */
describe('Concurrency: many clients, the same records', () => {
  /** Clients in each one-shot storm (three times the app's database pool of 10). */
  const N = 30;
  /** Clients in each retry-until-won storm (bounded by 20 tags per company). */
  const R = 20;
  const API = '/api/v1';
  let t: TestApp;
  let admin: string;
  let manager: string;
  let promoter1: string;
  let promoter2: string;
  const ids: Record<string, string> = {};
  /** N deals of N fresh companies, owned by the admin. */
  let deals: { id: string; companyId: string }[];

  const one = async (sql: string, params: unknown[] = []) =>
    (await t.db.query(sql, params)).rows[0];
  const auditCount = async (entityType: string, entityId: string, action: string) =>
    Number(
      (
        await one(
          `SELECT count(*) FROM audit_log WHERE entity_type = $1 AND entity_id = $2 AND action = $3`,
          [entityType, entityId, action],
        )
      ).count,
    );

  const created = async (path: string, body: unknown, token = admin) => {
    const response = await t.request('POST', `${API}/${path}`, { token, body });
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.text}`);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [admin, manager, promoter1, promoter2] = await Promise.all(
      ['admin', 'manager', 'promoter1', 'promoter2'].map((user) => t.tokenFor(user)),
    );
    for (const [name, token] of Object.entries({ admin, manager, promoter1, promoter2 }))
      ids[name] = (await t.request('GET', `${API}/auth/me`, { token })).body.id;
    const companies = await Promise.all(
      Array.from({ length: N }, () => created('companies', { name: newCompanyName() })),
    );
    deals = await Promise.all(
      companies.map(async (company) => {
        const deal = await created('deals', { companyId: company.id });
        return { id: deal.id as string, companyId: company.id as string };
      }),
    );
  }, 60_000);
  afterAll(() => t.close());

  describe('versions', () => {
    it.each([
      ['Deal', 'deals', (client: number) => ({ title: `storm winner ${client}` })],
      ['Company', 'companies', (client: number) => ({ tags: [`storm-${client}`] })],
    ])(
      `%s: ${N} PATCHes with the same If-Match → one 200, the rest 412, one new version, one audit entry`,
      async (entityType, path, body) => {
        const { id } = entityType === 'Deal' ? deals[0] : { id: deals[0].companyId };
        const start = (await t.request('GET', `${API}/${path}/${id}`, { token: admin })).body;
        const responses = await burst(N, (client) =>
          t.request('PATCH', `${API}/${path}/${id}`, {
            token: admin,
            headers: ifMatch(start.version),
            body: body(client),
          }),
        );
        expect(tally(responses)).toEqual({ 200: 1, 412: N - 1 });
        const [winner] = clientsWith(responses, 200);
        expectProblems(
          responses.filter((r) => r.status !== 200),
          412,
          ['VERSION_MISMATCH'],
        );
        expect(responses[winner].body.version).toBe(start.version + 1);
        const table = entityType === 'Deal' ? 'deals' : 'companies';
        const stored = await one(`SELECT * FROM ${table} WHERE id = $1`, [id]);
        expect(stored.version).toBe(start.version + 1);
        if (entityType === 'Deal') expect(stored.title).toBe(`storm winner ${winner}`);
        else expect(stored.tags).toEqual([`storm-${winner}`]);
        expect(await auditCount(entityType, id, 'update')).toBe(1);
      },
    );

    it.each([
      [
        'Company',
        'companies',
        () => ({ tags: [] }),
        (record: any, client: number) => ({ tags: [...record.tags, `c${client}`] }),
        (record: any) => [...record.tags].sort(),
      ],
      [
        'Deal',
        'deals',
        () => ({ title: 'retry' }),
        (record: any, client: number) => ({ title: `${record.title} c${client}` }),
        (record: any) => record.title.split(' ').slice(1).sort(),
      ],
    ])(
      `%s: ${R} clients re-read and retry until they win → all ${R} changes land, version + ${R}`,
      async (entityType, path, reset, change, marks) => {
        const id = entityType === 'Deal' ? deals[1].id : deals[1].companyId;
        const before = (await t.request('GET', `${API}/${path}/${id}`, { token: admin })).body;
        const cleared = await t.request('PATCH', `${API}/${path}/${id}`, {
          token: admin,
          headers: ifMatch(before.version),
          body: reset(),
        });
        expect(cleared.status).toBe(200);
        const start = cleared.body.version as number;
        const audited = await auditCount(entityType, id, 'update');

        const { attempts, responses } = await retryUntilWon(t, R, {
          token: admin,
          path: `${API}/${path}/${id}`,
          change,
        });
        expect(tally(responses)).toEqual({ 200: R });
        // Somebody lost at least once (or the storm was no storm), and nobody needed more than R tries.
        expect(Math.max(...attempts)).toBeGreaterThan(1);
        expect(Math.max(...attempts)).toBeLessThanOrEqual(R);
        const final = (await t.request('GET', `${API}/${path}/${id}`, { token: admin })).body;
        expect(final.version).toBe(start + R);
        // Every client's mark is there exactly once: a lost update would drop one.
        expect(marks(final)).toEqual(Array.from({ length: R }, (_, c) => `c${c}`).sort());
        // Each landed change has its version: the responses saw start+1 … start+R, once each.
        expect(responses.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(
          Array.from({ length: R }, (_, k) => start + 1 + k),
        );
        expect(await auditCount(entityType, id, 'update')).toBe(audited + R);
        console.log(
          `${entityType} retry storm: ${R} clients, ${attempts.reduce((a, b) => a + b, 0)} PATCHes, ` +
            `${attempts.reduce((a, b) => a + b, 0) - R} refused with 412 and retried`,
        );
      },
    );
  });

  describe('budgets', () => {
    it(`${N} concurrent approvals against a small budget never overspend; disbursements add up`, async () => {
      const budget = 1000;
      const program = await created('programs', {
        name: `并发测试 ${randomUUID().slice(0, 6)}`,
        kind: 'rent_subsidy',
        budget: budget.toFixed(2),
      });
      // 30 applications of 50.00 … 253.00 yuan: 4,545 yuan asked of a 1,000-yuan budget.
      const amounts = Array.from({ length: N }, (_, i) => 50 + i * 7);
      const applications = await Promise.all(
        amounts.map(async (amount, i) => {
          const draft = await created('applications', {
            programId: program.id,
            companyId: deals[i].companyId,
            requestedAmount: amount.toFixed(2),
          });
          const submitted = await t.request('POST', `${API}/applications/${draft.id}/submit`, {
            token: admin,
            headers: ifMatch(draft.version),
          });
          expect(submitted.status).toBe(200);
          return submitted.body;
        }),
      );

      const approvals = await burst(N, (i) =>
        t.request('POST', `${API}/applications/${applications[i].id}/approve`, {
          token: manager,
          headers: ifMatch(applications[i].version),
          body: {},
        }),
      );
      const approved = clientsWith(approvals, 200);
      const refused = clientsWith(approvals, 409);
      expect(approved.length + refused.length).toBe(N);
      expect(approved.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      expectProblems(
        refused.map((i) => approvals[i]),
        409,
        ['BUDGET_EXCEEDED'],
      );
      const approvedTotal = approved.reduce((sum, i) => sum + amounts[i], 0);
      expect(approvedTotal).toBeLessThanOrEqual(budget);
      // The remaining budget only shrinks, so every refusal asked for more than is left at the end.
      const remaining = budget - approvedTotal;
      for (const i of refused) expect(amounts[i]).toBeGreaterThan(remaining);

      const afterApprovals = (
        await t.request('GET', `${API}/programs/${program.id}`, { token: admin })
      ).body;
      expect(Number(afterApprovals.approvedTotal)).toBe(approvedTotal);
      expect(Number(afterApprovals.remaining)).toBe(remaining);
      const sums = async () =>
        one(
          `SELECT p.approved_total::text, p.disbursed_total::text, p.budget::text,
                  (SELECT coalesce(sum(approved_amount), 0) FROM applications WHERE program_id = p.id AND status = 'approved')::text AS approved,
                  (SELECT coalesce(sum(disbursed_amount), 0) FROM applications WHERE program_id = p.id AND status = 'disbursed')::text AS disbursed,
                  (SELECT count(*) FROM applications WHERE program_id = p.id AND status = 'submitted')::int AS submitted
             FROM programs p WHERE p.id = $1`,
          [program.id],
        );
      let row = await sums();
      expect(Number(row.approved_total)).toBe(approvedTotal);
      expect(Number(row.approved)).toBe(approvedTotal);
      expect(row.submitted).toBe(refused.length);
      // A refused approval changed nothing: still submitted at its version, no audit entry.
      for (const i of refused) {
        const stored = await one(`SELECT status, version FROM applications WHERE id = $1`, [
          applications[i].id,
        ]);
        expect(stored).toEqual({ status: 'submitted', version: applications[i].version });
        expect(await auditCount('Application', applications[i].id, 'approve')).toBe(0);
      }

      // Every approved application disbursed by two clients at once (the second a duplicate), half
      // of them in part: one payout each, and what is not paid out returns to the budget.
      const payouts = approved.map((i, k) => ({
        id: applications[i].id,
        version: approvals[i].body.version as number,
        amount: k % 2 === 0 ? amounts[i] : amounts[i] - 10,
      }));
      const disbursements = await burst(payouts.length * 2, (c) => {
        const payout = payouts[c % payouts.length];
        return t.request('POST', `${API}/applications/${payout.id}/disburse`, {
          token: manager,
          headers: ifMatch(payout.version),
          body: { amount: payout.amount.toFixed(2) },
        });
      });
      expect(clientsWith(disbursements, 200)).toHaveLength(payouts.length);
      const duplicates = disbursements.filter((r) => r.status !== 200);
      expect(duplicates).toHaveLength(payouts.length);
      // A duplicate either lost the version race (412) or came after the payout (409 ILLEGAL_TRANSITION).
      expect(
        duplicates
          .map((r) => `${r.status} ${r.body.code}`)
          .filter((s) => s !== '412 VERSION_MISMATCH' && s !== '409 ILLEGAL_TRANSITION'),
      ).toEqual([]);
      for (const payout of payouts) {
        const paid = disbursements.filter((r) => r.status === 200 && r.body.id === payout.id);
        expect(paid).toHaveLength(1);
        expect(await auditCount('Application', payout.id, 'disburse')).toBe(1);
      }
      const paidOut = payouts.reduce((sum, p) => sum + p.amount, 0);
      row = await sums();
      expect(Number(row.disbursed_total)).toBe(paidOut);
      expect(Number(row.disbursed)).toBe(paidOut);
      // Approved total = still-approved amounts + what was paid out (the part not paid went back).
      expect(Number(row.approved_total)).toBe(Number(row.approved) + Number(row.disbursed));
      expect(Number(row.approved_total)).toBeLessThanOrEqual(budget);
      const program2 = (await t.request('GET', `${API}/programs/${program.id}`, { token: admin }))
        .body;
      expect(Number(program2.remaining)).toBe(budget - paidOut);
      console.log(
        `Budget storm: ${N} approvals of ${amounts.reduce((a, b) => a + b, 0)} yuan against ${budget}: ` +
          `${approved.length} approved (${approvedTotal} yuan), ${refused.length} refused; ` +
          `${payouts.length * 2} disbursements, ${payouts.length} paid (${paidOut} yuan), ${duplicates.length} duplicates refused`,
      );
    });

    it(`${N} approvals of one application with the same version → one 200, the rest 412`, async () => {
      const program = await created('programs', {
        name: `并发测试 ${randomUUID().slice(0, 6)}`,
        kind: 'talent_subsidy',
        budget: '500.00',
      });
      const draft = await created('applications', {
        programId: program.id,
        companyId: deals[3].companyId,
        requestedAmount: '500.00',
      });
      const submitted = await t.request('POST', `${API}/applications/${draft.id}/submit`, {
        token: admin,
        headers: ifMatch(draft.version),
      });
      const responses = await burst(N, () =>
        t.request('POST', `${API}/applications/${draft.id}/approve`, {
          token: manager,
          headers: ifMatch(submitted.body.version),
          body: {},
        }),
      );
      // The duplicates are stale versions, not a budget problem: the one approval used the budget.
      expect(tally(responses)).toEqual({ 200: 1, 412: N - 1 });
      expectProblems(
        responses.filter((r) => r.status !== 200),
        412,
        ['VERSION_MISMATCH'],
      );
      expect(
        await one(`SELECT approved_total::text FROM programs WHERE id = $1`, [program.id]),
      ).toEqual({ approved_total: '500.00' });
      expect(await auditCount('Application', draft.id, 'approve')).toBe(1);
    });
  });

  describe('counters and uniqueness', () => {
    it(`${N} holds of one unit for overlapping periods → one 201, the rest 409 OVERLAP, unit reserved once`, async () => {
      const unit = await one(
        `SELECT id, version FROM units u WHERE status = 'available'
            AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.unit_id = u.id AND r.status = 'active')
            AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.unit_id = u.id AND l.status = 'active')
          LIMIT 1`,
      );
      expect(unit).toBeDefined();
      const responses = await burst(N, (i) =>
        t.request('POST', `${API}/reservations`, {
          token: admin,
          body: {
            unitId: unit.id,
            dealId: deals[i].id,
            expiresAt: new Date(Date.now() + 86_400_000 + i * 60_000).toISOString(),
          },
        }),
      );
      expect(tally(responses)).toEqual({ 201: 1, 409: N - 1 });
      expectProblems(
        responses.filter((r) => r.status !== 201),
        409,
        ['OVERLAP'],
      );
      const [winner] = clientsWith(responses, 201);
      const holds = await t.db.query(
        `SELECT id, deal_id, status FROM reservations WHERE unit_id = $1`,
        [unit.id],
      );
      expect(holds.rows).toEqual([
        { id: responses[winner].body.id, deal_id: deals[winner].id, status: 'active' },
      ]);
      // The unit's status followed the one hold: reserved, one version later.
      expect(await one(`SELECT status, version FROM units WHERE id = $1`, [unit.id])).toEqual({
        status: 'reserved',
        version: unit.version + 1,
      });
    });

    it(`${N} bookings of the same host at the same time → one visit, the rest 409 OVERLAP`, async () => {
      const startsAt = new Date(Date.UTC(2031, 2, 3, 2, 0));
      const responses = await burst(N, (i) =>
        t.request('POST', `${API}/site-visits`, {
          token: admin,
          body: {
            dealId: deals[i].id,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + (60 + i) * 60_000).toISOString(),
            placeType: 'other',
            placeLabel: `会议室 ${i}`,
            hostIds: [ids.manager],
          },
        }),
      );
      expect(tally(responses)).toEqual({ 201: 1, 409: N - 1 });
      expectProblems(
        responses.filter((r) => r.status !== 201),
        409,
        ['OVERLAP'],
      );
      const [winner] = clientsWith(responses, 201);
      // No visit without its host was left behind by a refused booking.
      const visits = await t.db.query(
        `SELECT v.id, v.deal_id FROM site_visits v WHERE v.starts_at = $1 AND v.deal_id = ANY($2::uuid[])`,
        [startsAt, deals.map((d) => d.id)],
      );
      expect(visits.rows).toEqual([
        {
          id: responses[winner].body.id ?? responses[winner].body.visit?.id,
          deal_id: deals[winner].id,
        },
      ]);
      const hosts = await one(
        `SELECT count(*)::int AS n FROM site_visit_hosts WHERE user_id = $1 AND starts_at = $2`,
        [ids.manager, startsAt],
      );
      expect(hosts.n).toBe(1);
    });

    it(`${N} claims of one pool lead by two promoters → one owner`, async () => {
      const lead = await created('leads', {
        source: 'inbound',
        company: { name: newCompanyName() },
      });
      await t.db.query(
        `UPDATE leads SET owner_id = NULL, pooled_at = now(), version = version + 1 WHERE id = $1`,
        [lead.id],
      );
      await t.db.query(`UPDATE companies SET owner_id = NULL WHERE id = $1`, [lead.companyId]);
      const promoters = [promoter1, promoter2];
      const responses = await burst(N, (i) =>
        t.request('POST', `${API}/leads/${lead.id}/claim`, { token: promoters[i % 2] }),
      );
      expect(tally(responses)).toEqual({ 200: 1, 409: N - 1 });
      expectProblems(
        responses.filter((r) => r.status !== 200),
        409,
        ['LEAD_ALREADY_OWNED', 'LEAD_CONFLICT'],
      );
      const [winner] = clientsWith(responses, 200);
      const owner = winner % 2 === 0 ? ids.promoter1 : ids.promoter2;
      expect(responses[winner].body.ownerId).toBe(owner);
      expect(await one(`SELECT owner_id FROM leads WHERE id = $1`, [lead.id])).toEqual({
        owner_id: owner,
      });
      expect(await one(`SELECT owner_id FROM companies WHERE id = $1`, [lead.companyId])).toEqual({
        owner_id: owner,
      });
      expect(await auditCount('Lead', lead.id, 'claim')).toBe(1);
    });

    it(`${N} primary contacts added to one company at once → all ${N} kept, exactly one primary`, async () => {
      const company = await created('companies', { name: newCompanyName() });
      const responses = await burst(N, (i) =>
        t.request('POST', `${API}/companies/${company.id}/contacts`, {
          token: admin,
          body: { name: `联系人 ${i}`, isPrimary: true },
        }),
      );
      expect(tally(responses)).toEqual({ 201: N });
      const rows = await one(
        `SELECT count(*)::int AS contacts, count(*) FILTER (WHERE is_primary)::int AS primaries
           FROM contacts WHERE company_id = $1 AND deleted_at IS NULL`,
        [company.id],
      );
      expect(rows).toEqual({ contacts: N, primaries: 1 });
    });

    it(`${N} creates with one Idempotency-Key → one company; same body replays, another body 422`, async () => {
      const key = randomUUID();
      const bodies = [{ name: newCompanyName() }, { name: newCompanyName() }];
      // Two thirds send body A, one third body B, all with the same key at once.
      const bodyOf = (i: number) => bodies[i % 3 === 2 ? 1 : 0];
      const responses = await burst(N, (i) =>
        t.request('POST', `${API}/companies`, {
          token: admin,
          headers: { 'idempotency-key': key },
          body: bodyOf(i),
        }),
      );
      const ok = clientsWith(responses, 201);
      const fresh = ok.filter((i) => responses[i].headers.get('idempotent-replayed') !== 'true');
      expect(fresh).toHaveLength(1);
      const winnerBody = bodyOf(fresh[0]);
      const companyId = responses[fresh[0]].body.id;
      // Everyone who sent the winner's body got its response; everyone else the 422.
      for (const [i, response] of responses.entries()) {
        if (bodyOf(i) === winnerBody) {
          expect(response.status).toBe(201);
          expect(response.body.id).toBe(companyId);
        }
      }
      expectProblems(
        responses.filter((_, i) => bodyOf(i) !== winnerBody),
        422,
        ['IDEMPOTENCY_KEY_REUSED'],
      );
      const stored = await t.db.query(`SELECT id FROM companies WHERE name = ANY($1)`, [
        bodies.map((b) => b.name),
      ]);
      expect(stored.rows).toEqual([{ id: companyId }]);
      expect(await auditCount('Company', companyId, 'create')).toBe(1);
      console.log(
        `Idempotency storm: ${N} clients, 1 created, ${ok.length - 1} replayed, ${N - ok.length} refused (422)`,
      );
    });
  });

  it(`${N} conversions of one lead with the same version → one deal, the rest 412`, async () => {
    const lead = await created(
      'leads',
      { source: 'inbound', company: { name: newCompanyName() } },
      promoter1,
    );
    const responses = await burst(N, (i) =>
      t.request('POST', `${API}/leads/${lead.id}/convert`, {
        token: promoter1,
        headers: ifMatch(lead.version),
        body: { title: `转化 ${i}` },
      }),
    );
    expect(tally(responses)).toEqual({ 201: 1, 412: N - 1 });
    expectProblems(
      responses.filter((r) => r.status !== 201),
      412,
      ['VERSION_MISMATCH'],
    );
    const [winner] = clientsWith(responses, 201);
    const opened = await t.db.query(`SELECT id, title FROM deals WHERE lead_id = $1`, [lead.id]);
    expect(opened.rows).toEqual([{ id: responses[winner].body.id, title: `转化 ${winner}` }]);
    expect(await one(`SELECT status, version FROM leads WHERE id = $1`, [lead.id])).toEqual({
      status: 'converted',
      version: lead.version + 1,
    });
    expect(await auditCount('Lead', lead.id, 'convert')).toBe(1);
  });

  it(`${N} churns of one tenant with the same version → one status change, the rest 412`, async () => {
    const company = await created('companies', { name: newCompanyName() });
    await t.db.query(`UPDATE companies SET status = 'tenant' WHERE id = $1`, [company.id]);
    const responses = await burst(N, (i) =>
      t.request('POST', `${API}/companies/${company.id}/churn`, {
        token: admin,
        headers: ifMatch(company.version),
        body: { reason: `迁出 ${i}` },
      }),
    );
    expect(tally(responses)).toEqual({ 200: 1, 412: N - 1 });
    expectProblems(
      responses.filter((r) => r.status !== 200),
      412,
      ['VERSION_MISMATCH'],
    );
    const [winner] = clientsWith(responses, 200);
    expect(await one(`SELECT status, version FROM companies WHERE id = $1`, [company.id])).toEqual({
      status: 'churned',
      version: company.version + 1,
    });
    const audited = await t.db.query(
      `SELECT reason FROM audit_log WHERE entity_type = 'Company' AND entity_id = $1 AND action = 'status'`,
      [company.id],
    );
    expect(audited.rows).toEqual([{ reason: `迁出 ${winner}` }]);
  });

  it(`${N} deletes of one target with the same version → one 204, one audit entry`, async () => {
    const target = await created('targets', {
      name: `并发目标 ${randomUUID().slice(0, 6)}`,
      metric: 'enterprises_signed',
      value: '4',
      periodStart: '2031-01-01',
      periodEnd: '2032-01-01',
    });
    const responses = await burst(N, () =>
      t.request('DELETE', `${API}/targets/${target.id}`, {
        token: admin,
        headers: ifMatch(target.version),
      }),
    );
    // A late duplicate finds nothing (404); one that raced the delete is a stale version (412).
    expect(clientsWith(responses, 204)).toHaveLength(1);
    expect(
      responses
        .filter((r) => r.status !== 204)
        .map((r) => `${r.status} ${r.body?.code}`)
        .filter((s) => s !== '404 NOT_FOUND' && s !== '412 VERSION_MISMATCH'),
    ).toEqual([]);
    expect(await auditCount('Target', target.id, 'delete')).toBe(1);
  });

  it(`${N} deletes of one stage with the same version → one 204, the other stages keep their order`, async () => {
    const pipeline = await created('pipelines', { name: `删除并发 ${randomUUID().slice(0, 6)}` });
    const stages: { id: string; version: number; position: number }[] = [];
    for (let s = 0; s < 5; s++) {
      stages.push(
        await created(`pipelines/${pipeline.id}/stages`, {
          name: `阶段 ${s}`,
          nameEn: `Stage ${s}`,
          probability: s * 10,
        }),
      );
    }
    const doomed = stages[1];
    const responses = await burst(N, () =>
      t.request('DELETE', `${API}/stages/${doomed.id}`, {
        token: admin,
        headers: ifMatch(doomed.version),
      }),
    );
    expect(clientsWith(responses, 204)).toHaveLength(1);
    expect(
      responses
        .filter((r) => r.status !== 204)
        .map((r) => `${r.status} ${r.body?.code}`)
        .filter((s) => s !== '404 NOT_FOUND' && s !== '412 VERSION_MISMATCH'),
    ).toEqual([]);
    // The stages after it moved up by one, once: positions stay contiguous and in order.
    const left = await t.db.query(
      `SELECT id, position FROM stages WHERE pipeline_id = $1 ORDER BY position`,
      [pipeline.id],
    );
    const kept = stages.filter((s) => s !== doomed);
    expect(left.rows).toEqual(kept.map((s, k) => ({ id: s.id, position: stages[0].position + k })));
    expect(await auditCount('Stage', doomed.id, 'delete')).toBe(1);
  });

  it(`deal move storm: ${N} moves to ${N} different stages with one version → one move, one history row`, async () => {
    const pipeline = await created('pipelines', { name: `并发流程 ${randomUUID().slice(0, 6)}` });
    const stages: { id: string }[] = [];
    for (let s = 0; s <= N; s++) {
      stages.push(
        await created(`pipelines/${pipeline.id}/stages`, {
          name: `阶段 ${s}`,
          nameEn: `Stage ${s}`,
          probability: Math.min(90, s * 2),
        }),
      );
    }
    const deal = await created('deals', { companyId: deals[2].companyId, pipelineId: pipeline.id });
    expect(deal.stageId).toBe(stages[0].id);
    const responses = await burst(N, (i) =>
      t.request('POST', `${API}/deals/${deal.id}/move`, {
        token: admin,
        headers: ifMatch(deal.version),
        body: { stageId: stages[i + 1].id },
      }),
    );
    expect(tally(responses)).toEqual({ 200: 1, 412: N - 1 });
    expectProblems(
      responses.filter((r) => r.status !== 200),
      412,
      ['VERSION_MISMATCH'],
    );
    const [winner] = clientsWith(responses, 200);
    expect(await one(`SELECT stage_id, version FROM deals WHERE id = $1`, [deal.id])).toEqual({
      stage_id: stages[winner + 1].id,
      version: deal.version + 1,
    });
    const history = await t.db.query(
      `SELECT from_stage_id, to_stage_id FROM deal_stage_history WHERE deal_id = $1 ORDER BY moved_at, id`,
      [deal.id],
    );
    expect(history.rows).toHaveLength(2);
    expect(history.rows).toContainEqual({
      from_stage_id: stages[0].id,
      to_stage_id: stages[winner + 1].id,
    });
    expect(await auditCount('Deal', deal.id, 'move')).toBe(1);
  });
});
