import { randomUUID } from 'node:crypto';
import {
  CROSS_OWNER_CREATES,
  FORBIDDEN_FIELDS,
  OWNED_WRITES,
  LEGITIMATE_FIELDS,
  MATRIX,
  PRINCIPALS,
  type Caller,
  type Fixtures,
  type Outcome,
  type RouteRequest,
} from './support/access-matrix';
import { newLead } from './support/factories';
import { minimalBody, registeredRoutes, type RegisteredRoute } from './support/routes';
import { startTestApp, type ApiResponse, type TestApp } from './support/test-app';

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string }[];
        requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
      }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

const key = (route: Pick<RegisteredRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;
/** A version no fixture has: an allowed PATCH/DELETE stops at 412 and changes nothing. */
const STALE = '"999999"';

describe('authorization matrix: every route × every kind of caller', () => {
  let t: TestApp;
  let f: Fixtures;
  let docs: OpenApi;
  let credentials: Record<Caller, { token?: string; apiKey?: string }>;
  let routes: RegisteredRoute[];

  const one = async (sql: string, params: unknown[] = []): Promise<string> => {
    const { rows } = await t.db.query<{ id: string }>(sql, params);
    if (!rows[0]) throw new Error(`no fixture for: ${sql}`);
    return rows[0].id;
  };
  const created = async (response: ApiResponse): Promise<string> => {
    if (response.status !== 201) throw new Error(`fixture not created: ${response.text}`);
    return (response.body as { id: string }).id;
  };

  const operation = (route: RegisteredRoute) =>
    docs.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  const takesIfMatch = (route: RegisteredRoute) =>
    (operation(route)?.parameters ?? []).some(
      (p) => p.in === 'header' && p.name.toLowerCase() === 'if-match',
    );
  /** The properties the route's JSON body DTO declares (undefined: the route takes no JSON body). */
  const bodyFields = (route: RegisteredRoute): string[] | undefined => {
    const ref = operation(route)?.requestBody?.content['application/json']?.schema.$ref;
    if (!ref) return undefined;
    return Object.keys(docs.components.schemas[ref.split('/').pop()!]?.properties ?? {});
  };

  const requestFor = (route: RegisteredRoute): RouteRequest =>
    MATRIX[key(route)]?.request?.(f) ?? {};
  const urlOf = (route: RegisteredRoute, request: RouteRequest) => {
    const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
      const value = request.params?.[name];
      if (!value) throw new Error(`${key(route)}: no fixture for :${name}`);
      return value;
    });
    return request.query ? `${path}?${request.query}` : path;
  };
  const call = (route: RegisteredRoute, caller: Caller, request: RouteRequest, body?: unknown) => {
    const given = body ?? request.body;
    const { headers, ...payload } = given === undefined ? minimalBody(route) : { body: given };
    return t.request(route.method, urlOf(route, request), {
      ...credentials[caller],
      ...payload,
      headers: { ...headers, ...(takesIfMatch(route) ? { 'if-match': STALE } : {}) },
    });
  };
  const classify = (status: number): Outcome | `server error ${number}` => {
    if (status >= 500) return `server error ${status}`;
    if (status === 401 || status === 403 || status === 404) return status;
    return 'allowed';
  };

  beforeAll(async () => {
    t = await startTestApp();
    routes = registeredRoutes(t.app);
    docs = (await t.request('GET', '/api/docs-json')).body as OpenApi;
    const admin = await t.tokenFor('admin');
    const p1 = await t.tokenFor('promoter1');
    const apiKey = await t.request('POST', '/api/v1/api-keys', {
      token: admin,
      body: { name: 'matrix' },
    });
    credentials = {
      anonymous: {},
      admin: { token: admin },
      manager: { token: await t.tokenFor('manager') },
      promoter1: { token: p1 },
      promoter2: { token: await t.tokenFor('promoter2') },
      viewer: { token: await t.tokenFor('viewer') },
      apiKey: { apiKey: apiKey.body.key },
    };

    const user = (email: string) => one('SELECT id FROM users WHERE email = $1', [email]);
    const promoter1 = await user('promoter1@demo.park');
    const promoter2 = await user('promoter2@demo.park');
    const lead = (await newLead(t, p1)) as { id: string; companyId: string };
    const leadToConvert = (await newLead(t, p1)) as { id: string };
    // A firm of promoter1's own: the lead's (it owns the relationship).
    const company = await one(`UPDATE companies SET owner_id = $1 WHERE id = $2 RETURNING id`, [
      promoter1,
      lead.companyId,
    ]);
    const deal = await one(
      `SELECT id FROM deals WHERE owner_id = $1 AND closed_at IS NULL AND deleted_at IS NULL ORDER BY created_at LIMIT 1`,
      [promoter1],
    );
    const stage = await one(`SELECT stage_id AS id FROM deals WHERE id = $1`, [deal]);
    const unit = await one(`SELECT id FROM units WHERE status = 'available' LIMIT 1`);
    const track = await one(
      `SELECT t.id FROM onboarding_tracks t JOIN deals d ON d.id = t.deal_id WHERE d.owner_id = $1 AND t.status = 'open' AND EXISTS (SELECT 1 FROM onboarding_tasks k WHERE k.track_id = t.id AND k.status = 'todo') ORDER BY t.id LIMIT 1`,
      [promoter1],
    );
    await t.db.query(
      `INSERT INTO compute_reconciliations (started_at, finished_at) VALUES (now(), now())`,
    );
    const program = await one(`SELECT id FROM programs ORDER BY created_at LIMIT 1`);
    f = {
      promoter1,
      promoter2,
      user: await created(
        await t.request('POST', '/api/v1/users', {
          token: admin,
          body: {
            email: `matrix-${randomUUID().slice(0, 8)}@demo.park`,
            displayName: 'Matrix user',
            role: 'viewer',
            password: 'a-long-password',
          },
        }),
      ),
      apiKey: apiKey.body.id,
      notification: await one(
        `INSERT INTO notifications (user_id, kind, title) VALUES ($1, 'matrix', 'For promoter1') RETURNING id`,
        [promoter1],
      ),
      company,
      otherCompany: await one(
        `SELECT id FROM companies WHERE owner_id = $1 AND deleted_at IS NULL LIMIT 1`,
        [promoter2],
      ),
      contact: await created(
        await t.request('POST', `/api/v1/companies/${company}/contacts`, {
          token: p1,
          body: { name: '李总' },
        }),
      ),
      revenue: await created(
        await t.request('POST', `/api/v1/companies/${company}/revenues`, {
          token: p1,
          body: { year: 2020, revenue: '5000000.00' },
        }),
      ),
      lead: lead.id,
      leadToConvert: leadToConvert.id,
      pooledLead: await one(
        `SELECT id FROM leads WHERE owner_id IS NULL AND deleted_at IS NULL AND status NOT IN ('converted', 'disqualified') LIMIT 1`,
      ),
      conflict: await one(`SELECT id FROM lead_conflicts LIMIT 1`),
      pipeline: await one(`SELECT id FROM pipelines WHERE is_default`),
      stage,
      deal,
      otherDeal: await one(
        `SELECT id FROM deals WHERE owner_id = $1 AND closed_at IS NULL AND deleted_at IS NULL LIMIT 1`,
        [promoter2],
      ),
      activity: await created(
        await t.request('POST', '/api/v1/activities', {
          token: p1,
          body: { type: 'call', subject: 'First call', companyId: company },
        }),
      ),
      task: await created(
        await t.request('POST', '/api/v1/tasks', {
          token: p1,
          body: {
            title: 'Send the offer',
            dueAt: new Date(Date.now() + 86_400_000).toISOString(),
            companyId: company,
          },
        }),
      ),
      siteVisit: await created(
        await t.request('POST', '/api/v1/site-visits', {
          token: p1,
          body: {
            dealId: deal,
            startsAt: '2031-03-03T10:00:00+08:00',
            endsAt: '2031-03-03T11:00:00+08:00',
            placeType: 'computing_center',
            hostIds: [promoter1],
          },
        }),
      ),
      building: await one(`SELECT building_id AS id FROM units WHERE id = $1`, [unit]),
      unit,
      reservation: await one(
        `SELECT r.id FROM reservations r JOIN deals d ON d.id = r.deal_id WHERE d.owner_id = $1 AND r.status = 'active' LIMIT 1`,
        [promoter1],
      ),
      template: await one(`SELECT id FROM onboarding_templates LIMIT 1`),
      track,
      trackTask: await one(
        `SELECT id FROM onboarding_tasks WHERE track_id = $1 AND status = 'todo' ORDER BY position LIMIT 1`,
        [track],
      ),
      computeAccount: await one(`SELECT id FROM compute_accounts LIMIT 1`),
      outboxIntent: await one(`SELECT id FROM compute_intents LIMIT 1`),
      program,
      application: await created(
        await t.request('POST', '/api/v1/applications', {
          token: p1,
          body: { programId: program, companyId: company, requestedAmount: '20000.00' },
        }),
      ),
      target: await one(`SELECT id FROM targets LIMIT 1`),
    };
  });
  afterAll(() => t.close());

  it('has an entry for every registered route, and no entry for a route that is gone', () => {
    const registered = routes.map(key);
    expect(registered.length).toBeGreaterThan(100);
    expect(registered.filter((k) => !MATRIX[k])).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !registered.includes(k))).toEqual([]);
  });

  const routeByKey = (k: string) => {
    const route = routes.find((r) => key(r) === k);
    if (!route) throw new Error(`no route ${k}`);
    return route;
  };
  const versionOf = async (table: string, rowId: string) =>
    (await t.db.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [rowId]))
      .rows[0].version;

  it('lets the owner change its record and refuses another promoter, with the current version', async () => {
    for (const write of OWNED_WRITES) {
      const route = routeByKey(write.route);
      const url = urlOf(route, requestFor(route));
      const rowId = f[write.fixture];
      const version = await versionOf(write.table, rowId);
      const send = (caller: Caller) =>
        t.request(route.method, url, {
          ...credentials[caller],
          body: write.body,
          headers: { 'if-match': `"${version}"` },
        });
      const refused = await send('promoter2');
      expect({ route: write.route, status: refused.status }).toEqual({
        route: write.route,
        status: write.refusal,
      });
      expect(await versionOf(write.table, rowId)).toBe(version);
      const allowed = await send('promoter1');
      expect({ route: write.route, status: allowed.status }).toEqual({
        route: write.route,
        status: 200,
      });
      expect(await versionOf(write.table, rowId)).toBe(version + 1);
    }
  });

  it("refuses promoter1 records on promoter2's firm or deal, and writes nothing", async () => {
    for (const create of CROSS_OWNER_CREATES) {
      const route = routeByKey(create.route);
      const table = create.route.split('/').pop()!.replace('-', '_');
      const before = (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
      const response = await t.request(route.method, route.path, {
        ...credentials.promoter1,
        body: create.body(f),
      });
      expect({ route: create.route, status: response.status, code: response.body?.code }).toEqual({
        route: create.route,
        status: 403,
        code: 'FORBIDDEN',
      });
      expect((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(before);
    }
  });

  it("keeps promoter1's inbox out of everyone else's list", async () => {
    for (const caller of ['admin', 'manager', 'promoter2', 'viewer'] as const) {
      const list = await t.request('GET', '/api/v1/notifications?limit=200', credentials[caller]);
      expect(list.status).toBe(200);
      expect((list.body.data as { id: string }[]).map((n) => n.id)).not.toContain(f.notification);
    }
    const own = await t.request('GET', '/api/v1/notifications?limit=200', credentials.promoter1);
    expect((own.body.data as { id: string }[]).map((n) => n.id)).toContain(f.notification);
  });

  it('rejects or ignores every forbidden field on every write route (mass assignment)', async () => {
    const values: Record<string, unknown> = {
      id: randomUUID(),
      ownerId: f.promoter2,
      role: 'admin',
      version: 424242,
      createdAt: '2001-01-01T00:00:00.000Z',
      updatedAt: '2001-01-01T00:00:00.000Z',
      deletedAt: '2001-01-01T00:00:00.000Z',
      createdById: f.promoter2,
      companyId: f.otherCompany,
      dealId: f.otherDeal,
    };
    const problems: string[] = [];
    let tried = 0;
    for (const route of routes.filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method))) {
      const entry = MATRIX[key(route)];
      const caller = (['admin', 'promoter1', 'anonymous'] as const).find(
        (c) => entry.expect[c] === 'allowed',
      );
      if (!caller) continue;
      const request = requestFor(route);
      const accepted = bodyFields(route);
      const legitimate = LEGITIMATE_FIELDS[key(route)] ?? [];
      for (const field of legitimate) {
        if (!accepted?.includes(field))
          problems.push(
            `${key(route)}: LEGITIMATE_FIELDS names ${field}, the DTO has no such field`,
          );
      }
      for (const field of FORBIDDEN_FIELDS) {
        if (legitimate.includes(field)) continue;
        if (accepted?.includes(field)) {
          problems.push(`${key(route)}: the body DTO accepts ${field}`);
          continue;
        }
        tried++;
        const base = (request.body as Record<string, unknown> | undefined) ?? {};
        const response = await call(route, caller, request, { ...base, [field]: values[field] });
        if (response.status >= 500 && !entry.tolerate?.includes(response.status))
          problems.push(`${key(route)} +${field}: ${response.status}`);
        if (accepted) {
          const named = ((response.body?.errors ?? []) as { field: string }[]).some(
            (e) => e.field === field,
          );
          if (response.status !== 400 || !named)
            problems.push(
              `${key(route)} +${field}: ${response.status} ${response.text.slice(0, 120)}`,
            );
        } else if (
          response.status < 300 &&
          JSON.stringify((response.body as Record<string, unknown> | undefined)?.[field]) ===
            JSON.stringify(values[field])
        ) {
          problems.push(`${key(route)} +${field}: took the value`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(300);
  });

  it('does not let a promoter give its records to another promoter, nor itself a role', async () => {
    const selfRole = await t.request('PATCH', `/api/v1/users/${f.promoter1}`, {
      ...credentials.promoter1,
      body: { role: 'admin' },
      headers: { 'if-match': `"${await versionOf('users', f.promoter1)}"` },
    });
    expect(selfRole.status).toBe(403);
    const role = await t.db.query(`SELECT role FROM users WHERE id = $1`, [f.promoter1]);
    expect(role.rows[0].role).toBe('promoter');

    for (const [path, table, rowId] of [
      [`/api/v1/deals/${f.deal}`, 'deals', f.deal],
      [`/api/v1/companies/${f.company}`, 'companies', f.company],
    ] as const) {
      const response = await t.request('PATCH', path, {
        ...credentials.promoter1,
        body: { ownerId: f.promoter2 },
        headers: { 'if-match': `"${await versionOf(table, rowId)}"` },
      });
      const owner = await t.db.query(`SELECT owner_id FROM ${table} WHERE id = $1`, [rowId]);
      expect({ path, refused: response.status >= 400, owner: owner.rows[0].owner_id }).toEqual({
        path,
        refused: true,
        owner: f.promoter1,
      });
    }
    const { rows } = await t.db.query(`SELECT company_id FROM deals WHERE id = $1`, [f.deal]);
    const opened = await t.request('POST', '/api/v1/deals', {
      ...credentials.promoter1,
      body: { companyId: rows[0].company_id, ownerId: f.promoter2 },
    });
    if (opened.status === 201) {
      expect(opened.body.ownerId).not.toBe(f.promoter2);
    } else {
      expect([400, 403, 409, 422]).toContain(opened.status);
    }
  });

  it('gives every caller the outcome the matrix states, on every route', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const entry = MATRIX[key(route)];
      if (!entry) continue;
      // Refusals first, on untouched fixtures; then the callers that get through.
      const callers = [...PRINCIPALS].sort(
        (a, b) => Number(entry.expect[a] === 'allowed') - Number(entry.expect[b] === 'allowed'),
      );
      for (const caller of callers) {
        const response = await call(route, caller, requestFor(route));
        const actual = entry.tolerate?.includes(response.status)
          ? 'allowed'
          : classify(response.status);
        cells++;
        if (actual !== entry.expect[caller]) {
          mismatches.push(
            `${key(route)} as ${caller}: expected ${entry.expect[caller]}, got ${response.status} ${response.text.slice(0, 160)}`,
          );
        }
        if (typeof actual === 'number' && actual !== 404 && response.body?.code === undefined) {
          mismatches.push(`${key(route)} as ${caller}: ${actual} is not problem+json`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(routes.length * PRINCIPALS.length);
  });
});
