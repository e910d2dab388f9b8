import { startTestApp, TestApp } from './support/test-app';

/**
 * The lists that used to answer a plain array now answer the standard keyset page
 * `{ data, nextCursor, total? }`: each is checked against the demo data in the database.
 */
describe('Keyset pages of buildings, holds, leases, programs, onboarding and targets', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    // The demo has one onboarding template: a second one makes the template list pageable.
    const template = await t.request('POST', '/api/v1/onboarding-templates', {
      token: admin,
      body: {
        name: '快速入驻 Quick onboarding',
        tasks: [
          { code: 'keys', name: '领取门禁卡', nameEn: 'Access cards', required: true, dueDays: 3 },
        ],
      },
    });
    expect(template.status).toBe(201);
  });
  afterAll(() => t.close());

  /** Each route, the SQL of its default order (id as the tie-break), and a sort it refuses. */
  const LISTS: { path: string; sql: string; badSort: string; sorts: string[] }[] = [
    {
      path: '/api/v1/buildings',
      sql: 'SELECT id FROM buildings WHERE deleted_at IS NULL ORDER BY name, id',
      badSort: 'address',
      sorts: ['-createdAt', 'updatedAt'],
    },
    {
      path: '/api/v1/reservations',
      sql: 'SELECT id FROM reservations ORDER BY expires_at, id',
      badSort: 'dealOwnerId',
      sorts: ['-unitCode', 'companyName', 'status,-expiresAt'],
    },
    {
      path: '/api/v1/leases',
      sql: 'SELECT id FROM leases ORDER BY start_date DESC, id DESC',
      badSort: 'dealTitle',
      sorts: ['companyName', 'unitCode', 'monthlyRent'],
    },
    {
      path: '/api/v1/programs',
      sql: 'SELECT id FROM programs ORDER BY name, id',
      badSort: 'remaining',
      sorts: ['-budget', 'kind,name'],
    },
    {
      path: '/api/v1/onboarding-templates',
      sql: 'SELECT id FROM onboarding_templates ORDER BY name, id',
      badSort: 'tasks',
      sorts: ['-isDefault,name'],
    },
    {
      path: '/api/v1/onboarding-tracks',
      sql: 'SELECT id FROM onboarding_tracks ORDER BY created_at DESC, id DESC',
      badSort: 'templateName',
      sorts: ['companyName', '-dealTitle', 'status'],
    },
    {
      path: '/api/v1/targets',
      sql: 'SELECT id FROM targets ORDER BY period_end, id',
      badSort: 'value',
      sorts: ['name', '-periodStart,name'],
    },
  ];

  const get = (path: string) => t.request('GET', path, { token: admin });
  const ids = (body: { data: { id: string }[] }) => body.data.map((row) => row.id);

  /** Walks a list one record a page; every id is seen once. */
  const walk = async (path: string, sort?: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: '1' });
      if (sort) query.set('sort', sort);
      if (cursor) query.set('cursor', cursor);
      const page = await get(`${path}?${query.toString()}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(1);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 300);
    expect(new Set(seen).size).toBe(seen.length);
    return seen;
  };

  describe.each(LISTS)('$path', ({ path, sql, badSort, sorts }) => {
    it('answers a page in the default order, and counts with withTotal', async () => {
      const { rows } = await t.db.query<{ id: string }>(sql);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const page = await get(`${path}?limit=200&withTotal=true`);
      expect(page.status).toBe(200);
      expect(Object.keys(page.body).sort()).toEqual(['data', 'nextCursor', 'total']);
      expect(page.body.total).toBe(rows.length);
      expect(page.body.nextCursor).toBeNull();
      expect(ids(page.body)).toEqual(rows.map((r) => r.id));
      const plain = await get(path);
      expect(plain.body).not.toHaveProperty('total');
      expect(ids(plain.body)).toEqual(rows.slice(0, 50).map((r) => r.id));
    });

    it('pages with a cursor: limit=1, then the next cursor gives the next record', async () => {
      const { rows } = await t.db.query<{ id: string }>(sql);
      const first = await get(`${path}?limit=1`);
      expect(ids(first.body)).toEqual([rows[0].id]);
      expect(typeof first.body.nextCursor).toBe('string');
      const second = await get(`${path}?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect(ids(second.body)).toEqual([rows[1].id]);
      expect(await walk(path)).toEqual(rows.map((r) => r.id));
    });

    it('walks its other sorts without gaps or repeats', async () => {
      for (const sort of sorts) {
        const all = await get(`${path}?limit=200&sort=${sort}`);
        expect(all.status).toBe(200);
        expect(await walk(path, sort)).toEqual(ids(all.body));
      }
    });

    it('rejects an unknown sort, a bad limit and a cursor of another sort with 400', async () => {
      const bad = await get(`${path}?sort=${badSort}`);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_SORT');
      for (const limit of ['0', '201', 'many'])
        expect((await get(`${path}?limit=${limit}`)).status).toBe(400);
      const first = await get(`${path}?limit=1`);
      const other = await get(`${path}?sort=${sorts[0]}&cursor=${first.body.nextCursor}`);
      expect(other.status).toBe(400);
      expect(other.body.code).toBe('INVALID_CURSOR');
    });
  });

  it('keeps the joined names of holds, leases and tracks on every page', async () => {
    const hold = (await get('/api/v1/reservations?limit=1')).body.data[0];
    const { rows: holdRows } = await t.db.query(
      `SELECT u.code, d.title, c.name FROM reservations r JOIN units u ON u.id = r.unit_id
         JOIN deals d ON d.id = r.deal_id JOIN companies c ON c.id = d.company_id WHERE r.id = $1`,
      [hold.id],
    );
    expect(hold).toMatchObject({
      unitCode: holdRows[0].code,
      dealTitle: holdRows[0].title,
      companyName: holdRows[0].name,
    });
    const lease = (await get('/api/v1/leases?limit=1&sort=companyName')).body.data[0];
    const { rows: leaseRows } = await t.db.query(
      `SELECT u.code, c.name FROM leases l JOIN units u ON u.id = l.unit_id
         JOIN companies c ON c.id = l.company_id ORDER BY c.name, l.id LIMIT 1`,
    );
    expect(lease).toMatchObject({ unitCode: leaseRows[0].code, companyName: leaseRows[0].name });
    const track = (await get('/api/v1/onboarding-tracks?limit=1')).body.data[0];
    const { rows: taskRows } = await t.db.query(
      `SELECT count(*)::int AS n FROM onboarding_tasks WHERE track_id = $1`,
      [track.id],
    );
    expect(track.tasks).toHaveLength(taskRows[0].n);
    expect(track.companyName).toEqual(expect.any(String));
    const program = (await get('/api/v1/programs?limit=1')).body.data[0];
    expect(Number(program.remaining)).toBeCloseTo(
      Number(program.budget) - Number(program.approvedTotal),
      2,
    );
  });

  it('filters within the page: holds by status, programs by kind, targets by metric', async () => {
    const active = await get('/api/v1/reservations?status=active&withTotal=true');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM reservations WHERE status = 'active'`,
    );
    expect(active.body.total).toBe(rows[0].n);
    expect(active.body.data.every((r: { status: string }) => r.status === 'active')).toBe(true);
    const compute = await get('/api/v1/programs?kind=compute_subsidy');
    expect(compute.body.data.map((p: { kind: string }) => p.kind)).toEqual(['compute_subsidy']);
    const revenue = await get('/api/v1/targets?metric=ai_revenue&withTotal=true');
    expect(revenue.body.total).toBe(1);
  });

  it('documents each list as a page in the OpenAPI', async () => {
    const docs = (await t.request('GET', '/api/docs-json')).body as {
      paths: Record<string, { get: { responses: Record<string, { content: unknown }> } }>;
    };
    for (const { path } of LISTS) {
      const schema = JSON.stringify(docs.paths[path].get.responses['200'].content);
      expect(schema).toContain('#/components/schemas/PageMeta');
      expect(schema).toContain('"data"');
    }
  });
});
