import { Workbook, type CellValue } from 'exceljs';
import { parseCsv } from '../src/common/csv/csv';
import { newUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Reports on a hand-built data set: one promoter's deals in 2025 (before any demo data), with
 * stage moves at chosen Beijing times. Every expected figure is worked out here from the data.
 */
describe('reports', () => {
  let t: TestApp;
  let manager: string;
  let promoter: { id: string; token: string };
  let other: { id: string; token: string };
  const stage: Record<string, string> = {};
  const deal: Record<string, string> = {};
  const company: Record<string, string> = {};
  const lead: Record<string, string> = {};
  const bj = (local: string) => `${local}+08:00`;

  const sql = (text: string, params: unknown[] = []) => t.db.query(text, params);
  const insertCompany = async (key: string, name = `报表测试${key}科技有限公司`) => {
    const { rows } = await sql(
      `INSERT INTO companies (name, normalized_name, ai_segment, status, owner_id) VALUES ($1, $1, 'foundation_models', 'prospect', $2) RETURNING id`,
      [name, promoter.id],
    );
    company[key] = rows[0].id;
  };
  const insertLead = async (
    key: string,
    companyKey: string,
    source: string,
    status: string,
    createdAt: string,
    convertedAt?: string,
  ) => {
    const { rows } = await sql(
      `INSERT INTO leads (company_id, source, status, owner_id, created_at, converted_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        company[companyKey],
        source,
        status,
        promoter.id,
        bj(createdAt),
        convertedAt ? bj(convertedAt) : null,
      ],
    );
    lead[key] = rows[0].id;
  };
  /** A deal walked through `moves` ([stage code, Beijing time]); it sits in the last one. */
  const insertDeal = async (
    key: string,
    moves: [string, string][],
    values: {
      investment: string;
      area: string;
      compute: number;
      moveIn?: string;
      leadKey?: string;
    },
  ) => {
    const last = moves[moves.length - 1];
    const { rows } = await sql(
      `INSERT INTO deals (title, company_id, lead_id, pipeline_id, stage_id, owner_id, expected_investment, expected_area,
                          expected_compute_card_hours, target_move_in_date, stage_entered_at, created_at, closed_at)
       SELECT $1, $2, $3, pipeline_id, id, $4, $5, $6, $7, $8, $9, $10, CASE WHEN kind <> 'open' THEN $9::timestamptz END
         FROM stages WHERE id = $11 RETURNING id`,
      [
        `报表测试项目 ${key}`,
        company[key],
        values.leadKey ? lead[values.leadKey] : null,
        promoter.id,
        values.investment,
        values.area,
        values.compute,
        values.moveIn ?? null,
        bj(last[1]),
        bj(moves[0][1]),
        stage[last[0]],
      ],
    );
    deal[key] = rows[0].id;
    let from: string | null = null;
    for (const [code, at] of moves) {
      await sql(
        `INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, moved_by_id, moved_at) VALUES ($1, $2, $3, $4, $5)`,
        [deal[key], from, stage[code], promoter.id, bj(at)],
      );
      from = stage[code];
    }
  };
  const visit = async (dealKey: string, startsAt: string, status: string) => {
    const { rows } = await sql(
      `INSERT INTO site_visits (deal_id, starts_at, ends_at, place_type, place_label, status)
       VALUES ($1, $2, $2::timestamptz + interval '1 hour', 'computing_center', '昇腾计算中心', $3) RETURNING id, starts_at, ends_at`,
      [deal[dealKey], bj(startsAt), status],
    );
    await sql(
      `INSERT INTO site_visit_hosts (visit_id, user_id, starts_at, ends_at, active) VALUES ($1, $2, $3, $4, $5)`,
      [rows[0].id, promoter.id, rows[0].starts_at, rows[0].ends_at, status !== 'cancelled'],
    );
  };
  const get = async (path: string, token = manager) => {
    const response = await t.request('GET', `/api/v1/reports/${path}`, { token });
    expect(response.status).toBe(200);
    return response.body;
  };
  const Q3 = 'from=2025-07-01&to=2025-10-01';

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.tokenFor('manager');
    promoter = await newUser(t, 'promoter');
    other = await newUser(t, 'promoter');
    const { rows } = await sql(
      `SELECT s.code, s.id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id WHERE p.is_default`,
    );
    for (const row of rows) stage[row.code] = row.id;
    for (const key of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6']) await insertCompany(key);
    await insertCompany('X', '=HYPERLINK("http://evil.example","点我")');
    await insertLead(
      'L1',
      'D1',
      'zgc_referral',
      'converted',
      '2025-06-20T10:00:00',
      '2025-07-02T10:00:00',
    );
    await insertLead('L2', 'D2', 'zgc_referral', 'qualified', '2025-07-04T09:00:00');
    await insertLead('L3', 'D4', 'huawei_ecosystem', 'disqualified', '2025-07-03T09:00:00');
    await insertLead('L4', 'D6', 'huawei_ecosystem', 'new', '2025-10-01T00:05:00');
    // D1 walks to Signed inside Q3; D3 entered First contact at 23:30 on 30 June (Beijing) and
    // Needs at 00:10 on 1 July: only the second move is in Q3. D6's first move is five minutes
    // into Q4 in Beijing (still 30 September in UTC).
    await insertDeal(
      'D1',
      [
        ['first_contact', '2025-07-02T10:00:00'],
        ['needs_confirmed', '2025-07-10T10:00:00'],
        ['site_visit', '2025-07-20T10:00:00'],
        ['negotiation', '2025-08-01T10:00:00'],
        ['signed', '2025-08-15T10:00:00'],
      ],
      {
        investment: '10000000.00',
        area: '500.00',
        compute: 1000,
        moveIn: '2026-05-10',
        leadKey: 'L1',
      },
    );
    await insertDeal(
      'D2',
      [
        ['first_contact', '2025-07-05T10:00:00'],
        ['needs_confirmed', '2025-07-25T10:00:00'],
      ],
      { investment: '2000000.00', area: '200.00', compute: 0, moveIn: '2026-03-15', leadKey: 'L2' },
    );
    await insertDeal(
      'D3',
      [
        ['first_contact', '2025-06-30T23:30:00'],
        ['needs_confirmed', '2025-07-01T00:10:00'],
      ],
      { investment: '1000000.00', area: '100.00', compute: 50, moveIn: '2026-03-01' },
    );
    await insertDeal(
      'D4',
      [
        ['first_contact', '2025-07-03T10:00:00'],
        ['lost', '2025-07-20T10:00:00'],
      ],
      { investment: '3000000.00', area: '300.00', compute: 0, leadKey: 'L3' },
    );
    await insertDeal('D5', [['first_contact', '2025-09-30T23:59:00']], {
      investment: '500000.00',
      area: '50.00',
      compute: 0,
    });
    await insertDeal('D6', [['first_contact', '2025-10-01T00:05:00']], {
      investment: '700000.00',
      area: '70.00',
      compute: 0,
      leadKey: 'L4',
    });
    await visit('D1', '2025-07-18T10:00:00', 'completed');
    await visit('D2', '2025-07-22T10:00:00', 'no_show');
    await visit('D3', '2025-07-23T10:00:00', 'cancelled');
    await visit('D2', '2025-07-29T15:00:00', 'completed');
    await sql(
      `INSERT INTO tasks (title, due_at, assignee_id, status) VALUES ('跟进', now() - interval '1 day', $1, 'open'),
              ('已完成', now() - interval '2 days', $1, 'done'), ('未到期', now() + interval '2 days', $1, 'open')`,
      [promoter.id],
    );
    const account = await sql(
      `INSERT INTO compute_accounts (company_id, region, status, external_id) VALUES ($1, '北京市门头沟区', 'active', 'acc_report_x') RETURNING id`,
      [company.X],
    );
    await sql(
      `INSERT INTO compute_allocations (account_id, kind, unit, amount, remaining, resource_types, valid_from, valid_until, on_exhaustion, program_ref, status, external_id)
       VALUES ($1, 'subsidy_voucher', 'card_hour', 100, 69.50, '{ascend-910b}', '2025-07-01', '2026-06-30', 'notify', 'p', 'active', 'alc_report_x')`,
      [account.rows[0].id],
    );
    await sql(
      `INSERT INTO compute_usage (account_id, day, resource_type, allocation_ref, card_hours, final) VALUES
         ($1, '2025-07-15', 'ascend-910b', 'alc_report_x', 10.50, true), ($1, '2025-08-03', 'ascend-910b', 'alc_report_x', 20.00, true),
         ($1, '2025-10-01', 'ascend-910b', 'alc_report_x', 5.00, true)`,
      [account.rows[0].id],
    );
  });
  afterAll(() => t.close());

  it('counts the funnel by the furthest stage each deal reached in the period, with conversions and value', async () => {
    const report = await get(`funnel?${Q3}&ownerId=${promoter.id}`);
    const byCode = Object.fromEntries(report.stages.map((s: any) => [s.code, s]));
    // Furthest stage entered in Q3: D1 Signed, D2 and D3 Needs, D4 and D5 First contact (D4 then lost).
    expect(report.stages.map((s: any) => [s.code, s.reached])).toEqual([
      ['first_contact', 5],
      ['needs_confirmed', 3],
      ['site_visit', 1],
      ['negotiation', 1],
      ['signed', 1],
      ['onboarding', 0],
      ['tenant', 0],
      ['lost', 1],
    ]);
    expect(byCode.first_contact.conversionToNext).toBe(0.6);
    expect(byCode.needs_confirmed.conversionToNext).toBe(0.3333);
    expect(byCode.signed.conversionToNext).toBe(0);
    expect(byCode.onboarding.conversionToNext).toBeNull();
    expect(byCode.needs_confirmed.conversionFromFirst).toBe(0.6);
    expect(byCode.signed.conversionFromFirst).toBe(0.2);
    expect(byCode.lost.conversionFromFirst).toBeNull();
    // 10,000,000 + 2,000,000 + 1,000,000 + 3,000,000 + 500,000
    expect(byCode.first_contact).toMatchObject({
      expectedInvestment: '16500000.00',
      expectedArea: '1150.00',
      expectedComputeCardHours: 1050,
    });
    expect(byCode.needs_confirmed).toMatchObject({
      expectedInvestment: '13000000.00',
      expectedArea: '800.00',
    });

    // Beijing midnight is the boundary: D6 (00:05 on 1 October) is Q4's, D3's first move Q2's.
    const q4 = await get(`funnel?year=2025&quarter=4&ownerId=${promoter.id}`);
    expect(q4.stages[0]).toMatchObject({ code: 'first_contact', reached: 1 });
    const june = await get(`funnel?year=2025&month=6&ownerId=${promoter.id}`);
    expect(june.stages[0].reached).toBe(1);
    expect(june.stages[1].reached).toBe(0);
    // A filter: deals whose lead came from a Zhongguancun Group referral (D1, D2).
    const zgc = await get(`funnel?${Q3}&ownerId=${promoter.id}&source=zgc_referral`);
    expect(zgc.stages.slice(0, 2).map((s: any) => s.reached)).toEqual([2, 2]);
  });

  it('measures days in each stage and cycle times', async () => {
    const report = await get(`velocity?${Q3}&ownerId=${promoter.id}`);
    const byCode = Object.fromEntries(report.stages.map((s: any) => [s.code, s]));
    // First-contact stays that ended in Q3: D3 40 minutes, D1 8 days, D4 17 days, D2 20 days.
    // Median (8 + 17) / 2 = 12.5; p90 at rank 0.9 × 3 = 2.7: 17 + 0.7 × (20 − 17) = 19.1.
    expect(byCode.first_contact).toMatchObject({ stays: 4, medianDays: 12.5, p90Days: 19.1 });
    expect(byCode.needs_confirmed).toMatchObject({ stays: 1, medianDays: 10, p90Days: 10 });
    expect(byCode.negotiation).toMatchObject({ stays: 1, medianDays: 14 });
    // Open now and over the stage's SLA (21 days in Needs; these deals entered it in 2025).
    expect(byCode.needs_confirmed).toMatchObject({ openNow: 2, overSlaNow: 2 });
    expect(byCode.signed).toMatchObject({ openNow: 1, overSlaNow: 1 });
    // D1: lead created 20 June 10:00, signed 15 August 10:00: 56 days.
    expect(report.cycleTimes).toEqual([
      { to: 'signed', deals: 1, medianDays: 56, p90Days: 56 },
      { to: 'tenant', deals: 0, medianDays: null, p90Days: null },
    ]);
  });

  it('forecasts signings and move-ins weighted by stage probability', async () => {
    const report = await get(`forecast?year=2026&ownerId=${promoter.id}`);
    // March 2026: D2 and D3 in Needs (20%); May: D1 in Signed (90%, already signed).
    expect(report.buckets).toEqual([
      {
        periodStart: '2026-03-01',
        deals: 2,
        weightedSignings: 0.4,
        weightedMoveIns: 0.4,
        weightedArea: '60.00',
        weightedComputeCardHours: '10.00',
        weightedInvestment: '600000.00',
      },
      {
        periodStart: '2026-05-01',
        deals: 1,
        weightedSignings: 0,
        weightedMoveIns: 0.9,
        weightedArea: '450.00',
        weightedComputeCardHours: '900.00',
        weightedInvestment: '9000000.00',
      },
    ]);
    const quarters = await get(`forecast?year=2026&ownerId=${promoter.id}&granularity=quarter`);
    expect(quarters.buckets.map((b: any) => [b.periodStart, b.deals, b.weightedMoveIns])).toEqual([
      ['2026-01-01', 2, 0.4],
      ['2026-04-01', 1, 0.9],
    ]);
  });

  it('reports sources, site visits and the team', async () => {
    const sources = await get(`sources?${Q3}&ownerId=${promoter.id}`);
    const bySource = Object.fromEntries(sources.rows.map((r: any) => [r.source, r]));
    expect(bySource.zgc_referral).toEqual({
      source: 'zgc_referral',
      leads: 1,
      qualified: 1,
      converted: 0,
      disqualified: 0,
      conversionRate: 0,
      signed: 0,
    });
    expect(bySource.huawei_ecosystem).toMatchObject({
      leads: 1,
      disqualified: 1,
      conversionRate: 0,
    });
    expect(bySource.event).toMatchObject({ leads: 0, conversionRate: null });
    const sinceJune = await get(`sources?from=2025-06-01&to=2025-10-01&ownerId=${promoter.id}`);
    expect(sinceJune.rows.find((r: any) => r.source === 'zgc_referral')).toMatchObject({
      leads: 2,
      qualified: 2,
      converted: 1,
      conversionRate: 0.5,
      signed: 1,
    });

    const visits = await get(`site-visits?${Q3}&ownerId=${promoter.id}`);
    expect(visits.summary).toEqual({
      visits: 4,
      completed: 2,
      noShows: 1,
      cancelled: 1,
      scheduled: 0,
      completionRate: 0.6667,
      noShowRate: 0.3333,
      visitedDeals: 2,
      visitedDealsSigned: 1,
      visitedToSignedRate: 0.5,
    });
    // Weeks start on Monday, Beijing time: 18 July is in the week of the 14th.
    expect(
      visits.weeks.map((w: any) => [w.weekStart, w.visits, w.completed, w.noShows, w.cancelled]),
    ).toEqual([
      ['2025-07-14', 1, 1, 0, 0],
      ['2025-07-21', 2, 0, 1, 1],
      ['2025-07-28', 1, 1, 0, 0],
    ]);
    // By host and place: the period's counts, and the same week by week, aligned with the weeks.
    expect(visits.hosts.length).toBeGreaterThan(0);
    for (const host of visits.hosts) {
      for (const key of ['visits', 'completed', 'noShows', 'cancelled'])
        expect(host.weekly[key].reduce((a: number, b: number) => a + b, 0)).toBe(host[key]);
      expect(host.weekly.visits).toHaveLength(visits.weeks.length);
    }
    visits.weeks.forEach((week: any, i: number) =>
      expect(visits.hosts.reduce((sum: number, h: any) => sum + h.weekly.visits[i], 0)).toBe(
        week.visits,
      ),
    );
    const csv = await t.request('GET', `/api/v1/reports/site-visits?${Q3}&ownerId=${promoter.id}`, {
      token: manager,
      headers: { accept: 'text/csv' },
    });
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('week_start,host,place_type,place,visits,completed,no_shows,cancelled');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
      '2025-07-14',
      '2025-07-21',
      '2025-07-28',
    ]);

    // Leads: L2, L3 created in Q3; visits: two completed; moves: 5 + 2 + 1 + 2 + 1 in Q3.
    const team = await get(`team?${Q3}`);
    expect(team.rows.find((r: any) => r.userId === promoter.id)).toMatchObject({
      leads: 2,
      visits: 2,
      stageMoves: 11,
      signings: 1,
      overdueTasks: 1,
    });
    const own = await get(`team?${Q3}`, promoter.token);
    expect(own.rows).toEqual([expect.objectContaining({ userId: promoter.id, stageMoves: 11 })]);
    expect(
      (
        await t.request('GET', `/api/v1/reports/team?${Q3}&ownerId=${promoter.id}`, {
          token: other.token,
        })
      ).status,
    ).toBe(403);
    const mine = await get(`team?${Q3}`, other.token);
    expect(mine.rows).toEqual([
      expect.objectContaining({ userId: other.id, leads: 0, stageMoves: 0 }),
    ]);
  });

  it('shows each target’s progress and the pace needed, and seeds the park’s published goals', async () => {
    const admin = await t.tokenFor('admin');
    const created = await t.request('POST', '/api/v1/targets', {
      token: admin,
      body: {
        name: '2025年第三季度签约 4 家',
        metric: 'enterprises_signed',
        value: '4',
        periodStart: '2025-07-01',
        periodEnd: '2025-10-01',
      },
    });
    expect(created.status).toBe(201);
    const usage = await t.request('POST', '/api/v1/targets', {
      token: admin,
      body: {
        name: '一年用算力 1000 卡时',
        metric: 'card_hours_used',
        value: '1000',
        periodStart: '2025-07-01',
        periodEnd: '2026-07-01',
      },
    });
    expect(
      (await t.request('POST', '/api/v1/targets', { token: manager, body: usage.body })).status,
    ).toBe(403);
    const bad = await t.request('POST', '/api/v1/targets', {
      token: admin,
      body: {
        name: '倒置',
        metric: 'tenants',
        value: '1',
        periodStart: '2026-01-01',
        periodEnd: '2025-01-01',
      },
    });
    expect(bad.status).toBe(400);

    const report = await get('targets?from=2025-01-01&to=2026-12-31');
    const byName = Object.fromEntries(report.targets.map((r: any) => [r.name, r]));
    // D1 is the only firm signed in Q3 2025 (the demo signs its firms now, in 2026).
    expect(byName['2025年第三季度签约 4 家']).toMatchObject({
      actual: '1.00',
      progress: 0.25,
      met: false,
      elapsed: 1,
      neededPerMonth: null,
      onTrack: false,
    });
    // Card-hours used from July 2025: 10.5 + 20 + 5 = 35.5, with the period long over by now.
    expect(byName['一年用算力 1000 卡时']).toMatchObject({
      actual: '35.50',
      progress: 0.0355,
      met: false,
    });

    const published = await get('targets');
    expect(
      published.targets.map((r: any) => [
        r.metric,
        r.comparison,
        r.value,
        r.periodStart,
        r.periodEnd,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['enterprises_signed', 'at_least', '100.00', '2023-01-01', '2024-01-01'],
        ['listed_companies', 'more_than', '4.00', '2023-01-01', '2031-01-01'],
        ['ai_revenue', 'at_least', '40000000000.00', '2030-01-01', '2031-01-01'],
      ]),
    );
    // "More than 4 listed by 2030": none listed yet, so 5 are needed over the months left.
    const listed = published.targets.find((r: any) => r.metric === 'listed_companies');
    const monthsLeft =
      (Date.parse('2031-01-01T00:00:00+08:00') - Date.now()) / (30.4375 * 86_400_000);
    expect(listed).toMatchObject({ actual: '0.00', met: false, onTrack: false });
    expect(Number(listed.neededPerMonth)).toBeCloseTo(5 / monthsLeft, 2);
  });

  it('sums compute usage by tenant and month, subsidy allocated against consumed', async () => {
    const report = await get(`compute-usage?${Q3}`);
    const months: { month: string; cardHours: string; accounts: number }[] = report.months;
    const tenants: { companyId: string; monthly: string[] }[] = report.tenants;
    const x = report.tenants.find((r: any) => r.companyId === company.X);
    expect(x).toMatchObject({
      subsidyAllocated: '100.00',
      subsidyConsumed: '30.50',
      subsidyRemaining: '69.50',
      usedInPeriod: '30.50',
    });
    // Each tenant's figures are aligned with the months; the park's month adds them up.
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());
    const ofX = Object.fromEntries(months.map((m, i) => [m.month, x.monthly[i]]));
    expect(ofX['2025-07']).toBe('10.50');
    expect(ofX['2025-08']).toBe('20.00');
    expect(Object.keys(ofX).filter((month) => Number(ofX[month]) > 0)).toEqual([
      '2025-07',
      '2025-08',
    ]);
    months.forEach((month, i) => {
      const used = tenants.map((t) => Number(t.monthly[i])).filter((hours) => hours > 0);
      expect(Number(month.cardHours)).toBeCloseTo(
        used.reduce((a, b) => a + b, 0),
        2,
      );
      expect(month.accounts).toBe(used.length);
    });
    for (const tenant of tenants) expect(tenant.monthly).toHaveLength(months.length);
  });

  it('answers CSV with Accept: text/csv or ?format=csv, with a BOM, the right columns and neutralised formulas', async () => {
    const funnel = await t.request('GET', `/api/v1/reports/funnel?${Q3}&ownerId=${promoter.id}`, {
      token: manager,
      headers: { accept: 'text/csv' },
    });
    expect(funnel.status).toBe(200);
    expect(funnel.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(funnel.headers.get('content-disposition')).toContain('funnel-2025-07-01.csv');
    // fetch's text() drops a BOM: read the bytes.
    const raw = await fetch(`${t.baseUrl}/api/v1/reports/funnel?${Q3}&format=csv`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect([...Buffer.from(await raw.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = funnel.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'stage,name,reached,conversion_to_next,conversion_from_first,expected_investment_yuan,expected_area_m2,expected_compute_card_hours',
    );
    expect(lines).toHaveLength(9);
    expect(lines[1]).toBe('first_contact,初步接洽,5,0.6,1,16500000.00,1150.00,1050');
    const usage = await t.request('GET', `/api/v1/reports/compute-usage?${Q3}&format=csv`, {
      token: manager,
    });
    expect(usage.text.split('\r\n')[0]).toBe('company,month,card_hours');
    expect(usage.text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")",2025-07,10.50`);
  });

  it('answers every report as an XLSX worksheet with the CSV’s header and rows', async () => {
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const bytes = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${t.baseUrl}/api/v1/reports/${path}`, {
        headers: { authorization: `Bearer ${manager}`, ...headers },
      });
      expect(response.status).toBe(200);
      return { response, body: Buffer.from(await response.arrayBuffer()) };
    };
    /** A cell as the CSV writes it: numbers compared as numbers (16500000.00 is 16500000). */
    const same = (xlsx: CellValue, csv: string) =>
      typeof xlsx === 'number'
        ? Number(csv) === xlsx
        : // The CSV's apostrophe before a formula-like text is an escape a text cell needs not.
          [csv, csv.replace(/^'(?=[=+\-@\t\r])/, '')].includes(
            typeof xlsx === 'string' || typeof xlsx === 'boolean'
              ? `${xlsx}`
              : xlsx === null
                ? ''
                : '?',
          );
    const reports = [
      'funnel',
      'velocity',
      'forecast',
      'sources',
      'site-visits',
      'team',
      'targets',
      'compute-usage',
    ];
    const withRows: string[] = [];
    for (const report of reports) {
      const query = report === 'targets' ? 'from=2025-01-01&to=2026-12-31' : Q3;
      const csv = parseCsv(
        (await bytes(`${report}?${query}&format=csv`)).body.subarray(3).toString('utf8'),
      );
      // By Accept for the funnel, by ?format= for the rest.
      const { response, body } =
        report === 'funnel'
          ? await bytes(`${report}?${query}`, { accept: XLSX })
          : await bytes(`${report}?${query}&format=xlsx`);
      expect(response.headers.get('content-type')).toBe(XLSX);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${report}-${query.slice(5, 15)}.xlsx"`,
      );
      const book = new Workbook();
      await book.xlsx.load(body as unknown as ArrayBuffer);
      expect(book.worksheets).toHaveLength(1);
      const sheet = book.worksheets[0];
      const row = (n: number) =>
        Array.from({ length: csv[0].length }, (_, c) => sheet.getRow(n).getCell(c + 1).value);
      expect([report, row(1)]).toEqual([report, csv[0]]);
      expect([report, sheet.actualRowCount]).toEqual([report, csv.length]);
      if (csv.length > 1) withRows.push(report);
      for (const n of csv.length > 1 ? [2, csv.length] : []) {
        const cells = row(n);
        const mismatched = csv[n - 1].filter((value, c) => !same(cells[c], value));
        expect([report, n, mismatched]).toEqual([report, n, []]);
      }
    }
    expect(withRows).toEqual(
      expect.arrayContaining(['funnel', 'velocity', 'targets', 'compute-usage']),
    );
    // Decimal strings are numbers in the sheet, shown with their decimals.
    const funnel = new Workbook();
    await funnel.xlsx.load(
      (await bytes(`funnel?${Q3}&format=xlsx`)).body as unknown as ArrayBuffer,
    );
    const investment = funnel.worksheets[0].getRow(2).getCell(6);
    expect(investment.value).toBe(16500000);
    expect(investment.numFmt).toBe('#,##0.00');
    // A formula-like name stays text (never a formula cell).
    const usage = new Workbook();
    await usage.xlsx.load(
      (await bytes(`compute-usage?${Q3}&format=xlsx`)).body as unknown as ArrayBuffer,
    );
    const names = usage.worksheets[0].getColumn(1).values;
    expect(names).toContain('=HYPERLINK("http://evil.example","点我")');
    expect(
      (await t.request('GET', `/api/v1/reports/funnel?${Q3}&format=pdf`, { token: manager }))
        .status,
    ).toBe(400);
  });

  it('refuses bad periods and filters with 400, and needs a login', async () => {
    for (const query of [
      'from=2025-07-01',
      'from=2025-07-01&to=2025-06-01',
      'year=2025&quarter=5',
      'month=3',
      'year=2025&quarter=1&month=2',
      'ownerId=nope',
      'source=radio',
      'from=2025-02-30&to=2025-03-01&year=2025',
    ])
      expect([
        query,
        (await t.request('GET', `/api/v1/reports/funnel?${query}`, { token: manager })).status,
      ]).toEqual([query, 400]);
    expect((await t.request('GET', '/api/v1/reports/funnel')).status).toBe(401);
  });

  it('gives the dashboard its headline figures in one call', async () => {
    const overview = await get('overview', await t.tokenFor('viewer'));
    expect(overview).toMatchObject({
      openDeals: expect.any(Number),
      weightedPipelineInvestment: expect.stringMatching(/^\d+\.\d{2}$/),
      overdueTasks: expect.any(Number),
      targets: expect.arrayContaining([expect.objectContaining({ metric: 'listed_companies' })]),
    });
    const { rows } = await sql(
      `SELECT count(*)::int AS n FROM tasks WHERE status = 'open' AND deleted_at IS NULL AND due_at < now()`,
    );
    expect(overview.overdueTasks).toBe(rows[0].n);
  });
});
