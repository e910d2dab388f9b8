import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { SlaJob } from '../src/pipeline/sla.job';
import { newLead, newUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('pipeline, deals, activities and site visits', () => {
  let t: TestApp;
  let promoter1: string;
  let promoter1Id: string;
  let manager: string;
  let admin: string;
  let stages: { id: string; code: string; name: string; nameEn: string }[];
  const stage = (code: string) => stages.find((s) => s.code === code)!.id;
  let hour = 0;
  /** Distinct, non-overlapping visit slots that have already begun (an outcome needs a past visit). */
  const slot = () => {
    const start = new Date(Date.UTC(2025, 0, 1) + hour++ * 3_600_000 * 3);
    return {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    promoter1 = await t.tokenFor('promoter1');
    manager = await t.tokenFor('manager');
    admin = await t.tokenFor('admin');
    promoter1Id = (await t.request('GET', '/api/v1/auth/me', { token: promoter1 })).body.id;
    const pipelines = await t.request('GET', '/api/v1/pipelines', { token: promoter1 });
    const defaultPipeline = pipelines.body.find((p: { isDefault: boolean }) => p.isDefault);
    stages = (
      await t.request('GET', `/api/v1/pipelines/${defaultPipeline.id}/stages`, { token: promoter1 })
    ).body;
  });
  afterAll(() => t.close());

  const convert = async (token = promoter1) => {
    const lead = await newLead(t, token);
    const deal = await t.request('POST', `/api/v1/leads/${lead.id}/convert`, {
      token,
      headers: { 'if-match': `"${lead.version}"` },
      body: {},
    });
    expect(deal.status).toBe(201);
    return { lead, deal: deal.body };
  };
  const move = (
    deal: { id: string },
    version: number,
    stageId: string,
    extra: object = {},
    token = promoter1,
  ) =>
    t.request('POST', `/api/v1/deals/${deal.id}/move`, {
      token,
      headers: { 'if-match': `"${version}"` },
      body: { stageId, ...extra },
    });

  it('has the default pipeline of DESIGN.md', () => {
    expect(stages.map((s) => [s.code, s.name])).toEqual([
      ['first_contact', '初步接洽'],
      ['needs_confirmed', '需求确认'],
      ['site_visit', '实地考察'],
      ['negotiation', '商务洽谈'],
      ['signed', '签约'],
      ['onboarding', '入驻办理'],
      ['tenant', '已入驻'],
      ['lost', '未落地'],
    ]);
  });

  it('converts a lead and walks the deal to Signed through every gate, with history and timeline', async () => {
    const { lead, deal } = await convert();
    expect(deal).toMatchObject({
      stageId: stage('first_contact'),
      ownerId: promoter1Id,
      leadId: lead.id,
    });
    expect(
      (await t.request('GET', `/api/v1/leads/${lead.id}`, { token: promoter1 })).body.status,
    ).toBe('converted');

    let version = deal.version;
    for (const code of ['needs_confirmed', 'site_visit']) {
      const moved = await move(deal, version, stage(code));
      expect(moved.status).toBe(200);
      version = moved.body.version;
    }
    const refused = await move(deal, version, stage('negotiation'));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'STAGE_GATE_UNMET',
      unmet: [{ gate: 'completed_site_visit' }],
    });

    const visit = await t.request('POST', '/api/v1/site-visits', {
      token: promoter1,
      body: {
        dealId: deal.id,
        ...slot(),
        placeType: 'computing_center',
        placeLabel: '昇腾计算中心',
        hostIds: [promoter1Id],
        visitors: ['张总'],
      },
    });
    expect(visit.status).toBe(201);
    expect(visit.body.createdById).toBe(promoter1Id);
    const done = await t.request('POST', `/api/v1/site-visits/${visit.body.id}/complete`, {
      token: promoter1,
      headers: { 'if-match': '"1"' },
      body: {
        interest: 4,
        notes: '对算力补贴很感兴趣',
        nextStep: '发租赁方案',
        followUpTask: { title: '发送租赁方案', dueAt: '2030-02-01T10:00:00+08:00' },
      },
    });
    expect(done.body).toMatchObject({ status: 'completed', interest: 4 });
    await t.request('POST', '/api/v1/activities', {
      token: promoter1,
      body: { dealId: deal.id, type: 'call', subject: '确认面积需求' },
    });

    const negotiation = await move(deal, version, stage('negotiation'));
    expect(negotiation.status).toBe(200);
    version = negotiation.body.version;
    const noTerms = await move(deal, version, stage('signed'));
    expect(noTerms.status).toBe(409);
    expect(noTerms.body.unmet).toEqual([
      {
        gate: 'agreed_terms',
        message: expect.stringMatching(/expected area .* target move-in date/),
      },
      { gate: 'reserved_unit', message: expect.stringMatching(/Reserve a unit/) },
    ]);
    const unit = (
      await t.request('GET', '/api/v1/units?status=available&limit=1', { token: promoter1 })
    ).body.data[0];
    const hold = await t.request('POST', '/api/v1/reservations', {
      token: promoter1,
      body: {
        unitId: unit.id,
        dealId: deal.id,
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(hold.status).toBe(201);
    const terms = await t.request('PATCH', `/api/v1/deals/${deal.id}`, {
      token: promoter1,
      headers: { 'if-match': `"${version}"` },
      body: {
        expectedArea: '1200.00',
        targetMoveInDate: '2030-06-01',
        expectedInvestment: '50000000.00',
      },
    });
    const signed = await move(deal, terms.body.version, stage('signed'));
    expect(signed.status).toBe(200);
    expect(signed.body.stageId).toBe(stage('signed'));

    const history = (await t.request('GET', `/api/v1/deals/${deal.id}/history`, { token: manager }))
      .body;
    expect(history.map((h: { toStageName: string }) => h.toStageName)).toEqual([
      '签约',
      '商务洽谈',
      '实地考察',
      '需求确认',
      '初步接洽',
    ]);
    expect(history[4].fromStageId).toBeNull();
    await expect(
      t.db.query(`UPDATE deal_stage_history SET moved_at = now() WHERE deal_id = $1`, [deal.id]),
    ).rejects.toThrow(/immutable/);

    const timeline = (
      await t.request('GET', `/api/v1/timeline/deal/${deal.id}?limit=200`, { token: manager })
    ).body.data as { kind: string; at: string; data: unknown }[];
    const kinds = timeline.map((item) => item.kind);
    expect(kinds.filter((k) => k === 'stage_move')).toHaveLength(5);
    expect(kinds).toEqual(expect.arrayContaining(['site_visit', 'activity', 'audit']));
    // Each move appears once, as a stage move, not again as its audit entry.
    expect(
      timeline.filter(
        (item) =>
          item.kind === 'audit' && (item as { data?: { action?: string } }).data?.action === 'move',
      ),
    ).toEqual([]);
    // The timeline's JSON is written by SQL: its moves read as the history's, times to the millisecond.
    expect(
      timeline
        .filter((item) => item.kind === 'stage_move')
        .map(({ at, data }) => ({ at, ...(data as object) })),
    ).toStrictEqual(
      history.map((h: Record<string, unknown>) => ({
        at: h.movedAt,
        dealId: deal.id,
        fromStageId: h.fromStageId,
        fromStage: h.fromStageName,
        toStageId: h.toStageId,
        toStage: h.toStageName,
        toStageEn: stages.find((s) => s.id === h.toStageId)?.nameEn,
        movedById: h.movedById,
      })),
    );
    expect([...timeline].map((i) => i.at)).toEqual(
      [...timeline]
        .map((i) => i.at)
        .sort()
        .reverse(),
    );
    const paged = await t.request('GET', `/api/v1/timeline/deal/${deal.id}?limit=3`, {
      token: manager,
    });
    const next = await t.request(
      'GET',
      `/api/v1/timeline/deal/${deal.id}?limit=3&cursor=${paged.body.nextCursor}`,
      { token: manager },
    );
    expect([...paged.body.data, ...next.body.data].map((i: { id: string }) => i.id)).toEqual(
      timeline.slice(0, 6).map((i: any) => i.id),
    );
    const tasks = await t.request('GET', `/api/v1/tasks?dealId=${deal.id}`, { token: promoter1 });
    expect(tasks.body.data).toMatchObject([{ title: '发送租赁方案', assigneeId: promoter1Id }]);
  });

  it('treats a firm with another promoter’s open deal as taken: a new lead on it is held as a conflict', async () => {
    const { lead } = await convert();
    const firm = await t.request('GET', `/api/v1/companies/${lead.companyId}`, {
      token: promoter1,
    });
    const rival = await t.request('POST', '/api/v1/leads', {
      token: await t.tokenFor('promoter2'),
      body: { source: 'event', company: { name: firm.body.name } },
    });
    expect(rival.body).toMatchObject({
      onHold: true,
      conflictId: expect.any(String),
      companyId: lead.companyId,
    });
  });

  it('checks the gates of every stage a forward move skips', async () => {
    const { deal } = await convert();
    const jump = await move(deal, deal.version, stage('tenant'));
    expect(jump.status).toBe(409);
    expect(jump.body.unmet.map((u: { gate: string }) => u.gate)).toEqual([
      'completed_site_visit',
      'agreed_terms',
      'reserved_unit',
      'onboarding_started',
      'onboarding_complete',
    ]);
    const back = await move(deal, deal.version, stage('needs_confirmed'));
    expect(back.status).toBe(200);
  });

  it('records a visit’s outcome only once it has started', async () => {
    const { deal } = await convert();
    const future = await t.request('POST', '/api/v1/site-visits', {
      token: promoter1,
      body: {
        dealId: deal.id,
        startsAt: '2032-03-01T02:00:00Z',
        endsAt: '2032-03-01T03:00:00Z',
        placeType: 'other',
        hostIds: [promoter1Id],
      },
    });
    const early = await t.request('POST', `/api/v1/site-visits/${future.body.id}/complete`, {
      token: promoter1,
      headers: { 'if-match': '"1"' },
      body: { interest: 5 },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('VISIT_NOT_STARTED');
    const missedEarly = await t.request('POST', `/api/v1/site-visits/${future.body.id}/no-show`, {
      token: promoter1,
      headers: { 'if-match': '"1"' },
    });
    expect(missedEarly.body.code).toBe('VISIT_NOT_STARTED');
    // A visit that has not taken place can still be called off.
    const called = await t.request('POST', `/api/v1/site-visits/${future.body.id}/cancel`, {
      token: promoter1,
      headers: { 'if-match': '"1"' },
      body: { reason: '客户改期' },
    });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ status: 'cancelled', cancelReason: '客户改期' });
    const noPlace = await t.request('POST', '/api/v1/site-visits', {
      token: promoter1,
      body: { dealId: deal.id, ...slot(), placeType: 'unit', hostIds: [promoter1Id] },
    });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body.errors[0].field).toBe('placeId');
    const unknownUnit = await t.request('POST', '/api/v1/site-visits', {
      token: promoter1,
      body: {
        dealId: deal.id,
        ...slot(),
        placeType: 'unit',
        placeId: '00000000-0000-4000-8000-0000000000ff',
        hostIds: [promoter1Id],
      },
    });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body).toMatchObject({
      code: 'REFERENCE_NOT_FOUND',
      errors: [{ field: 'placeId' }],
    });
    const unit = (await t.request('GET', '/api/v1/units?limit=1', { token: promoter1 })).body
      .data[0];
    const inUnit = await t.request('POST', '/api/v1/site-visits', {
      token: promoter1,
      body: {
        dealId: deal.id,
        ...slot(),
        placeType: 'unit',
        placeId: unit.id,
        hostIds: [promoter1Id],
      },
    });
    expect(inUnit.status).toBe(201);
  });

  it('opens a deal directly only on a firm nobody else works, and counts it as worked', async () => {
    const { lead } = await convert();
    const promoter2 = await t.tokenFor('promoter2');
    const refused = await t.request('POST', '/api/v1/deals', {
      token: promoter2,
      body: { companyId: lead.companyId },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LEAD_CONFLICT');
    const free = await newLead(t, promoter2);
    await t.db.query(
      `UPDATE leads SET status = 'disqualified', disqualify_reason = 'x' WHERE id = $1`,
      [free.id],
    );
    const direct = await t.request('POST', '/api/v1/deals', {
      token: promoter1,
      body: { companyId: free.companyId },
    });
    expect(direct.status).toBe(201);
    expect(direct.body.leadId).toEqual(expect.any(String));
    const rival = await t.request('POST', '/api/v1/leads', {
      token: promoter2,
      body: { source: 'event', companyId: free.companyId },
    });
    expect(rival.body.onHold).toBe(true);
  });

  it('lets a promoter log activities and tasks only on firms it owns (or nobody owns); managers on any', async () => {
    const { deal } = await convert();
    const promoter2 = await t.tokenFor('promoter2');
    const foreign = await t.request('POST', '/api/v1/activities', {
      token: promoter2,
      body: { dealId: deal.id, type: 'note', subject: '偷看' },
    });
    expect(foreign.status).toBe(403);
    const task = await t.request('POST', '/api/v1/tasks', {
      token: promoter2,
      body: { dealId: deal.id, title: 'x', dueAt: '2030-01-01T00:00:00Z' },
    });
    expect(task.status).toBe(403);
    const byManager = await t.request('POST', '/api/v1/activities', {
      token: manager,
      body: { dealId: deal.id, type: 'meeting', subject: '领导拜访' },
    });
    expect(byManager.status).toBe(201);
  });

  it('refuses to delete a company that still has open leads or deals', async () => {
    const { deal } = await convert();
    const company = await t.request('GET', `/api/v1/companies/${deal.companyId}`, { token: admin });
    const removed = await t.request('DELETE', `/api/v1/companies/${deal.companyId}`, {
      token: admin,
      headers: { 'if-match': `"${company.body.version}"` },
    });
    expect(removed.status).toBe(409);
    expect(removed.body).toMatchObject({
      code: 'STILL_REFERENCED',
      dependents: { 'open deals': 1 },
    });
  });

  it('needs a reason to lose a deal', async () => {
    const { deal } = await convert();
    const refused = await move(deal, deal.version, stage('lost'));
    expect(refused.body.unmet).toEqual([{ gate: 'lost_reason', message: expect.any(String) }]);
    const lost = await move(deal, deal.version, stage('lost'), { lostReason: '选择了其他园区' });
    expect(lost.body).toMatchObject({ lostReason: '选择了其他园区', closedAt: expect.any(String) });
  });

  it('lists each deal exactly as it answers it by id, in every sort, page by page (the list’s JSON is written by SQL)', async () => {
    const odd = await newLead(t, promoter1, {
      name: `“引号” "quote" \\ 反斜杠 😀 <b>&\t${hour++}`,
    });
    const full = await t.request('POST', `/api/v1/leads/${odd.id}/convert`, {
      token: promoter1,
      headers: { 'if-match': `"${odd.version}"` },
      body: {
        title: 'Deal "q" \\ ☃ 星河\n第二行',
        expectedArea: '1200.50',
        expectedComputeCardHours: 3000,
        expectedInvestment: '50000000.00',
        expectedAnnualRevenue: '12345678.90',
        targetMoveInDate: '2027-03-01',
      },
    });
    expect(full.status).toBe(201);
    const { deal: lost } = await convert();
    expect((await move(lost, lost.version, stage('lost'), { lostReason: '价格' })).status).toBe(
      200,
    );
    await convert();

    for (const sort of ['-updatedAt', 'createdAt', '-stageEnteredAt']) {
      const listed: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      let total: number | undefined;
      do {
        const query = new URLSearchParams({
          ownerId: promoter1Id,
          sort,
          limit: '2',
          withTotal: 'true',
        });
        if (cursor) query.set('cursor', cursor);
        const page = await t.request('GET', `/api/v1/deals?${query.toString()}`, {
          token: promoter1,
        });
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toBe('application/json; charset=utf-8');
        listed.push(...page.body.data);
        ({ nextCursor: cursor, total } = page.body);
      } while (cursor);
      expect(listed.length).toBe(total);
      expect(new Set(listed.map((deal) => deal.id)).size).toBe(listed.length);
      const key = sort.replace('-', '');
      const times = listed.map((deal) => Date.parse(deal[key] as string));
      expect(times).toEqual([...times].sort((a, b) => (sort.startsWith('-') ? b - a : a - b)));
      for (const id of [full.body.id, lost.id]) expect(listed.map((deal) => deal.id)).toContain(id);
      for (const deal of listed) {
        const byId = await t.request('GET', `/api/v1/deals/${deal.id as string}`, {
          token: promoter1,
        });
        expect(deal).toStrictEqual(byId.body);
      }
    }
    const listedFull = await t.request('GET', `/api/v1/deals?companyId=${full.body.companyId}`, {
      token: promoter1,
    });
    expect(listedFull.body).toStrictEqual({ data: [full.body], nextCursor: null });
  });

  it('answers a stale If-Match on a move with 412 and moves nothing', async () => {
    const { deal } = await convert();
    const ok = await move(deal, deal.version, stage('needs_confirmed'));
    expect(ok.status).toBe(200);
    const stale = await move(deal, deal.version, stage('site_visit'));
    expect(stale.status).toBe(412);
    const { rows } = await t.db.query(
      `SELECT d.stage_id, (SELECT count(*) FROM deal_stage_history h WHERE h.deal_id = d.id)::int AS moves FROM deals d WHERE id = $1`,
      [deal.id],
    );
    expect(rows[0]).toEqual({ stage_id: stage('needs_confirmed'), moves: 2 });
    const other = await newUser(t, 'promoter');
    expect((await move(deal, ok.body.version, stage('site_visit'), {}, other.token)).status).toBe(
      403,
    );
  });

  it('books one of twenty concurrent overlapping visits of one host and refuses the rest with 409', async () => {
    const { deal } = await convert();
    const start = Date.UTC(2031, 5, 1, 2);
    const bookings = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('POST', '/api/v1/site-visits', {
          token: promoter1,
          body: {
            dealId: deal.id,
            startsAt: new Date(start + i * 60_000).toISOString(),
            endsAt: new Date(start + 3_600_000 + i * 60_000).toISOString(),
            placeType: 'other',
            placeLabel: `会议室 ${i}`,
            hostIds: [promoter1Id],
          },
        }),
      ),
    );
    expect(bookings.filter((b) => b.status === 201)).toHaveLength(1);
    const refused = bookings.filter((b) => b.status === 409);
    expect(refused).toHaveLength(19);
    expect(
      refused.every((b) => b.body.code === 'OVERLAP' && b.body.errors[0].field === 'hostIds'),
    ).toBe(true);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM site_visits WHERE deal_id = $1`,
      [deal.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('never double-books a place, and frees host and place when a visit is cancelled', async () => {
    const { deal } = await convert();
    const other = await newUser(t, 'manager');
    const time = slot();
    const first = await t.request('POST', '/api/v1/site-visits', {
      token: promoter1,
      body: { dealId: deal.id, ...time, placeType: 'computing_center', hostIds: [promoter1Id] },
    });
    const clash = await t.request('POST', '/api/v1/site-visits', {
      token: promoter1,
      body: { dealId: deal.id, ...time, placeType: 'computing_center', hostIds: [other.id] },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.errors[0].field).toBe('placeId');
    const cancelled = await t.request('POST', `/api/v1/site-visits/${first.body.id}/cancel`, {
      token: promoter1,
      headers: { 'if-match': '"1"' },
      body: { reason: '客户改期' },
    });
    expect(cancelled.body.status).toBe('cancelled');
    const rebooked = await t.request('POST', '/api/v1/site-visits', {
      token: promoter1,
      body: { dealId: deal.id, ...time, placeType: 'computing_center', hostIds: [promoter1Id] },
    });
    expect(rebooked.status).toBe(201);
    const again = await t.request('POST', `/api/v1/site-visits/${first.body.id}/complete`, {
      token: promoter1,
      headers: { 'if-match': '"2"' },
      body: { interest: 3 },
    });
    expect(again.body.code).toBe('VISIT_NOT_SCHEDULED');
  });

  it('keeps a retired stage’s history, refuses to delete it, and refuses moves into it', async () => {
    const pipelineId =
      stages.length &&
      (await t.request('GET', `/api/v1/stages/${stage('first_contact')}`, { token: admin })).body
        .pipelineId;
    const created = await t.request('POST', `/api/v1/pipelines/${pipelineId}/stages`, {
      token: admin,
      body: {
        name: '技术验证',
        nameEn: 'Technical validation',
        position: 3,
        probability: 30,
        slaDays: 10,
      },
    });
    expect(created.status).toBe(201);
    const order = (
      await t.request('GET', `/api/v1/pipelines/${pipelineId}/stages`, { token: admin })
    ).body.map((s: { name: string }) => s.name);
    expect(order.slice(0, 4)).toEqual(['初步接洽', '需求确认', '技术验证', '实地考察']);
    const { deal } = await convert();
    const into = await move(deal, deal.version, created.body.id);
    await move(deal, into.body.version, stage('site_visit'));
    const retired = await t.request('PATCH', `/api/v1/stages/${created.body.id}`, {
      token: admin,
      headers: { 'if-match': `"${created.body.version}"` },
      body: { retired: true },
    });
    expect(retired.body.retiredAt).not.toBeNull();
    const remove = await t.request('DELETE', `/api/v1/stages/${created.body.id}`, {
      token: admin,
      headers: { 'if-match': `"${retired.body.version}"` },
    });
    expect(remove.status).toBe(409);
    expect(remove.body.code).toBe('STAGE_IN_USE');
    const history = (
      await t.request('GET', `/api/v1/deals/${deal.id}/history`, { token: promoter1 })
    ).body;
    expect(history.map((h: { toStageName: string }) => h.toStageName)).toContain('技术验证');
    const { deal: another } = await convert();
    expect((await move(another, another.version, created.body.id)).body.code).toBe('STAGE_RETIRED');
    expect(
      (
        await t.request('PATCH', `/api/v1/stages/${created.body.id}`, {
          token: promoter1,
          headers: { 'if-match': '"1"' },
          body: { name: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('answers the board with the same number of SQL queries for 10 and for 1,000 deals', async () => {
    const pipeline = await t.request('POST', '/api/v1/pipelines', {
      token: admin,
      body: { name: '容量测试', nameEn: 'Load test' },
    });
    const first = await t.request('POST', `/api/v1/pipelines/${pipeline.body.id}/stages`, {
      token: admin,
      body: { name: '甲', nameEn: 'A', probability: 10 },
    });
    const second = await t.request('POST', `/api/v1/pipelines/${pipeline.body.id}/stages`, {
      token: admin,
      body: { name: '乙', nameEn: 'B', probability: 50 },
    });
    const { lead } = await convert();
    const addDeals = (n: number) =>
      t.db.query(
        `INSERT INTO deals (title, company_id, pipeline_id, stage_id, owner_id, expected_investment)
         SELECT 'deal ' || g, $1, $2, CASE WHEN g % 3 = 0 THEN $4::uuid ELSE $3::uuid END, $5, 1000000 FROM generate_series(1, $6) g`,
        [lead.companyId, pipeline.body.id, first.body.id, second.body.id, promoter1Id, n],
      );
    const queriesFor = async () => {
      let count = 0;
      const original = PostgresQueryRunner.prototype.query;
      PostgresQueryRunner.prototype.query = function (
        this: PostgresQueryRunner,
        ...args: Parameters<typeof original>
      ) {
        // The guard's session check, made once per SESSION_CHECK_TTL_MS, is not the board's.
        if (!String(args[0]).includes('auth_sessions')) count++;
        return original.apply(this, args);
      } as typeof original;
      try {
        const board = await t.request(
          'GET',
          `/api/v1/deals/board?pipelineId=${pipeline.body.id}&cards=20`,
          { token: manager },
        );
        expect(board.status).toBe(200);
        return { count, board: board.body };
      } finally {
        PostgresQueryRunner.prototype.query = original;
      }
    };
    await addDeals(10);
    const small = await queriesFor();
    await addDeals(990);
    const large = await queriesFor();
    expect(large.count).toBe(small.count);
    // The board's own, and its cache's when it computes it (its check, a transaction with a
    // lock, the snapshot, the store): a constant, whatever the deals.
    expect(small.count).toBeLessThanOrEqual(11);
    expect(
      large.board.columns.map((c: { count: number; cards: unknown[] }) => [
        c.count,
        c.cards.length,
      ]),
    ).toEqual([
      [667, 20],
      [333, 20],
    ]);
    expect(large.board.columns[0].expectedInvestment).toBe('667000000.00');
    expect(large.board.columns[0]).toMatchObject({ name: '甲', probability: 10, slaDays: null });
    // A card is what the board shows and a move needs, each field as the deal by id has it.
    const card = large.board.columns[1].cards[0];
    const deal = (await t.request('GET', `/api/v1/deals/${card.id}`, { token: manager })).body;
    const cardFields = [
      'id',
      'title',
      'companyId',
      'companyName',
      'stageId',
      'ownerId',
      'expectedInvestment',
      'stageEnteredAt',
      'version',
      'updatedAt',
    ];
    expect(card).toStrictEqual(Object.fromEntries(cardFields.map((key) => [key, deal[key]])));
    expect(card).toMatchObject({ stageId: second.body.id, expectedInvestment: '1000000.00' });
  });

  it('notifies each SLA breach exactly once however often the job runs', async () => {
    const { deal } = await convert();
    const assignee = await newUser(t, 'promoter');
    await t.request('POST', '/api/v1/tasks', {
      token: promoter1,
      body: {
        title: '回访',
        dueAt: '2020-01-01T00:00:00Z',
        assigneeId: assignee.id,
        dealId: deal.id,
      },
    });
    await t.db.query(
      `UPDATE deals SET stage_entered_at = now() - interval '15 days' WHERE id = $1`,
      [deal.id],
    );
    const sla = t.app.get(SlaJob);
    await sla.scan();
    await sla.scan();
    const breaches = async (token: string, kind: string, entityId?: string) =>
      (await t.request('GET', '/api/v1/notifications?limit=200', { token })).body.data.filter(
        (n: { kind: string; entityId: string }) =>
          n.kind === kind && (!entityId || n.entityId === entityId),
      ).length;
    expect(await breaches(promoter1, 'deal.sla_breached', deal.id)).toBe(1);
    expect(await breaches(manager, 'deal.sla_breached', deal.id)).toBe(1);
    expect(await breaches(assignee.token, 'task.overdue')).toBe(1);
    const inbox = (
      await t.request('GET', '/api/v1/notifications?limit=200', { token: assignee.token })
    ).body.data;
    // Clients name what a notification is about from data.subject, not by parsing the title.
    expect(inbox.find((n: { kind: string }) => n.kind === 'task.assigned').data).toEqual({
      subject: '回访',
    });
    expect(inbox.find((n: { kind: string }) => n.kind === 'task.overdue').data).toEqual({
      subject: '回访',
    });
    // Re-entering the stage later is a new breach of its own.
    await t.db.query(
      `UPDATE deals SET stage_entered_at = now() - interval '20 days' WHERE id = $1`,
      [deal.id],
    );
    await sla.scan();
    expect(await breaches(promoter1, 'deal.sla_breached', deal.id)).toBe(2);
  });
});
