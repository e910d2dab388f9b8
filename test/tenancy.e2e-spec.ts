import { beijingToday } from '../src/common/time/beijing';
import { SpacesService } from '../src/spaces/spaces.service';
import { newLead, newUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('spaces, onboarding and support measures', () => {
  let t: TestApp;
  let promoter: { id: string; token: string };
  let manager: string;
  let admin: string;
  let buildingId: string;
  let unitCounter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    promoter = await newUser(t, 'promoter');
    manager = await t.tokenFor('manager');
    admin = await t.tokenFor('admin');
    const building = await t.request('POST', '/api/v1/buildings', {
      token: admin,
      body: { name: '测试楼', nameEn: 'Test tower', floors: 8 },
    });
    buildingId = building.body.id;
  });
  afterAll(() => t.close());

  const newUnit = async () => {
    const unit = await t.request('POST', '/api/v1/units', {
      token: admin,
      body: {
        buildingId,
        code: `T-${++unitCounter}`,
        floor: 3,
        area: '300.00',
        type: 'office',
        listRent: '4.50',
      },
    });
    expect(unit.status).toBe(201);
    return unit.body;
  };
  const stagesByCode = async () => {
    const pipelines = (await t.request('GET', '/api/v1/pipelines', { token: admin })).body;
    const stages = (
      await t.request(
        'GET',
        `/api/v1/pipelines/${pipelines.find((p: any) => p.isDefault).id}/stages`,
        { token: admin },
      )
    ).body;
    return Object.fromEntries(stages.map((s: any) => [s.code, s.id])) as Record<string, string>;
  };
  const dealFor = async () => {
    const lead = await newLead(t, promoter.token);
    const deal = await t.request('POST', `/api/v1/leads/${lead.id}/convert`, {
      token: promoter.token,
      headers: { 'if-match': `"${lead.version}"` },
      body: { expectedArea: '300.00', targetMoveInDate: '2027-06-01' },
    });
    return deal.body;
  };
  const reserve = (unitId: string, dealId: string, days = 10) =>
    t.request('POST', '/api/v1/reservations', {
      token: promoter.token,
      body: { unitId, dealId, expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() },
    });

  it('takes a deal from Signed through its onboarding track to Tenant, with the company, the lease and the audit right', async () => {
    const stages = await stagesByCode();
    let deal = await dealFor();
    const unit = await newUnit();
    expect((await reserve(unit.id, deal.id)).status).toBe(201);
    expect(
      (await t.request('GET', `/api/v1/units/${unit.id}`, { token: promoter.token })).body.status,
    ).toBe('reserved');
    await t.db.query(
      `INSERT INTO site_visits (deal_id, starts_at, ends_at, place_type, status) VALUES ($1, now() - interval '2 days', now() - interval '2 days' + interval '1 hour', 'other', 'completed')`,
      [deal.id],
    );
    const signed = await t.request('POST', `/api/v1/deals/${deal.id}/move`, {
      token: promoter.token,
      headers: { 'if-match': `"${deal.version}"` },
      body: { stageId: stages.signed },
    });
    expect(signed.status).toBe(200);
    deal = signed.body;
    expect(
      (await t.request('GET', `/api/v1/companies/${deal.companyId}`, { token: promoter.token }))
        .body.status,
    ).toBe('signed');

    const byHand = await t.request('POST', `/api/v1/deals/${deal.id}/move`, {
      token: promoter.token,
      headers: { 'if-match': `"${deal.version}"` },
      body: { stageId: stages.tenant },
    });
    expect(byHand.status).toBe(409);

    const [track] = (
      await t.request('GET', `/api/v1/onboarding-tracks?dealId=${deal.id}`, {
        token: promoter.token,
      })
    ).body.data;
    expect(track.tasks.map((task: any) => task.code)).toEqual([
      'business_registration',
      'lease_signed',
      'fit_out',
      'compute_account',
      'ai_safety_assessment',
      'move_in',
    ]);
    const lease = await t.request('POST', '/api/v1/leases', {
      token: promoter.token,
      body: {
        unitId: unit.id,
        dealId: deal.id,
        startDate: '2027-01-01',
        endDate: '2029-12-31',
        monthlyRent: '40500.00',
        rentFreeMonths: 3,
      },
    });
    expect(lease.status).toBe(201);
    expect(
      (await t.request('GET', `/api/v1/units/${unit.id}`, { token: promoter.token })).body.status,
    ).toBe('leased');

    const done = async (task: any) =>
      t.request('PATCH', `/api/v1/onboarding-tracks/${track.id}/tasks/${task.id}`, {
        token: promoter.token,
        headers: { 'if-match': `"${task.version}"` },
        body: { status: 'done' },
      });
    const first = await done(track.tasks[0]);
    expect(first.status).toBe(200);
    expect(
      (await t.request('GET', `/api/v1/deals/${deal.id}`, { token: promoter.token })).body.stageId,
    ).toBe(stages.onboarding);
    for (const task of track.tasks.filter((task: any) => task.required).slice(1))
      expect((await done(task)).status).toBe(200);

    const after = await t.request('GET', `/api/v1/deals/${deal.id}`, { token: promoter.token });
    expect(after.body).toMatchObject({ stageId: stages.tenant, closedAt: expect.any(String) });
    const company = await t.request('GET', `/api/v1/companies/${deal.companyId}`, {
      token: promoter.token,
    });
    expect(company.body.status).toBe('tenant');
    const history = (
      await t.request('GET', `/api/v1/deals/${deal.id}/history`, { token: promoter.token })
    ).body;
    expect(history.slice(0, 3).map((h: any) => [h.toStageName, h.movedById])).toEqual([
      ['已入驻', null],
      ['入驻办理', null],
      ['签约', promoter.id],
    ]);
    const audit = await t.db.query(
      `SELECT action, reason FROM audit_log WHERE entity_id = ANY($1) ORDER BY created_at`,
      [[deal.id, deal.companyId, track.id]],
    );
    const actions = audit.rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['open', 'status', 'complete']));
    expect(
      audit.rows.find((r) => r.reason === 'every required onboarding task is done'),
    ).toBeDefined();
    const support = await t.request('GET', `/api/v1/companies/${deal.companyId}/support`, {
      token: manager,
    });
    expect(support.body).toMatchObject({ rentFreeValue: '121500.00' });
  });

  it('refuses overlapping leases and holds of one unit', async () => {
    const unit = await newUnit();
    const [a, b] = [await dealFor(), await dealFor()];
    expect((await reserve(unit.id, a.id)).status).toBe(201);
    const second = await reserve(unit.id, b.id);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('OVERLAP');
    const lease = (dealId: string, startDate: string, endDate: string) =>
      t.request('POST', '/api/v1/leases', {
        token: promoter.token,
        body: { unitId: unit.id, dealId, startDate, endDate, monthlyRent: '30000.00' },
      });
    expect((await lease(a.id, '2027-01-01', '2027-12-31')).status).toBe(201);
    const overlapping = await lease(b.id, '2027-06-01', '2028-05-31');
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.code).toBe('OVERLAP');
    expect((await lease(b.id, '2028-01-01', '2028-12-31')).status).toBe(201);
  });

  it('expires a hold and frees its unit', async () => {
    const unit = await newUnit();
    const deal = await dealFor();
    const hold = await reserve(unit.id, deal.id, 1);
    await t.db.query(
      `UPDATE reservations SET starts_at = now() - interval '1 day', expires_at = now() - interval '1 minute' WHERE id = $1`,
      [hold.body.id],
    );
    expect(await t.app.get(SpacesService).expireHolds()).toBeGreaterThanOrEqual(1);
    const { rows } = await t.db.query(
      `SELECT (SELECT status FROM reservations WHERE id = $1) AS hold, (SELECT status FROM units WHERE id = $2) AS unit`,
      [hold.body.id, unit.id],
    );
    expect(rows[0]).toEqual({ hold: 'expired', unit: 'available' });
    const other = await dealFor();
    expect((await reserve(unit.id, other.id)).status).toBe(201);
    const again = await t.request('POST', `/api/v1/reservations/${hold.body.id}/release`, {
      token: promoter.token,
      headers: { 'if-match': '"2"' },
    });
    expect(again.status).toBe(409);
    expect((await reserve(unit.id, other.id, 400)).status).toBe(400);
  });

  it('lists holds, leases, units and tracks by building, status and area, with their firms named', async () => {
    const get = (path: string, token: string, query: Record<string, string>) =>
      t.request('GET', `${path}?${new URLSearchParams(query).toString()}`, { token });
    const other = await t.request('POST', '/api/v1/buildings', {
      token: admin,
      body: { name: '筛选测试楼', nameEn: 'Filter tower', floors: 4 },
    });
    const unit = async (code: string, floor: number, area: string) =>
      (
        await t.request('POST', '/api/v1/units', {
          token: admin,
          body: { buildingId: other.body.id, code, floor, area, type: 'lab', listRent: '5.00' },
        })
      ).body;
    const [small, large, upstairs] = [
      await unit('F-201', 2, '150.00'),
      await unit('F-202', 2, '600.00'),
      await unit('F-301', 3, '450.00'),
    ];
    const units = await get('/api/v1/units', promoter.token, {
      buildingId: other.body.id,
      floor: '2',
      minArea: '200',
      sort: '-area',
    });
    expect(units.body.data.map((u: any) => u.code)).toEqual(['F-202']);
    const ranged = await get('/api/v1/units', promoter.token, {
      buildingId: other.body.id,
      maxArea: '500',
      sort: 'area',
    });
    expect(ranged.body.data.map((u: any) => u.code)).toEqual(['F-201', 'F-301']);

    const deal = await dealFor();
    const hold = await reserve(small.id, deal.id);
    expect(hold.status).toBe(201);
    await reserve(large.id, deal.id);
    const release = await t.request('POST', `/api/v1/reservations/${hold.body.id}/release`, {
      token: promoter.token,
      headers: { 'if-match': `"${hold.body.version}"` },
    });
    expect(release.status).toBe(200);
    const active = await get('/api/v1/reservations', manager, {
      buildingId: other.body.id,
      status: 'active',
    });
    expect(active.status).toBe(200);
    expect(active.body.data).toEqual([
      expect.objectContaining({
        unitId: large.id,
        unitCode: 'F-202',
        floor: 2,
        buildingId: other.body.id,
        dealId: deal.id,
        dealTitle: deal.title,
        dealOwnerId: promoter.id,
        companyId: deal.companyId,
        companyName: deal.companyName,
        status: 'active',
      }),
    ]);
    const released = await get('/api/v1/reservations', manager, { unitId: small.id });
    expect(released.body.data.map((r: any) => r.status)).toEqual(['released']);

    const lease = await t.request('POST', '/api/v1/leases', {
      token: promoter.token,
      body: {
        unitId: upstairs.id,
        dealId: deal.id,
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        monthlyRent: '2250.00',
      },
    });
    expect(lease.status).toBe(201);
    const leases = await get('/api/v1/leases', manager, {
      buildingId: other.body.id,
      status: 'active',
    });
    expect(leases.body.data).toEqual([
      expect.objectContaining({
        unitCode: 'F-301',
        floor: 3,
        companyName: deal.companyName,
        dealTitle: deal.title,
      }),
    ]);
    expect((await get('/api/v1/leases', manager, { dealId: deal.id })).body.data).toHaveLength(1);
    const bad = await get('/api/v1/reservations', manager, { status: 'gone' });
    expect(bad.status).toBe(400);

    const tracks = await get('/api/v1/onboarding-tracks', manager, { status: 'completed' });
    expect(tracks.status).toBe(200);
    expect(tracks.body.data.length).toBeGreaterThan(0);
    for (const track of tracks.body.data) {
      expect(track.status).toBe('completed');
      const owner = await t.request('GET', `/api/v1/deals/${track.dealId}`, { token: manager });
      expect(track).toMatchObject({
        companyName: owner.body.companyName,
        dealTitle: owner.body.title,
        dealOwnerId: owner.body.ownerId,
      });
      expect(track.templateName).toEqual(expect.any(String));
    }
  });

  it('approves exactly as many of 30 concurrent applications as the budget covers, never below zero', async () => {
    const program = await t.request('POST', '/api/v1/programs', {
      token: admin,
      body: {
        name: '并发测试补贴',
        nameEn: 'Concurrency subsidy',
        kind: 'compute_subsidy',
        budget: '1000000.00',
        cardHoursPerYuan: '0.5',
      },
    });
    expect(program.status).toBe(201);
    const lead = await newLead(t, promoter.token);
    const submitted = [];
    for (let i = 0; i < 30; i++) {
      const draft = await t.request('POST', '/api/v1/applications', {
        token: promoter.token,
        body: {
          programId: program.body.id,
          companyId: lead.companyId,
          requestedAmount: '100000.00',
        },
      });
      const sent = await t.request('POST', `/api/v1/applications/${draft.body.id}/submit`, {
        token: promoter.token,
        headers: { 'if-match': '"1"' },
      });
      expect(sent.status).toBe(200);
      submitted.push(sent.body);
    }
    const approvals = await Promise.all(
      submitted.map((a) =>
        t.request('POST', `/api/v1/applications/${a.id}/approve`, {
          token: manager,
          headers: { 'if-match': `"${a.version}"` },
          body: {},
        }),
      ),
    );
    expect(approvals.filter((r) => r.status === 200)).toHaveLength(10);
    expect(
      approvals.filter((r) => r.status === 409).every((r) => r.body.code === 'BUDGET_EXCEEDED'),
    ).toBe(true);
    const after = await t.request('GET', `/api/v1/programs/${program.body.id}`, { token: manager });
    expect(after.body).toMatchObject({ approvedTotal: '1000000.00', remaining: '0.00' });
    expect(approvals.find((r) => r.status === 200)!.body.approvedCardHours).toBe('50000.00');
    const fund = await t.request('GET', '/api/v1/programs/fund', { token: manager });
    expect(Number(fund.body.unallocated)).toBeGreaterThanOrEqual(0);
  });

  it('needs a reason to reject, and only managers decide', async () => {
    const program = (await t.request('GET', '/api/v1/programs', { token: manager })).body.data[0];
    const lead = await newLead(t, promoter.token);
    const draft = await t.request('POST', '/api/v1/applications', {
      token: promoter.token,
      body: { programId: program.id, companyId: lead.companyId, requestedAmount: '5000.00' },
    });
    const sent = await t.request('POST', `/api/v1/applications/${draft.body.id}/submit`, {
      token: promoter.token,
      headers: { 'if-match': '"1"' },
    });
    const tooMuch = await t.request('POST', `/api/v1/applications/${draft.body.id}/approve`, {
      token: manager,
      headers: { 'if-match': `"${sent.body.version}"` },
      body: { approvedAmount: '5000.01' },
    });
    expect(tooMuch.status).toBe(400);
    const byPromoter = await t.request('POST', `/api/v1/applications/${draft.body.id}/approve`, {
      token: promoter.token,
      headers: { 'if-match': '"2"' },
      body: {},
    });
    expect(byPromoter.status).toBe(403);
    const noReason = await t.request('POST', `/api/v1/applications/${draft.body.id}/reject`, {
      token: manager,
      headers: { 'if-match': `"${sent.body.version}"` },
      body: {},
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const rejected = await t.request('POST', `/api/v1/applications/${draft.body.id}/reject`, {
      token: manager,
      headers: { 'if-match': `"${sent.body.version}"` },
      body: { reason: '材料不全 incomplete documents' },
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decisionReason: '材料不全 incomplete documents',
    });
    const other = await newUser(t, 'promoter');
    const foreign = await t.request('POST', '/api/v1/applications', {
      token: other.token,
      body: { programId: program.id, companyId: lead.companyId, requestedAmount: '5000.00' },
    });
    expect(foreign.status).toBe(403);
  });

  it('sums a company’s support per program and overall, and lists applications by submitted day', async () => {
    const programs = (await t.request('GET', '/api/v1/programs', { token: manager })).body.data;
    const talent = programs.find((p: any) => p.kind === 'talent_subsidy');
    const rent = programs.find((p: any) => p.kind === 'rent_subsidy');
    const lead = await newLead(t, promoter.token);
    const apply = async (programId: string, requestedAmount: string, submit = true) => {
      const draft = await t.request('POST', '/api/v1/applications', {
        token: promoter.token,
        body: { programId, companyId: lead.companyId, requestedAmount },
      });
      expect(draft.status).toBe(201);
      if (!submit) return draft.body;
      const sent = await t.request('POST', `/api/v1/applications/${draft.body.id}/submit`, {
        token: promoter.token,
        headers: { 'if-match': '"1"' },
      });
      expect(sent.status).toBe(200);
      return sent.body;
    };
    const decide = (a: any, action: string, body: object) =>
      t.request('POST', `/api/v1/applications/${a.id}/${action}`, {
        token: manager,
        headers: { 'if-match': `"${a.version}"` },
        body,
      });
    const one = await apply(talent.id, '30000.00');
    const approved = await decide(one, 'approve', { approvedAmount: '25000.00' });
    expect(approved.status).toBe(200);
    const paid = await decide(approved.body, 'disburse', { amount: '20000.00' });
    expect(paid.body).toMatchObject({ status: 'disbursed', disbursedAmount: '20000.00' });
    const two = await apply(talent.id, '10000.50');
    expect((await decide(two, 'reject', { reason: '重复申请' })).status).toBe(200);
    const three = await apply(rent.id, '40000.00');
    expect((await decide(three, 'approve', {})).status).toBe(200);
    await apply(rent.id, '99999.00', false);

    const support = await t.request('GET', `/api/v1/companies/${lead.companyId}/support`, {
      token: promoter.token,
    });
    expect(support.status).toBe(200);
    expect(support.body).toMatchObject({
      requested: '80000.50',
      // As approved: the 5,000 left unpaid of the disbursed one went back to the program.
      approved: '65000.00',
      disbursed: '20000.00',
      subsidiesApproved: '65000.00',
      subsidiesDisbursed: '20000.00',
    });
    const byKind = Object.fromEntries(support.body.programs.map((p: any) => [p.kind, p]));
    expect(byKind.talent_subsidy).toEqual({
      programId: talent.id,
      name: talent.name,
      nameEn: talent.nameEn,
      kind: 'talent_subsidy',
      applications: 2,
      requested: '40000.50',
      approved: '25000.00',
      disbursed: '20000.00',
    });
    expect(byKind.rent_subsidy).toMatchObject({
      programId: rent.id,
      applications: 2,
      requested: '40000.00',
      approved: '40000.00',
      disbursed: '0.00',
    });

    // One submitted late on 31 March 2024 in Beijing (15:30 UTC), two today; the draft never.
    await t.db.query(`UPDATE applications SET submitted_at = $2 WHERE id = $1`, [
      one.id,
      '2024-03-31T23:30:00+08:00',
    ]);
    const list = (query: string) =>
      t.request('GET', `/api/v1/applications?companyId=${lead.companyId}&${query}`, {
        token: manager,
      });
    const march = await list('submittedFrom=2024-03-31&submittedTo=2024-03-31');
    expect(march.body.data.map((a: any) => a.id)).toEqual([one.id]);
    expect((await list('submittedFrom=2024-04-01&submittedTo=2024-04-30')).body.data).toEqual([]);
    expect((await list('submittedTo=2024-03-30')).body.data).toEqual([]);
    const since = await list(`submittedFrom=${beijingToday()}`);
    expect(since.body.data.map((a: any) => a.id).sort()).toEqual([two.id, three.id].sort());
    const bad = await list('submittedTo=2026-02-30x');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('submittedTo');
  });
});
