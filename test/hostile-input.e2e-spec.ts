import fc from 'fast-check';
import { validateEnvironment } from '../src/config/environment';
import { ERROR_CATALOG } from '../src/common/errors/error-codes';
import { MAX_ARRAY_ITEMS, MAX_INPUT_KEYS } from '../src/common/http/input-budgets';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../src/leads/import/lead-import.service';
import {
  hostileBody,
  HOSTILE_CONSTANTS,
  malformedShapes,
  malformedTransport,
  plausibleValue,
  serialize,
  SQL_FRAGMENTS,
} from './support/hostile-values';
import {
  ApiOperation,
  apiOperations,
  changedTables,
  DatabaseFixtures,
  isQueryRoute,
  OpenApiDocument,
  tableForField,
  WRITE_METHODS,
} from './support/openapi-routes';
import { registeredRoutes } from './support/routes';
import { ApiResponse, startTestApp, TEST_ENV, TestApp } from './support/test-app';

/**
 * Hostile input at every write and list route of the OpenAPI document, as an admin (so that
 * authorization masks nothing) on real records: generated bodies (fast-check), malformed JSON,
 * wrong media types, hostile query strings and oversized payloads. Every answer must be a 4xx
 * problem+json (or a 2xx), never a 5xx, and a refused request must leave the database as it was.
 *
 * Replay a failure with HOSTILE_SEED=<seed printed> (and the `path` fast-check prints).
 */
const SEED = Number(process.env.HOSTILE_SEED ?? 20_260_610);
const BODY_RUNS = Number(process.env.HOSTILE_RUNS ?? 15);
const QUERY_RUNS = Number(process.env.HOSTILE_QUERY_RUNS ?? 10);
/** How many of the transport-level malformed bodies each write route gets (in rotation). */
const TRANSPORT_CASES_PER_ROUTE = Number(process.env.HOSTILE_TRANSPORT_CASES ?? 3);
const BODY_LIMIT_BYTES = validateEnvironment({
  ...TEST_ENV,
  DATABASE_URL: 'postgres://localhost/unused',
}).BODY_LIMIT_BYTES;

/**
 * Tables a refused request may legitimately change, by route: a failed login counts against the
 * account's throttle.
 */
const MAY_CHANGE_WHEN_REFUSED: Record<string, string[]> = {
  'POST /api/v1/auth/login': ['login_throttles'],
};

/**
 * 5xx answers that are not faults: the test runs without a compute center, so the routes that call
 * it say it cannot be reached (still problem+json, still writing nothing).
 */
const DEPENDENCY_UNAVAILABLE = ['COMPUTE_CENTER_UNAVAILABLE'];

type Snapshot = Map<string, string>;

