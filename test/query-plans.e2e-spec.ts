import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { generateParkData } from '../bench/support/generate';
import { beijingToday } from '../src/common/time/beijing';
import { ApiOperation, apiOperations, DatabaseFixtures } from './support/openapi-routes';
import {
  isRead,
  openApiDocumentSync,
  shortSql,
  tableRowCounts,
  tableScans,
  type TableScan,
} from './support/query-plans';
import { statementRecorder, type Statement, StatementRecorder } from './support/statement-recorder';
import { ApiResponse, startTestApp, TestApp } from './support/test-app';

/**
 * The read endpoints of the OpenAPI document on a generated park at scale 1
 * (bench/support/generate.ts: 10k companies, 100k leads, 30k deals, 300k activities, …):
 *  - a list sends as many SQL statements for a page of 100 rows as for a page of 1 (no N+1); an
 *    export as many for each page of 1,000 rows as its list for a page; a report a few, as many
 *    for any period;
 *  - no statement of a list (first page and the next) or other read reads a large table
 *    (LARGE_TABLE_ROWS rows or more) with a sequential scan: EXPLAIN of the statement, with its
 *    parameters, on the same data;
 *  - a report over the whole park and a year may read whole tables (aggregating most of a table
 *    is best done by reading it whole), but narrowed to one promoter and one month (or to the
 *    month alone where it takes no owner) it reads no large table whole, apart from the
 *    statements of WHOLE_TABLE_WHEN_NARROWED.
 * The statements that every authenticated request makes (the guard's: those of GET /auth/me) are
 * left out, as in bench/run.ts. The calls are the admin's, who sees every record.
 */
const SCALE = 1;
const LARGE_TABLE_ROWS = 5_000;
/** The most statements a report may send (transaction control and settings not counted). */
const REPORT_MAX_STATEMENTS = 8;
/** The leadership pack computes every report's sections in one call. */
const LEADERSHIP_PACK_MAX_STATEMENTS = 20;
/** The page sizes compared (capped at the list's maximum). */
const PAGE_SIZES = [1, 50, 100];
/** The exports read their list in pages of this many rows (exportPages in their services). */
const EXPORT_PAGE_ROWS = 1000;
/**
 * A brand in many generated firms' names (bench/support/generate.ts BRANDS): two characters, too
 * short for pg_trgm, so its search must come from the n-gram indexes.
 */
const SEARCH_TERM = '星河';
/** The texts searched in the lists whose `q` is optional: the brand, and one of its characters. */
const LIST_SEARCH_TERMS = [SEARCH_TERM, '星'];
/** Lead conflicts added to the park (it has none), so that their list's pages fill. */
const LEAD_CONFLICTS = 300;

/** Sequential scans accepted on a large table, by endpoint, and why. */
const ACCEPTED_SEQ_SCANS: Record<string, string[]> = {
  // The board's column totals sum every deal of the pipeline (an aggregate of the whole table).
  'GET /api/v1/deals/board': ['deals'],
};

/** A statement that reads large tables whole even when its report is narrowed, and why. */
interface WholeTableRead {
  /** Matches the statement's SQL. */
  statement: RegExp;
  tables: string[];
  why: string;
}

const OVERVIEW_FIGURES: WholeTableRead = {
  statement: /AS "openDeals"/,
  tables: ['deals', 'companies'],
  why:
    "the dashboard's headline figures are the whole park's now: the open deals (most deals) " +
    'counted and weighted, the firms that are tenants counted (a sixth of the companies)',
};
const TARGET_FIRMS: WholeTableRead = {
  statement: /WHEN 'listed_companies'/,
  tables: ['companies', 'company_revenues'],
  why:
    'a target is measured over its own period, whatever the period asked: the listed firms ' +
    'among the signed and tenants, and the AI revenue of every signed firm and tenant over the ' +
    "target's years, are sums over the park's firms",
};

const PARK_MONTH: WholeTableRead = {
  statement: /deal_stage_history|site_visits|target_move_in_date|FROM leads/,
  tables: ['deals', 'site_visit_hosts'],
  why:
    "the pack is the whole park's month (and its forecast the next twelve): its funnel, " +
    "velocity, sources, site visits and team join the month's moves, visits and leads of the " +
    'whole park to their deals (and the visits to their hosts), which lie all over the table: ' +
    'read whole, not looked up one by one; and the forecast and the deals open now are most deals',
};

