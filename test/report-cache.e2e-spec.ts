import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  REPORT_CACHE_PRUNE_QUEUE,
  ReportCacheService,
} from '../src/common/report-cache/report-cache.service';
import { JobsService } from '../src/jobs/jobs.service';
import { type Statement, statementRecorder } from './support/statement-recorder';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Reports are served from report_cache while nothing they read has changed: every write to a
 * table a report read (through the API, or straight in SQL) makes the next call compute afresh.
 */
let t: TestApp;
let manager: string;
const period = 'from=2020-01-01&to=2030-01-01';

const funnel = async () => {
  const response = await t.request('GET', `/api/v1/reports/funnel?${period}`, { token: manager });
  expect(response.status).toBe(200);
  return response.body as { stages: { code: string; reached: number }[] };
};
const reached = (report: Awaited<ReturnType<typeof funnel>>, code: string) =>
  report.stages.find((s) => s.code === code)!.reached;
const entries = async (report: string) =>
  (
    await t.db.query<{ computed_at: Date; tables: string[] }>(
      `SELECT computed_at, tables FROM report_cache WHERE key LIKE $1`,
      [`${report}:%`],
    )
  ).rows;
/** The funnel's own statement runs (the cache's reads and the guard's left out). */
const funnelComputations = async (work: () => Promise<unknown>) => {
  const recorder = statementRecorder(t.app.get(DataSource));
  try {
    const statements = await recorder.during(work);
    return statements.filter((s) => s.sql.includes('per_deal AS')).length;
  } finally {
    recorder.restore();
  }
};
/** A new deal of the demo's first promoter, in the default pipeline's first stage. */
const newDeal = async () => {
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO deals (title, company_id, pipeline_id, stage_id, owner_id, stage_entered_at)
     SELECT 'cache test', c.id, p.id, s.id, c.owner_id, now()
       FROM companies c, pipelines p JOIN stages s ON s.pipeline_id = p.id AND s.position = 1
      WHERE p.is_default AND c.owner_id IS NOT NULL ORDER BY c.created_at LIMIT 1
     RETURNING id`,
  );
  return rows[0].id;
};

describe('report cache', () => {
  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.tokenFor('manager');
  });
  afterAll(() => t.close());

  it('computes a report once, then serves it until a table it read changes', async () => {
    expect(await funnelComputations(funnel)).toBe(1);
    const [entry] = await entries('funnel');
    expect(entry.tables).toEqual(expect.arrayContaining(['deal_stage_history', 'deals', 'stages']));
    const first = await funnel();
    expect(await funnelComputations(funnel)).toBe(0);
    expect((await entries('funnel'))[0].computed_at).toEqual(entry.computed_at);

    // A stage move through the API: the next call sees it.
    const dealId = await newDeal();
    const deal = await t.request('GET', `/api/v1/deals/${dealId}`, { token: manager });
    const stages = await t.request('GET', `/api/v1/pipelines/${deal.body.pipelineId}/stages`, {
      token: manager,
    });
    const second = stages.body.find((s: { position: number }) => s.position === 2);
    const owner = await t.db.query<{ email: string }>(
      'SELECT u.email FROM users u JOIN deals d ON d.owner_id = u.id WHERE d.id = $1',
      [dealId],
    );
    const login = await t.login(owner.rows[0].email);
    await t.db.query(
      `INSERT INTO deal_stage_history (deal_id, to_stage_id, moved_by_id) SELECT id, stage_id, owner_id FROM deals WHERE id = $1`,
      [dealId],
    );
    const afterInsert = await funnel();
    expect(reached(afterInsert, 'first_contact')).toBe(reached(first, 'first_contact') + 1);
    const moved = await t.request('POST', `/api/v1/deals/${dealId}/move`, {
      token: login.body.accessToken,
      headers: { 'if-match': `"${deal.body.version}"` },
      body: { stageId: second.id },
    });
    expect(moved.status).toBe(200);
    let afterMove = first;
    expect(await funnelComputations(async () => (afterMove = await funnel()))).toBe(1);
    expect(reached(afterMove, second.code)).toBe(reached(first, second.code) + 1);
  });

  it('sees a change made straight in SQL, once it commits, and not before', async () => {
    const dealId = await newDeal();
    const before = await funnel();
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO deal_stage_history (deal_id, to_stage_id, moved_by_id)
         SELECT id, stage_id, owner_id FROM deals WHERE id = $1`,
        [dealId],
      );
      // Uncommitted: the cached result is still what the database holds.
      expect(await funnelComputations(funnel)).toBe(0);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    let after = before;
    expect(await funnelComputations(async () => (after = await funnel()))).toBe(1);
    expect(reached(after, 'first_contact')).toBe(reached(before, 'first_contact') + 1);
  });

  it('computes again after REPORT_CACHE_TTL_SECONDS, whatever changed', async () => {
    await funnel();
    expect(await funnelComputations(funnel)).toBe(0);
    await t.db.query(`UPDATE report_cache SET computed_at = now() - interval '301 seconds'`);
    expect(await funnelComputations(funnel)).toBe(1);
  });

  it('has concurrent callers of a missing result wait for one computation', async () => {
    await t.db.query('DELETE FROM report_cache');
    const computations = await funnelComputations(() =>
      Promise.all(Array.from({ length: 8 }, () => funnel())),
    );
    expect(computations).toBe(1);
  });

  it('keeps no result that read a table the change trigger does not watch', async () => {
    await t.db.query('DROP TRIGGER report_change ON targets');
    try {
      const response = await t.request('GET', '/api/v1/reports/targets', { token: manager });
      expect(response.status).toBe(200);
      expect(await entries('targets')).toEqual([]);
      expect((await t.request('GET', '/api/v1/reports/targets', { token: manager })).body).toEqual(
        response.body,
      );
    } finally {
      await t.db.query(
        'CREATE TRIGGER report_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON targets FOR EACH STATEMENT EXECUTE FUNCTION note_report_change()',
      );
    }
    await t.request('GET', '/api/v1/reports/targets', { token: manager });
    expect(await entries('targets')).toHaveLength(1);
  });

  it('keys results by everything they depend on: period, filters, and a promoter’s own scope', async () => {
    await t.db.query('DELETE FROM report_cache');
    const promoter = await t.tokenFor('promoter1');
    const mine = await t.request('GET', `/api/v1/reports/team?${period}`, { token: promoter });
    const all = await t.request('GET', `/api/v1/reports/team?${period}`, { token: manager });
    expect(mine.body.rows.length).toBe(1);
    expect(all.body.rows.length).toBeGreaterThan(1);
    const quarter = await t.request('GET', '/api/v1/reports/funnel?year=2026&quarter=1', {
      token: manager,
    });
    const year = await t.request('GET', '/api/v1/reports/funnel?year=2026', { token: manager });
    expect(quarter.body.to).not.toBe(year.body.to);
    expect(await entries('team')).toHaveLength(2);
    expect(await entries('funnel')).toHaveLength(2);
  });

  it('reads a kept result from the database only when another computation replaced it', async () => {
    const first = await funnel();
    // The app holds the result it read; the database only confirms that it is still the one kept.
    await t.db.query(`UPDATE report_cache SET body = '{"stages": []}' WHERE key LIKE 'funnel:%'`);
    expect(await funnel()).toEqual(first);
    // Another instance kept a newer result: this one reads it.
    await t.db.query(
      `UPDATE report_cache SET computed_at = computed_at + interval '1 microsecond' WHERE key LIKE 'funnel:%'`,
    );
    expect((await funnel()).stages).toEqual([]);
    await t.db.query('DELETE FROM report_cache');
  });

  it('checks a kept result against the changes its snapshot missed, not every change kept', async () => {
    await funnel();
    // Changes kept from other tables and from transactions that ended before it was computed.
    await t.db.query(
      `INSERT INTO report_changes (table_name, xid, changed_at)
       SELECT 'other_' || i, '3'::xid8, now() FROM generate_series(1, 20000) i`,
    );
    const recorder = statementRecorder(t.app.get(DataSource));
    let check: Statement | undefined;
    try {
      const statements = await recorder.during(() => funnel());
      check = statements.find((s) => s.sql.includes('FROM report_changes'));
    } finally {
      recorder.restore();
    }
    if (!check) throw new Error('the funnel sent no check of its kept result');
    const [{ 'QUERY PLAN': plans }] = (
      await t.db.query<{ 'QUERY PLAN': { Plan: Record<string, number> }[] }>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${check.sql}`,
        check.params,
      )
    ).rows;
    const pages = plans[0].Plan['Shared Hit Blocks'] + plans[0].Plan['Shared Read Blocks'];
    expect(pages).toBeLessThan(50);
    await t.db.query(`DELETE FROM report_changes WHERE starts_with(table_name, 'other_')`);
  });

  it('prunes expired results and old changes', async () => {
    await funnel();
    await t.db.query(`UPDATE report_cache SET computed_at = now() - interval '1 day'`);
    await t.db.query(
      `UPDATE report_changes SET changed_at = now() - interval '3 days' WHERE table_name = 'deals'`,
    );
    await t.app.get(JobsService).runNow(REPORT_CACHE_PRUNE_QUEUE);
    expect((await t.db.query('SELECT count(*)::int AS n FROM report_cache')).rows[0].n).toBe(0);
    const left = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_changes WHERE changed_at < now() - interval '2 days'`,
    );
    expect(left.rows[0].n).toBe(0);
    expect(
      (await t.db.query('SELECT count(*)::int AS n FROM report_changes')).rows[0].n,
    ).toBeGreaterThan(0);
  });
});