describe('hostile input at every write and list route', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let fixtures: DatabaseFixtures;
  let operations: ApiOperation[];
  let writes: ApiOperation[];
  let queries: ApiOperation[];
  const counts = {
    generated: 0,
    fixed: 0,
    routes: new Set<string>(),
    statuses: new Map<number, number>(),
  };

  beforeAll(async () => {
    // No background jobs: any change in the database is the request's own.
    t = await startTestApp({ JOBS_ENABLED: 'false' });
    admin = await t.tokenFor('admin');
    adminId = (await t.request('GET', '/api/v1/auth/me', { token: admin })).body.id;
    fixtures = await DatabaseFixtures.load(t.db);
    const doc = await t.request<OpenApiDocument>('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    operations = apiOperations(doc.body);
    // Deletes last: they remove the records the other routes work on.
    writes = operations
      .filter((operation) => WRITE_METHODS.includes(operation.method))
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    queries = operations.filter(isQueryRoute);
  }, 60_000);

  afterAll(async () => {
    console.log(
      `hostile input: seed ${SEED}; ${counts.routes.size} routes; ${counts.generated} generated inputs and ${counts.fixed} fixed hostile inputs tried; answers by status: ${JSON.stringify(Object.fromEntries([...counts.statuses].sort(([a], [b]) => a - b)))}`,
    );
    await t?.close();
  });

  const preview = (value: unknown) => {
    const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
    return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  };

  /** Never a 5xx; a refusal is problem+json with its code and leaves the database unchanged. */
  async function expectHandled(
    route: string,
    input: unknown,
    response: ApiResponse,
    before?: Snapshot,
  ): Promise<Snapshot | undefined> {
    counts.statuses.set(response.status, (counts.statuses.get(response.status) ?? 0) + 1);
    const where = `${route} with ${preview(input)} → ${response.status} ${preview(response.text)}`;
    const dependencyDown =
      response.status === 503 && DEPENDENCY_UNAVAILABLE.includes(response.body?.code);
    if (response.status >= 500 && !dependencyDown) throw new Error(`server error: ${where}`);
    if (response.status < 400) return before && fixtures.snapshot();
    const type = response.headers.get('content-type') ?? '';
    if (!/^application\/problem\+json/.test(type))
      throw new Error(`not problem+json (${type}): ${where}`);
    const body = response.body as Record<string, unknown>;
    if (
      typeof body?.type !== 'string' ||
      typeof body.title !== 'string' ||
      body.status !== response.status ||
      typeof body.code !== 'string' ||
      !(body.code in ERROR_CATALOG)
    ) {
      throw new Error(`malformed problem: ${where}`);
    }
    if (!before) return undefined;
    const after = await fixtures.snapshot();
    const allowed = MAY_CHANGE_WHEN_REFUSED[route] ?? [];
    const changed = changedTables(before, after).filter((table) => !allowed.includes(table));
    if (changed.length) throw new Error(`refused but wrote to ${changed.join(', ')}: ${where}`);
    return after;
  }

  /** The route's URL on real records (never the admin's own account: it must stay an admin). */
  async function target(operation: ApiOperation) {
    const fixture = await fixtures.fixture(operation.path, [adminId]);
    const headers: Record<string, string> = {};
    if (operation.ifMatch) headers['if-match'] = `"${fixture.version ?? 1}"`;
    return { url: fixture.url, headers };
  }

  async function plausibleBody(operation: ApiOperation): Promise<Record<string, unknown>> {
    const schema = operation.jsonBody ?? { type: 'object', properties: {} };
    const ids = new Map<string, string>();
    for (const [field, property] of Object.entries(schema.properties ?? {})) {
      const format = property.format ?? property.items?.format;
      if (format === 'uuid') {
        const id = await fixtures.anyId(tableForField(field, fixtures.tables), [adminId]);
        ids.set(field, id);
      }
    }
    const base = plausibleValue(
      { ...schema, type: 'object' },
      (field) => ids.get(field) ?? crypto.randomUUID(),
    );
    return base as Record<string, unknown>;
  }

  const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SQL_FRAGMENTS) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        ...HOSTILE_CONSTANTS.filter((value) => typeof value !== 'object' || value === null).map(
          (value) => String(value),
        ),
        '201',
        '0',
        '-1',
        '1.5',
        '1e308',
        '99999999999999999999',
        'true',
        'yes',
        'id',
        '-id',
        'createdAt,createdAt',
        ',,,',
        '-',
        'passwordHash',
        'company.name',
        '__proto__',
        'eyJ4IjoxfQ',
        'eyJ2IjpbIic7IERST1AgVEFCTEUgY29tcGFuaWVzOyAtLSJdfQ',
        '2024-02-30',
        '2024-01-01T00:00:00Z',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );

  function queryString(pairs: [string, string][]): string {
    const search = new URLSearchParams();
    for (const [name, value] of pairs) search.append(name, value);
    const text = search.toString();
    return text ? `?${text}` : '';
  }

  it('finds every registered write and list route in the OpenAPI document', () => {
    const documented = new Set(operations.map((operation) => operation.name));
    const registered = registeredRoutes(t.app)
      .filter((route) => route.path.startsWith('/api/'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.filter((name) => !documented.has(name))).toEqual([]);
    expect(writes.length).toBeGreaterThan(50);
    expect(queries.length).toBeGreaterThan(20);
  });

  it('answers generated bodies on every write route with a 4xx problem (or a success), never a 5xx or a partial write', async () => {
    for (const operation of writes) {
      counts.routes.add(operation.name);
      const base = await plausibleBody(operation);
      const schema = operation.jsonBody ?? { type: 'object', properties: {} };
      const csv = operation.contentTypes.includes('text/csv');
      const queryArbitrary = operation.query.length
        ? fc.array(
            fc.tuple(
              fc.constantFrom(...operation.query.map((q) => q.name), 'extra'),
              hostileQueryValue,
            ),
            { maxLength: 2 },
          )
        : fc.constant([] as [string, string][]);
      const bodyArbitrary: fc.Arbitrary<{ text: string; contentType: string }> = csv
        ? fc
            .array(
              fc.array(fc.oneof(fc.constantFrom(...SQL_FRAGMENTS), fc.string({ unit: 'binary' })), {
                maxLength: 8,
              }),
              {
                maxLength: 6,
              },
            )
            .map((rows) => ({
              contentType: 'text/csv',
              text: [
                '企业名称,联系人,电话,来源',
                ...rows.map((cells) =>
                  cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','),
                ),
              ].join('\n'),
            }))
        : hostileBody(schema, base).map((body) => ({
            contentType: 'application/json',
            text: serialize(body),
          }));
      let before = await fixtures.snapshot();
      await fc.assert(
        fc.asyncProperty(
          bodyArbitrary,
          queryArbitrary,
          fc.boolean(),
          async (body, query, idempotent) => {
            counts.generated++;
            const { url, headers } = await target(operation);
            if (idempotent) headers['idempotency-key'] = crypto.randomUUID();
            const response = await t.request(operation.method, `${url}${queryString(query)}`, {
              token: admin,
              rawBody: Buffer.from(body.text),
              headers: { ...headers, 'content-type': body.contentType },
            });
            before =
              (await expectHandled(
                operation.name,
                `${queryString(query)} ${body.text}`,
                response,
                before,
              )) ?? before;
          },
        ),
        { seed: SEED, numRuns: BODY_RUNS, endOnFailure: true },
      );
    }
  }, 120_000);

  it('refuses malformed JSON, deep nesting, invalid UTF-8, prototype keys and wrong media types on every write route', async () => {
    const transportSeen = new Set<string>();
    for (const [index, operation] of writes.entries()) {
      const base = await plausibleBody(operation);
      const field = Object.keys(operation.jsonBody?.properties ?? {})[0] ?? 'name';
      // Every route gets every shape; the transport cases (refused before any route runs) go round
      // the routes in turn, so that each one meets several routes of every kind.
      const transport = malformedTransport(base, field);
      const rotated = Array.from(
        { length: TRANSPORT_CASES_PER_ROUTE },
        (_, k) => transport[(index * TRANSPORT_CASES_PER_ROUTE + k) % transport.length],
      );
      rotated.forEach((bad) => transportSeen.add(bad.name));
      let before = await fixtures.snapshot();
      for (const bad of [...malformedShapes(base, field), ...rotated]) {
        counts.fixed++;
        const { url, headers } = await target(operation);
        const contentType = bad.contentType ?? 'application/json';
        const response = await t.request(operation.method, url, {
          token: admin,
          rawBody: Buffer.isBuffer(bad.body) ? bad.body : Buffer.from(bad.body),
          headers: contentType ? { ...headers, 'content-type': contentType } : headers,
        });
        before =
          (await expectHandled(
            operation.name,
            `${bad.name}: ${preview(bad.body)}`,
            response,
            before,
          )) ?? before;
        // Prototype keys never reach an object unnoticed: the parser refuses them.
        if (/__proto__|constructor/.test(bad.name) && operation.jsonBody) {
          expect([operation.name, bad.name, response.status]).toEqual([
            operation.name,
            bad.name,
            400,
          ]);
        }
      }
      // Nothing polluted Object.prototype in the app's process.
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(transportSeen.size).toBe(malformedTransport({}, 'name').length);
  }, 120_000);

  it('answers hostile query strings on every list route with 200 or a 400 problem, and writes nothing', async () => {
    for (const operation of queries) {
      counts.routes.add(operation.name);
      const names = operation.query.map((q) => q.name);
      const pairs = fc.array(
        fc.tuple(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...names) },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                'unknownParam',
                '__proto__',
                'constructor',
                'sort[0]',
                'limit[]',
              ),
            },
          ),
          hostileQueryValue,
        ),
        { minLength: 1, maxLength: 4 },
      );
      // A read never writes: one snapshot around the route's whole run.
      const before = await fixtures.snapshot();
      const send = async (query: string) => {
        const { url } = await target(operation);
        const response = await t.request('GET', `${url}${query}`, { token: admin });
        await expectHandled(operation.name, query, response);
        if (![200, 400].includes(response.status)) {
          throw new Error(
            `${operation.name}${query} answered ${response.status}: ${preview(response.text)}`,
          );
        }
      };
      await fc.assert(
        fc.asyncProperty(pairs, async (generated) => {
          counts.generated++;
          await send(queryString(generated));
        }),
        { seed: SEED, numRuns: QUERY_RUNS, endOnFailure: true },
      );
      // Raw hostile encodings and repeated parameters, which URLSearchParams would not write.
      const every = (value: (name: string) => string) => `?${names.map(value).join('&')}`;
      const fixed = [
        every((name) => `${name}=%00`),
        every((name) => `${name}=a&${name}=b`),
        every((name) => `${name}[]=a`),
        every((name) => `${name}[$ne]=1`),
        `?${names[0]}=%E0%A4%A`,
        `?${names[0]}=%ff%fe`,
        `?${names[0]}=%ED%A0%80`,
        `?${names[0]}=${'9'.repeat(400)}`,
        `?${names[0]}=${encodeURIComponent("'; DROP TABLE companies; --")}`,
        `?${names.map((name) => `${name}=${encodeURIComponent("' OR 1=1 --")}`).join('&')}`,
        `?${'x'.repeat(4000)}=1`,
        `?${Array.from({ length: 200 }, (_, i) => `p${i}=1`).join('&')}`,
      ];
      for (const query of fixed) {
        counts.fixed++;
        await send(query);
      }
      expect(changedTables(before, await fixtures.snapshot())).toEqual([]);
    }
  }, 120_000);

  it(`refuses a JSON body over BODY_LIMIT_BYTES with 413 on every JSON write route, and takes one at the limit`, async () => {
    const before = await fixtures.snapshot();
    const jsonRoutes = writes.filter((operation) => operation.jsonBody);
    for (const operation of jsonRoutes) {
      counts.fixed++;
      const { url, headers } = await target(operation);
      const field = Object.keys(operation.jsonBody?.properties ?? {})[0] ?? 'name';
      const prefix = `{"${field}":"`;
      const body = Buffer.alloc(BODY_LIMIT_BYTES + 1, 'x');
      body.write(prefix);
      body.write('"}', body.length - 2);
      const response = await t.request(operation.method, url, {
        token: admin,
        rawBody: body,
        headers: { ...headers, 'content-type': 'application/json' },
      });
      await expectHandled(operation.name, `${BODY_LIMIT_BYTES + 1} bytes`, response, before);
      expect([operation.name, response.status, response.body.code]).toEqual([
        operation.name,
        413,
        'PAYLOAD_TOO_LARGE',
      ]);
    }
    // Streamed without a length (chunked), the limit holds as well.
    const users = jsonRoutes.find((operation) => operation.name === 'POST /api/v1/users')!;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(Buffer.from('{"displayName":"'));
        if (sent > BODY_LIMIT_BYTES) {
          controller.enqueue(Buffer.from('"}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const chunked = await fetch(`${t.baseUrl}${users.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    expect(chunked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await chunked.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    // Exactly at the limit the body is read (and refused for its content, not its size).
    const atLimit = Buffer.alloc(BODY_LIMIT_BYTES, 'x');
    atLimit.write('{"displayName":"');
    atLimit.write('"}', atLimit.length - 2);
    const fits = await t.request('POST', users.path, {
      token: admin,
      rawBody: atLimit,
      headers: { 'content-type': 'application/json' },
    });
    expect(fits.status).toBe(400);
    expect(changedTables(before, await fixtures.snapshot())).toEqual([]);
  }, 120_000);

  it('refuses bodies over the key and array budgets on every JSON write route with a small 413, writing nothing', async () => {
    const keys = (count: number, prefix = 'k') =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 0]));
    // 11 objects of 90 keys: 990 keys inside, 11 outside, 1,001 in all.
    const spread = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`group${i}`, keys(90)]),
    );
    const shapes: [string, (field: string) => unknown][] = [
      [`${MAX_INPUT_KEYS + 1} keys`, (field) => ({ [field]: 'x', ...keys(MAX_INPUT_KEYS) })],
      [`${MAX_INPUT_KEYS + 1} keys at several depths`, () => spread],
      [
        `an array of ${MAX_ARRAY_ITEMS + 1} items`,
        (field) => ({ [field]: Array(MAX_ARRAY_ITEMS + 1).fill(0) }),
      ],
      [
        `a nested array of ${MAX_ARRAY_ITEMS + 1} items`,
        (field) => ({ [field]: [{ list: Array(MAX_ARRAY_ITEMS + 1).fill('x') }] }),
      ],
    ];
    const before = await fixtures.snapshot();
    const jsonRoutes = writes.filter((operation) => operation.jsonBody);
    for (const operation of jsonRoutes) {
      const field = Object.keys(operation.jsonBody?.properties ?? {})[0] ?? 'name';
      for (const [name, shape] of shapes) {
        counts.fixed++;
        const { url, headers } = await target(operation);
        const response = await t.request(operation.method, url, {
          token: admin,
          body: shape(field),
          headers,
        });
        await expectHandled(operation.name, name, response, before);
        expect([operation.name, name, response.status, response.body.code]).toEqual([
          operation.name,
          name,
          413,
          'PAYLOAD_TOO_LARGE',
        ]);
        expect(response.text.length).toBeLessThan(1_000);
      }
    }
    expect(changedTables(before, await fixtures.snapshot())).toEqual([]);
  }, 120_000);

  it('lists at most 20 unknown fields, and how many more there were', async () => {
    // source, company and company.name: with the unknown ones, exactly the key budget.
    const unknownCount = MAX_INPUT_KEYS - 3;
    const unknown = Object.fromEntries(
      Array.from({ length: unknownCount }, (_, i) => [`unknown${i}`, 1]),
    );
    const before = await fixtures.snapshot();
    const response = await t.request('POST', '/api/v1/leads', {
      token: admin,
      body: { source: 'inbound', company: { name: `预算测试${SEED}` }, ...unknown },
    });
    await expectHandled('POST /api/v1/leads', `${unknownCount} unknown fields`, response, before);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toHaveLength(20);
    expect(response.body.detail).toBe(
      `Unknown field(s): ${Array.from({ length: 20 }, (_, i) => `unknown${i}`).join(', ')} and ${unknownCount - 20} more`,
    );
    expect(response.text.length).toBeLessThan(4_000);
  });

  it('answers an anonymous login of 60,000 keys with a small 413, before any validation', async () => {
    const body = {
      email: 'a@demo.park',
      password: 'x',
      ...Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1])),
    };
    const before = await fixtures.snapshot();
    const response = await t.request('POST', '/api/v1/auth/login', { body });
    await expectHandled('POST /api/v1/auth/login', '60,000 keys', response, before);
    expect([response.status, response.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(response.text.length).toBeLessThan(1_000);
    const after = await fixtures.snapshot();
    expect(changedTables(before, after)).toEqual([]);
  });

  it('refuses a query string over the key budget on every list route with a small 414', async () => {
    const query = `?${Array.from({ length: MAX_INPUT_KEYS + 1 }, (_, i) => `p${i}=`).join('&')}`;
    for (const operation of queries) {
      counts.fixed++;
      const { url } = await target(operation);
      const response = await t.request('GET', `${url}${query}`, { token: admin });
      await expectHandled(operation.name, `${MAX_INPUT_KEYS + 1} parameters`, response);
      expect([operation.name, response.status, response.body.code]).toEqual([
        operation.name,
        414,
        'URI_TOO_LONG',
      ]);
      expect(response.text.length).toBeLessThan(1_000);
    }
  });

  it('refuses a CSV import over its own size limit and over its row limit with 413, importing nothing', async () => {
    const importRoutes = writes.filter((operation) => operation.contentTypes.includes('text/csv'));
    expect(importRoutes.length).toBeGreaterThan(0);
    const before = await fixtures.snapshot();
    for (const operation of importRoutes) {
      counts.fixed += 2;
      const { url } = await target(operation);
      const tooBig = Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a');
      tooBig.write('企业名称\n');
      const big = await t.request('POST', url, {
        token: admin,
        rawBody: tooBig,
        headers: { 'content-type': 'text/csv' },
      });
      await expectHandled(operation.name, `${tooBig.length} bytes of CSV`, big, before);
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
      const rows = `企业名称\n${'企\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
      const many = await t.request('POST', url, {
        token: admin,
        rawBody: Buffer.from(rows),
        headers: { 'content-type': 'text/csv' },
      });
      await expectHandled(operation.name, `${MAX_IMPORT_ROWS + 1} rows`, many, before);
      expect(many.status).toBe(413);
      expect(many.body.code).toBe('PAYLOAD_TOO_LARGE');
    }
  }, 60_000);
});