/**
 * Reports narrowed as far as they go that still read a large table whole in a statement, and
 * why. The narrowing is one generated promoter with an average share of the deals (`ownerId`,
 * where a report takes it) and one month (`from`/`to` the last full calendar month, the next
 * one for the forecast; `year`/`month` for the leadership pack); overview takes no filter.
 */
const WHOLE_TABLE_WHEN_NARROWED: Record<string, WholeTableRead[]> = {
  // The overview's targets are every target's progress.
  'GET /api/v1/reports/overview': [OVERVIEW_FIGURES, TARGET_FIRMS],
  'GET /api/v1/reports/targets': [TARGET_FIRMS],
  'GET /api/v1/reports/leadership-pack': [OVERVIEW_FIGURES, TARGET_FIRMS, PARK_MONTH],
};

/**
 * Reports whose query (ReportQuery) documents `ownerId` but that do not filter by it, and why:
 * narrowed by their period alone.
 */
const IGNORES_OWNER: Record<string, string> = {
  'GET /api/v1/reports/targets': "the park's targets: figures of the whole park",
  'GET /api/v1/reports/compute-usage': "the tenants' compute accounts, owned by no promoter",
};

// One test per endpoint: the document must be known when Jest collects the file, before any app
// runs; the first test checks it against the document that the running app serves.
const GETS = apiOperations(openApiDocumentSync()).filter(
  (operation) => operation.method === 'GET' && operation.path.startsWith('/api/v1/'),
);
const isReport = (operation: ApiOperation) => operation.path.startsWith('/api/v1/reports/');
const isExport = (operation: ApiOperation) => operation.path.endsWith('/export');
const LISTS = GETS.filter(
  (operation) =>
    !isReport(operation) &&
    !isExport(operation) &&
    operation.query.some((parameter) => parameter.name === 'limit'),
);
/** The lists that search a text when asked (`q`), and the first page of each search. */
const SEARCHES = LISTS.filter((operation) =>
  operation.query.some((parameter) => parameter.name === 'q' && !parameter.required),
).flatMap((operation) =>
  LIST_SEARCH_TERMS.map((term) => [`${operation.name}?q=${term}`, operation, term] as const),
);
const EXPORTS = GETS.filter(isExport);
const REPORTS = GETS.filter(isReport);
/** Records, their parts and other reads; GET /auth/me is the guard's baseline. */
const OTHER_READS = GETS.filter(
  (operation) =>
    ![...LISTS, ...EXPORTS, ...REPORTS].includes(operation) && operation.path !== '/api/v1/auth/me',
);
const byName = (operations: ApiOperation[]) =>
  operations.map((operation) => [operation.name, operation] as const);

const day = (date: Date) => date.toISOString().slice(0, 10);
/** A day shifted by months and days. */
function shift(date: string, months: number, days = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return day(new Date(Date.UTC(y, m - 1 + months, d + days)));
}

interface Period {
  from: string;
  to: string;
  year: number;
  month: number;
}

/** Two different report periods (the last 12 months, and 12 months ending 3 months ago). */
function periods(): [Period, Period] {
  const today = beijingToday();
  const tomorrow = shift(today, 0, 1);
  const [y, m] = shift(today, -1).split('-').map(Number);
  return [
    { from: shift(tomorrow, -12), to: tomorrow, year: y, month: m },
    { from: shift(tomorrow, -15), to: shift(tomorrow, -3), year: y - 1, month: m },
  ];
}

/** A forecast looks ahead: its periods start today. */
function forecastPeriods(): [Period, Period] {
  const today = beijingToday();
  const [first, second] = periods();
  return [
    { ...first, from: today, to: shift(today, 12) },
    { ...second, from: today, to: shift(today, 6) },
  ];
}

/** The last full calendar month (Beijing); for the forecast, which looks ahead, the next one. */
function narrowPeriod(operation: ApiOperation): Period {
  const monthStart = `${beijingToday().slice(0, 7)}-01`;
  const months = operation.path.endsWith('/forecast') ? 1 : -1;
  const from = shift(monthStart, months);
  const [year, month] = from.split('-').map(Number);
  return { from, to: shift(from, 1), year, month };
}

/**
 * The query string of a call: the page size, the period where a parameter names one (a list's
 * only when required), and a value for every other required parameter. An unknown required
 * parameter is an error, so that a new endpoint's gets a value here rather than a 400.
 */