/**
 * With REPORT_STALE_SECONDS, a result that a change made outdated is still served for that long,
 * marked so, while one call computes it again in the background: readers never wait for the
 * computation after a write, and see it as soon as the new result is kept.
 */
describe('report cache: outdated results served while computed again', () => {
  const computedAt = async () => (await entries('funnel'))[0]?.computed_at.getTime();

  beforeAll(async () => {
    t = await startTestApp({ REPORT_STALE_SECONDS: '60' });
    manager = await t.tokenFor('manager');
  });
  afterAll(() => t.close());

  const funnelResponse = () =>
    t.request('GET', `/api/v1/reports/funnel?${period}`, { token: manager });
  const moveIntoFirstStage = (dealId: string) =>
    t.db.query(
      `INSERT INTO deal_stage_history (deal_id, to_stage_id, moved_by_id)
       SELECT id, stage_id, owner_id FROM deals WHERE id = $1`,
      [dealId],
    );

  it('answers from the outdated result at once, marked outdated, and then with the new one', async () => {
    const dealId = await newDeal();
    const first = await funnelResponse();
    expect(first.headers.get('report-outdated')).toBe('false');
    const firstComputedAt = await computedAt();
    expect(new Date(first.headers.get('report-computed-at')!).getTime()).toBe(firstComputedAt);

    await moveIntoFirstStage(dealId);
    const outdated = await funnelResponse();
    expect(outdated.headers.get('report-outdated')).toBe('true');
    expect(outdated.body).toEqual(first.body);

    for (let i = 0; i < 100 && (await computedAt()) === firstComputedAt; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await computedAt()).toBeGreaterThan(firstComputedAt);
    let fresh = first;
    expect(await funnelComputations(async () => (fresh = await funnelResponse()))).toBe(0);
    expect(fresh.headers.get('report-outdated')).toBe('false');
    expect(reached(fresh.body, 'first_contact')).toBe(reached(first.body, 'first_contact') + 1);
  });

  it('computes before answering once the result has missed changes for longer than that', async () => {
    const dealId = await newDeal();
    await t.db.query('DELETE FROM report_cache');
    const before = await funnel();
    await moveIntoFirstStage(dealId);
    await t.db.query(
      `UPDATE report_changes SET changed_at = changed_at - interval '61 seconds'
        WHERE table_name = 'deal_stage_history'
          AND changed_at > (SELECT computed_at FROM report_cache WHERE key LIKE 'funnel:%')`,
    );
    let after = before;
    expect(await funnelComputations(async () => (after = await funnel()))).toBe(1);
    expect(reached(after, 'first_contact')).toBe(reached(before, 'first_contact') + 1);
  });

  it('computes the results read lately again before they are too old to serve, unread', async () => {
    const dealId = await newDeal();
    // The new deal made the kept funnel outdated: its reader has it computed again; wait for that.
    let current = await funnelResponse();
    for (let i = 0; i < 100 && current.headers.get('report-outdated') !== 'false'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = await funnelResponse();
    }
    const before = current.body as Awaited<ReturnType<typeof funnel>>;
    const cache = t.app.get(ReportCacheService);
    expect(await cache.refreshOutdated()).toBe(0);
    const computedBefore = await computedAt();

    await moveIntoFirstStage(dealId);
    // Outdated for less than a third of REPORT_STALE_SECONDS: left to its readers for now.
    expect(await cache.refreshOutdated()).toBe(0);
    await t.db.query(
      `UPDATE report_changes SET changed_at = changed_at - interval '21 seconds'
        WHERE table_name = 'deal_stage_history'
          AND changed_at > (SELECT computed_at FROM report_cache WHERE key LIKE 'funnel:%')`,
    );
    expect(await cache.refreshOutdated()).toBe(1);
    expect(await computedAt()).toBeGreaterThan(computedBefore);
    expect(await cache.refreshOutdated()).toBe(0);
    let after: Awaited<ReturnType<typeof funnelResponse>> | undefined;
    expect(await funnelComputations(async () => (after = await funnelResponse()))).toBe(0);
    expect(after!.headers.get('report-outdated')).toBe('false');
    expect(reached(after!.body, 'first_contact')).toBe(reached(before, 'first_contact') + 1);
  });

  it('never answers the board with outdated totals or cards, and serves it unchanged from the cache', async () => {
    const dealId = await newDeal();
    const { rows } = await t.db.query<{ stage_id: string }>(
      'SELECT stage_id FROM deals WHERE id = $1',
      [dealId],
    );
    const board = async () =>
      (await t.request('GET', '/api/v1/deals/board', { token: manager })).body as {
        columns: {
          stageId: string;
          count: number;
          cards: { id: string; title: string; companyName: string }[];
        }[];
      };
    const column = async () => (await board()).columns.find((c) => c.stageId === rows[0].stage_id)!;
    const before = await column();
    expect(before.cards.map((card) => card.id)).toContain(dealId);
    const [entry] = await entries('board');
    expect(entry.tables).toEqual(expect.arrayContaining(['companies', 'deals', 'stages']));
    expect(await board()).toEqual(await board());

    await t.db.query(`UPDATE deals SET title = '改名' WHERE id = $1`, [dealId]);
    expect((await column()).cards.find((card) => card.id === dealId)?.title).toBe('改名');
    await t.db.query(
      `UPDATE companies SET name = name || '·' WHERE id = (SELECT company_id FROM deals WHERE id = $1)`,
      [dealId],
    );
    const renamed = (await column()).cards.find((card) => card.id === dealId)!;
    expect(renamed.companyName.endsWith('·')).toBe(true);

    await t.db.query('UPDATE deals SET deleted_at = now() WHERE id = $1', [dealId]);
    const after = await column();
    expect(after.count).toBe(before.count - 1);
    expect(after.cards.map((card) => card.id)).not.toContain(dealId);
  });
});

describe('report cache: the results read lately kept current on their own', () => {
  beforeAll(async () => {
    t = await startTestApp({ REPORT_STALE_SECONDS: '3' });
    manager = await t.tokenFor('manager');
  });
  afterAll(() => t.close());

  it('computes an outdated result again before REPORT_STALE_SECONDS, unread', async () => {
    const dealId = await newDeal();
    const before = await funnel();
    const [{ computed_at: computedBefore }] = await entries('funnel');
    await t.db.query(
      `INSERT INTO deal_stage_history (deal_id, to_stage_id, moved_by_id)
       SELECT id, stage_id, owner_id FROM deals WHERE id = $1`,
      [dealId],
    );
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await entries('funnel'))[0].computed_at <= computedBefore)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await entries('funnel'))[0].computed_at.getTime()).toBeGreaterThan(
      computedBefore.getTime(),
    );
    const response = await t.request('GET', `/api/v1/reports/funnel?${period}`, { token: manager });
    expect(response.headers.get('report-outdated')).toBe('false');
    const after = response.body as Awaited<ReturnType<typeof funnel>>;
    expect(reached(after, 'first_contact')).toBe(reached(before, 'first_contact') + 1);
  });
});