function queryString(
  operation: ApiOperation,
  period: Period,
  limit?: number,
  ownerId?: string,
): string {
  const search = new URLSearchParams();
  for (const { name, required } of operation.query) {
    if (name === 'limit' && limit !== undefined) search.set(name, String(limit));
    else if (name === 'ownerId' && ownerId) search.set(name, ownerId);
    else if ((name === 'from' || name === 'to') && (required || !LISTS.includes(operation)))
      search.set(name, period[name]);
    else if (name === 'granularity') search.set(name, 'month');
    else if (name === 'year' && required) search.set(name, String(period.year));
    else if (name === 'month' && required) search.set(name, String(period.month));
    else if (name === 'q' && required) search.set(name, SEARCH_TERM);
    else if (required) throw new Error(`${operation.name}: no value for required ?${name}`);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The rows of a page (`{ data }`), or of a result grouped by kind (`{ companies: [], … }`). */
function rowCount(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (!body || typeof body !== 'object') return 0;
  const data = (body as { data?: unknown }).data;
  if (Array.isArray(data)) return data.length;
  return Object.values(body).reduce<number>(
    (sum, value) => sum + (Array.isArray(value) ? value.length : 0),
    0,
  );
}

interface Call {
  url: string;
  status: number;
  rows: number;
  nextCursor: string | null;
  text: string;
  statements: Statement[];
}

/** A call and its statements, each distinct SQL text once with the number of times it was sent. */
function describeCall(call: Call): string {
  const times = new Map<string, number>();
  for (const { sql } of call.statements) times.set(sql, (times.get(sql) ?? 0) + 1);
  const lines = [...times].map(([sql, n]) => `  ${n} × ${shortSql(sql, 200)}`);
  return `${call.url} → ${call.status}, ${call.rows} rows, ${call.statements.length} statements:\n${lines.join('\n')}`;
}

/** BEGIN, COMMIT, SET LOCAL, …: not a query of the report's own. */
const isControl = (sql: string) =>
  /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET)\b/i.test(sql);

const memo = <T>(work: (operation: ApiOperation) => Promise<T>) => {
  const results = new Map<string, Promise<T>>();
  return (operation: ApiOperation) => {
    if (!results.has(operation.name)) results.set(operation.name, work(operation));
    return results.get(operation.name)!;
  };
};

describe(`query plans and statement counts on a generated park (scale ${SCALE})`, () => {
  let t: TestApp;
  let admin: string;
  let recorder: StatementRecorder;
  let fixtures: DatabaseFixtures;
  /** The guard's statements, by SQL text. */
  let guard: Set<string>;
  let largeTables: Set<string>;
  /** A generated promoter whose deals are closest to the promoters' mean: the narrowed owner. */
  let promoter: { id: string; deals: number; mean: number };
  const started = performance.now();
  const explained = { statements: new Set<string>(), endpoints: new Set<string>() };

  beforeAll(async () => {
    // Every request checks its session, so that the guard's statements are in every call.
    t = await startTestApp({ JOBS_ENABLED: 'false', SESSION_CHECK_TTL_MS: '0' });
    const park = await generateParkData(t.databaseUrl, SCALE);
    await t.db.query(
      `INSERT INTO lead_conflicts (lead_id, existing_lead_id, match)
       SELECT l.id, other.id, 'name'
         FROM (SELECT id, company_id FROM leads l
                WHERE NOT EXISTS (SELECT 1 FROM lead_conflicts c WHERE c.lead_id = l.id)
                ORDER BY id LIMIT $1) l
         CROSS JOIN LATERAL (SELECT id FROM leads o WHERE o.company_id = l.company_id AND o.id <> l.id
                              LIMIT 1) other`,
      [LEAD_CONFLICTS],
    );
    await t.db.query('ANALYZE lead_conflicts');
    const counts = await tableRowCounts(t.db);
    largeTables = new Set(
      [...counts].filter(([, rows]) => rows >= LARGE_TABLE_ROWS).map(([table]) => table),
    );
    fixtures = await DatabaseFixtures.load(t.db);
    const { rows: owners } = await t.db.query<{ id: string; deals: number; mean: number }>(
      `SELECT u.id, count(*)::int AS deals, avg(count(*)) OVER ()::float8 AS mean
         FROM users u JOIN deals d ON d.owner_id = u.id
        WHERE u.email LIKE 'bench.promoter%@demo.park'
        GROUP BY u.id ORDER BY abs(count(*) - avg(count(*)) OVER ()), u.id LIMIT 1`,
    );
    promoter = owners[0];
    admin = await t.tokenFor('admin');
    recorder = statementRecorder(t.app.get(DataSource));
    const me = await recorder.during(() => get('/api/v1/auth/me'));
    guard = new Set(me.map((statement) => statement.sql));
    console.log(
      `park generated in ${(park.ms / 1000).toFixed(1)} s; large tables (≥ ${LARGE_TABLE_ROWS} rows): ${[
        ...largeTables,
      ]
        .map((table) => `${table} ${counts.get(table)}`)
        .join(', ')}`,
    );
  }, 600_000);

  afterAll(async () => {
    recorder?.restore();
    await t?.close();
    console.log(
      `query plans: ${LISTS.length} lists, ${EXPORTS.length} exports, ${REPORTS.length} reports, ${OTHER_READS.length} other reads; ${explained.statements.size} statements of ${explained.endpoints.size} endpoints explained; ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  });

  const get = (url: string) => t.request('GET', url, { token: admin });

  /** One GET, with the statements the endpoint sent. */
  async function call(url: string): Promise<Call> {
    let response: ApiResponse | undefined;
    const statements = await recorder.during(async () => {
      response = await get(url);
    });
    return {
      url,
      status: response!.status,
      rows: rowCount(response!.body),
      nextCursor: (response!.body as { nextCursor?: string | null })?.nextCursor ?? null,
      text: response!.text,
      statements: statements.filter((statement) => !guard.has(statement.sql)),
    };
  }

  /** The table scans of each read statement among `calls` (each statement and parameters once). */
  async function plans(endpoint: string, calls: Call[]) {
    const seen = new Set<string>();
    const planned: { statement: Statement; scans: TableScan[] }[] = [];
    for (const statement of calls.flatMap((c) => c.statements)) {
      const key = `${statement.sql}\u0000${JSON.stringify(statement.params)}`;
      if (!isRead(statement.sql) || seen.has(key)) continue;
      seen.add(key);
      explained.statements.add(key);
      explained.endpoints.add(endpoint);
      planned.push({ statement, scans: await tableScans(t.db, statement) });
    }
    return planned;
  }

  /**
   * `endpoint: Seq Scan on <table> in: <SQL>` for each large table read whole, once; the
   * endpoint's ACCEPTED_SEQ_SCANS and the `wholeReads` of its statements left out, and each of
   * those `wholeReads` that no statement makes any more (so that the list stays short).
   */
  async function seqScans(
    endpoint: string,
    calls: Call[],
    wholeReads: WholeTableRead[] = [],
  ): Promise<string[]> {
    const accepted = ACCEPTED_SEQ_SCANS[endpoint] ?? [];
    const failures = new Set<string>();
    const made = new Set<string>();
    for (const { statement, scans } of await plans(endpoint, calls)) {
      for (const { table, node } of scans) {
        if (node !== 'Seq Scan' || !largeTables.has(table) || accepted.includes(table)) continue;
        const read = wholeReads.find(
          (w) => w.statement.test(statement.sql) && w.tables.includes(table),
        );
        if (read) made.add(read.statement.source);
        else failures.add(`${endpoint}: Seq Scan on ${table} in: ${shortSql(statement.sql)}`);
      }
    }
    for (const read of wholeReads)
      if (!made.has(read.statement.source))
        failures.add(
          `${endpoint}: no statement ${read.statement} reads ${read.tables.join(' or ')} whole now`,
        );
    return [...failures];
  }

  const expectStatus = (calls: Call[], statuses = [200]) => {
    for (const c of calls)
      if (!statuses.includes(c.status))
        throw new Error(`${c.url} → ${c.status} ${c.text.slice(0, 300)}`);
  };

  it('enumerates the GET endpoints of the document that the app serves, on a large park', async () => {
    const served = await get('/api/docs-json');
    expect(served.status).toBe(200);
    const names = apiOperations(served.body)
      .filter((operation) => operation.method === 'GET' && operation.path.startsWith('/api/v1/'))
      .map((operation) => operation.name);
    expect(names).toEqual(GETS.map((operation) => operation.name));
    expect(LISTS.length).toBeGreaterThan(20);
    expect(REPORTS.length).toBeGreaterThan(5);
    for (const table of ['companies', 'leads', 'deals', 'deal_stage_history', 'activities'])
      expect([...largeTables]).toContain(table);
  });

  describe('lists', () => {
    /** Each page size, and the page after the largest one (its keyset condition). */
    const listCalls = memo(async (operation: ApiOperation) => {
      const { url } = await fixtures.fixture(operation.path);
      const max = operation.query.find((parameter) => parameter.name === 'limit')?.schema.maximum;
      const pages: Call[] = [];
      for (const size of PAGE_SIZES.map((size) => Math.min(size, max ?? size)))
        pages.push(await call(`${url}${queryString(operation, periods()[0], size)}`));
      const largest = pages[pages.length - 1];
      const next = largest.nextCursor
        ? await call(`${largest.url}&cursor=${encodeURIComponent(largest.nextCursor)}`)
        : undefined;
      return { pages, next };
    });

    it.each(byName(LISTS))(
      '%s sends as many statements for a page of 100 rows as for a page of 1',
      async (_, operation) => {
        const { pages } = await listCalls(operation);
        expectStatus(pages);
        // More records than one: the larger page holds more, or the comparison says nothing.
        if (pages[0].nextCursor) expect(pages[2].rows).toBeGreaterThan(pages[0].rows);
        const counts = pages.map((page) => page.statements.length);
        if (new Set(counts).size > 1)
          throw new Error(
            `statements grow with the page (${counts.join(' / ')}):\n${pages.map(describeCall).join('\n')}`,
          );
      },
    );

    it.each(byName(LISTS))(
      '%s reads no large table with a sequential scan',
      async (name, operation) => {
        const { pages, next } = await listCalls(operation);
        expect(await seqScans(name, [...pages, ...(next ? [next] : [])])).toEqual([]);
      },
    );

    it('compared pages of different sizes on every list that reads a large table', async () => {
      const unfilled: string[] = [];
      for (const operation of LISTS) {
        const { pages } = await listCalls(operation);
        const planned = await plans(operation.name, [pages[0]]);
        const readsLarge = planned.some(({ scans }) => scans.some((s) => largeTables.has(s.table)));
        if (readsLarge && pages[2].rows <= pages[0].rows)
          unfilled.push(`${operation.name}: ${pages[0].rows} and ${pages[2].rows} rows`);
      }
      expect(unfilled).toEqual([]);
    });
  });

  // A list's search matches `%text%` on names (and codes, titles): each searched list, its first
  // page and the next, with a text of two characters and of one.
  describe('searched lists', () => {
    it('include the companies list', () => {
      expect(SEARCHES.map(([name]) => name)).toEqual(
        expect.arrayContaining([`GET /api/v1/companies?q=${SEARCH_TERM}`]),
      );
    });

    it.each(SEARCHES)(
      '%s reads no large table with a sequential scan',
      async (name, operation, term) => {
        const { url } = await fixtures.fixture(operation.path);
        const first = await call(
          `${url}${queryString(operation, periods()[0], 50)}&q=${encodeURIComponent(term)}`,
        );
        const next = first.nextCursor
          ? await call(`${first.url}&cursor=${encodeURIComponent(first.nextCursor)}`)
          : undefined;
        expectStatus([first, ...(next ? [next] : [])]);
        // A search of a large table finds some of the generated names, or it says nothing.
        const planned = await plans(name, [first]);
        if (planned.some(({ scans }) => scans.some((scan) => largeTables.has(scan.table))))
          expect(first.rows).toBeGreaterThan(0);
        expect(await seqScans(name, [first, ...(next ? [next] : [])])).toEqual([]);
      },
    );
  });

  // An export streams its list's own query, a page of EXPORT_PAGE_ROWS at a time: only counted
  // here; the list's plans are checked above. (At 1,000 rows a page, reading companies whole for
  // the leads' company names is the planner's right choice.)
  describe('exports', () => {
    it.each(byName(EXPORTS))(
      `%s sends as many statements for each page of ${EXPORT_PAGE_ROWS} rows as its list for a page`,
      async (_, operation) => {
        const { url } = await fixtures.fixture(operation.path);
        const exported = await call(url);
        expectStatus([exported]);
        // The list's page, for its statements (a list's count is the same at any size, above).
        const page = await call(`${url.replace(/\/export$/, '')}?limit=100`);
        expectStatus([page]);
        const records: unknown[] = parse(exported.text, { bom: true });
        const rows = records.length - 1;
        const pages = Math.max(1, Math.ceil(rows / EXPORT_PAGE_ROWS));
        expect(rows).toBeGreaterThan(EXPORT_PAGE_ROWS);
        if (exported.statements.length !== pages * page.statements.length)
          throw new Error(
            `${exported.statements.length} statements for ${rows} rows (${pages} pages); the list sends ${page.statements.length} a page:\n${describeCall(exported)}`,
          );
      },
      120_000,
    );
  });

  // Each report call computes: the report cache is emptied first (overview, which takes no
  // period, would otherwise answer its second call from the first one's result).
  describe('reports', () => {
    const reportCall = async (url: string) => {
      await t.db.query('DELETE FROM report_cache');
      return call(url);
    };

    const reportCalls = memo(async (operation: ApiOperation) => {
      const { url } = await fixtures.fixture(operation.path);
      const both = operation.path.endsWith('/forecast') ? forecastPeriods() : periods();
      const calls: Call[] = [];
      for (const period of both)
        calls.push(await reportCall(`${url}${queryString(operation, period)}`));
      return calls;
    });

    const takes = (operation: ApiOperation, name: string) =>
      operation.query.some((parameter) => parameter.name === name) &&
      !(name === 'ownerId' && operation.name in IGNORES_OWNER);

    /** The report for the promoter (where it takes an owner) and the month (where it takes one). */
    const narrowedCall = memo(async (operation: ApiOperation) => {
      const { url } = await fixtures.fixture(operation.path);
      const owner = takes(operation, 'ownerId') ? promoter.id : undefined;
      return reportCall(
        `${url}${queryString(operation, narrowPeriod(operation), undefined, owner)}`,
      );
    });

    it('narrows to a generated promoter with an average share of the deals', async () => {
      expect(promoter.deals).toBeGreaterThan(0.8 * promoter.mean);
      expect(promoter.deals).toBeLessThan(1.25 * promoter.mean);
      const month = narrowPeriod(REPORTS[0]);
      const [{ moves }] = (
        await t.db.query<{ moves: number }>(
          `SELECT count(*)::int AS moves FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id
            WHERE d.owner_id = $1 AND h.moved_at >= $2::date AND h.moved_at < $3::date`,
          [promoter.id, month.from, month.to],
        )
      ).rows;
      expect(moves).toBeGreaterThan(20);
    });

    const narrowings = REPORTS.map((operation) => {
      const by = [
        takes(operation, 'ownerId') ? 'one promoter' : '',
        takes(operation, 'from') || takes(operation, 'month') ? 'one month' : '',
      ].filter(Boolean);
      return [
        operation.name,
        by.join(' and ') || 'nothing (it takes no filter)',
        operation,
      ] as const;
    });

    it.each(byName(REPORTS))(
      `%s sends a few statements (at most ${REPORT_MAX_STATEMENTS}), as many for any period`,
      async (_, operation) => {
        const calls = await reportCalls(operation);
        expectStatus(calls);
        const most = operation.path.endsWith('/leadership-pack')
          ? LEADERSHIP_PACK_MAX_STATEMENTS
          : REPORT_MAX_STATEMENTS;
        const counts = calls.map((c) => c.statements.filter((s) => !isControl(s.sql)).length);
        if (counts[0] !== counts[1] || counts[0] > most)
          throw new Error(
            `${counts.join(' and ')} statements for two periods (at most ${most}):\n${calls.map(describeCall).join('\n')}`,
          );
      },
      120_000,
    );

    it.each(narrowings)(
      '%s narrowed to %s reads no large table with a sequential scan (but its accepted ones)',
      async (name, _, operation) => {
        const narrowed = await narrowedCall(operation);
        expectStatus([narrowed]);
        const wholeReads = WHOLE_TABLE_WHEN_NARROWED[name] ?? [];
        expect(await seqScans(name, [narrowed], wholeReads)).toEqual([]);
      },
      120_000,
    );
  });

  // A record the park lacks (no API key, no reconciliation run yet) is a 404 after its lookup.
  describe('other reads', () => {
    it.each(byName(OTHER_READS))(
      '%s reads no large table with a sequential scan',
      async (name, operation) => {
        const { url } = await fixtures.fixture(operation.path);
        const read = await call(`${url}${queryString(operation, periods()[0])}`);
        expectStatus([read], [200, 404]);
        expect(await seqScans(name, [read])).toEqual([]);
      },
    );
  });
});
