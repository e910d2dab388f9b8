import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/auth/jwt-secret';
import { MAX_IMPORT_BYTES } from '../src/leads/import/lead-import.service';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { freePort, spawnApp, stopApp, waitUntilHealthy } from './support/app-process';
import { newCompanyName } from './support/factories';
import { registeredRoutes } from './support/routes';
import { createTestDatabase } from './support/test-database';
import { connectionLifetime, RawAnswer, rawRequest, requestHead } from './support/raw-http';
import { ApiResponse, startTestApp, TEST_ENV, TestApp } from './support/test-app';

const ADMIN_ORIGIN = 'https://admin.park.test';
const BODY_LIMIT = 8 * 1024;

const isProblem = (response: ApiResponse) =>
  /^application\/problem\+json/.test(response.headers.get('content-type') ?? '');

/** The headers helmet sets on every answer, errors and framework answers included. */
const EXPECTED: Record<string, RegExp> = {
  'content-security-policy':
    /^default-src 'self';base-uri 'self';connect-src 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data: blob:;manifest-src 'self';object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';worker-src 'self' blob:$/,
  'strict-transport-security': /^max-age=\d{7,}; includeSubDomains$/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^no-referrer$/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-resource-policy': /^same-origin$/,
  'origin-agent-cluster': /^\?1$/,
  'x-dns-prefetch-control': /^off$/,
  'x-download-options': /^noopen$/,
  'x-permitted-cross-domain-policies': /^none$/,
};

describe('hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: ADMIN_ORIGIN, BODY_LIMIT_BYTES: String(BODY_LIMIT) });
  });
  afterAll(() => t?.close());

  describe('security headers', () => {
    let checked = 0;
    afterAll(() => console.log(`security headers: ${checked} header values checked`));

    it.each([
      ['the web admin', 'GET', '/', undefined, 200],
      ['a hashed web asset', 'GET', '/favicon.svg', undefined, 200],
      ['Swagger UI', 'GET', '/api/docs', undefined, 200],
      ['the OpenAPI document', 'GET', '/api/docs-json', undefined, 200],
      ['an API route', 'GET', '/api/v1/auth/me', 'admin', 200],
      ['a list', 'GET', '/api/v1/leads?limit=1', 'admin', 200],
      ['health', 'GET', '/health', undefined, 200],
      ['a 401', 'GET', '/api/v1/leads', undefined, 401],
      ['a 403', 'POST', '/api/v1/users', 'viewer', 403],
      ['a 404', 'GET', '/api/v1/no-such-route', 'admin', 404],
      ['a 400', 'GET', '/api/v1/leads?limit=abc', 'admin', 400],
    ])('on %s', async (_name, method, path, user, status) => {
      const response = await t.request(method, path, {
        token: user ? await t.tokenFor(user) : undefined,
      });
      expect(response.status).toBe(status);
      if (status >= 400) expect(isProblem(response)).toBe(true);
      for (const [header, value] of Object.entries(EXPECTED)) {
        expect([header, response.headers.get(header)]).toEqual([
          header,
          expect.stringMatching(value),
        ]);
        checked++;
      }
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('on a 413 and a malformed JSON body', async () => {
      for (const rawBody of ['x'.repeat(BODY_LIMIT * 2), '{"broken":']) {
        const response = await t.request('POST', '/api/v1/leads', {
          token: await t.tokenFor('admin'),
          rawBody,
          headers: { 'content-type': 'application/json' },
        });
        expect([413, 400]).toContain(response.status);
        expect(isProblem(response)).toBe(true);
        for (const [header, value] of Object.entries(EXPECTED)) {
          expect([header, response.headers.get(header)]).toEqual([
            header,
            expect.stringMatching(value),
          ]);
          checked++;
        }
      }
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string, path = '/api/v1/leads') =>
      t.request('OPTIONS', path, {
        headers: {
          origin,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,content-type,if-match,idempotency-key',
        },
      });
    const corsHeaders = (response: ApiResponse) =>
      [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

    it('answers a preflight from the configured admin origin', async () => {
      const response = await preflight(ADMIN_ORIGIN);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
      expect(response.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(
        expect.stringContaining('if-match'),
      );
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('vary')).toMatch(/origin/i);

      const list = await t.request('GET', '/api/v1/leads?limit=1', {
        token: await t.tokenFor('admin'),
        headers: { origin: ADMIN_ORIGIN },
      });
      expect(list.status).toBe(200);
      expect(list.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
      expect(list.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    });

    it.each([
      'https://evil.example',
      'https://admin.park.test.evil.example',
      'http://admin.park.test',
      'https://admin.park.test:8443',
      'null',
    ])('gives %s no CORS header at all', async (origin) => {
      const response = await preflight(origin);
      expect(corsHeaders(response)).toEqual([]);
      expect(response.status).toBe(404);
      expect(isProblem(response)).toBe(true);
      const list = await t.request('GET', '/api/v1/leads?limit=1', {
        token: await t.tokenFor('admin'),
        headers: { origin },
      });
      expect(list.status).toBe(200);
      expect(corsHeaders(list)).toEqual([]);
    });
  });

  describe('access tokens', () => {
    const SECRET = TEST_ENV.JWT_SECRET;
    const b64 = (value: object | string) =>
      Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
    const HASHES = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512', RS256: 'sha256' } as const;
    const sign = (header: Record<string, unknown>, payload: object, key = SECRET) => {
      const input = `${b64(header)}.${b64(payload)}`;
      const alg = String(header.alg) as keyof typeof HASHES;
      const signature = HASHES[alg]
        ? createHmac(HASHES[alg], key).update(input).digest('base64url')
        : '';
      return `${input}.${signature}`;
    };
    let valid: string;
    let refreshToken: string;
    let claims: { sub: string; sid: string; iat: number; exp: number; iss: string; aud: string };

    beforeAll(async () => {
      const login = await t.login('admin@demo.park');
      valid = login.body.accessToken;
      refreshToken = login.body.refreshToken;
      claims = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString());
    });

    it('accepts the genuine token, which names its issuer and audience', async () => {
      expect(claims).toMatchObject({ iss: JWT_ISSUER, aud: JWT_AUDIENCE });
      expect(JSON.parse(Buffer.from(valid.split('.')[0], 'base64url').toString())).toEqual({
        alg: 'HS256',
        typ: 'JWT',
      });
      expect((await t.request('GET', '/api/v1/auth/me', { token: valid })).status).toBe(200);
      // The test's own signer makes tokens the app accepts: the forgeries below fail for their flaw only.
      const resigned = sign({ alg: 'HS256', typ: 'JWT' }, claims);
      expect((await t.request('GET', '/api/v1/auth/me', { token: resigned })).status).toBe(200);
    });

    it('refuses every forgery with 401 problem+json', async () => {
      const now = Math.floor(Date.now() / 1000);
      const hs256 = { alg: 'HS256', typ: 'JWT' };
      const [head, body, signature] = valid.split('.');
      const flipped =
        signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
      const { iss: _iss, aud: _aud, ...unscoped } = claims;
      const viewer = await t.login('viewer@demo.park');
      const viewerClaims = JSON.parse(
        Buffer.from(viewer.body.accessToken.split('.')[1], 'base64url').toString(),
      );
      const forgeries: Record<string, string> = {
        'tampered signature': `${head}.${body}.${flipped}`,
        'no signature': `${head}.${body}.`,
        'payload swapped under the admin signature': `${head}.${b64({ ...claims, sub: viewerClaims.sub })}.${signature}`,
        'another user’s session under the admin signature': `${head}.${b64({ ...claims, sid: viewerClaims.sid })}.${signature}`,
        'alg none': sign({ alg: 'none', typ: 'JWT' }, claims),
        'alg None': sign({ alg: 'None', typ: 'JWT' }, claims),
        'alg NONE with the real signature': `${b64({ alg: 'NONE', typ: 'JWT' })}.${body}.${signature}`,
        'HS512 with the key': sign({ alg: 'HS512', typ: 'JWT' }, claims),
        'HS384 with the key': sign({ alg: 'HS384', typ: 'JWT' }, claims),
        'RS256 header, HMAC with the key': sign({ alg: 'RS256', typ: 'JWT' }, claims),
        'another key': sign(hs256, claims, 'another-secret-that-is-long-enough-for-hs256'),
        expired: sign(hs256, { ...claims, iat: now - 7200, exp: now - 3600 }),
        'not yet valid': sign(hs256, { ...claims, nbf: now + 3600 }),
        'wrong issuer': sign(hs256, { ...claims, iss: 'someone-else' }),
        'wrong audience': sign(hs256, { ...claims, aud: 'another-api' }),
        'no issuer nor audience': sign(hs256, unscoped),
        'no session id': sign(hs256, { ...claims, sid: undefined }),
        'unknown session': sign(hs256, { ...claims, sid: randomUUID() }),
        'unknown user': sign(hs256, { ...claims, sub: randomUUID() }),
        'refresh token as access token': refreshToken,
        'not a JWT': 'not.a.jwt',
        'empty bearer': '',
      };
      const accepted: string[] = [];
      for (const [name, token] of Object.entries(forgeries)) {
        const response = await t.request('GET', '/api/v1/auth/me', {
          headers: { authorization: `Bearer ${token}` },
        });
        if (
          response.status !== 401 ||
          !isProblem(response) ||
          response.body.code !== 'UNAUTHENTICATED'
        )
          accepted.push(`${name}: ${response.status} ${response.text.slice(0, 120)}`);
      }
      // The genuine token still works: none of the tries locked the account or the session out.
      expect((await t.request('GET', '/api/v1/auth/me', { token: valid })).status).toBe(200);
      expect(accepted).toEqual([]);
      console.log(`access tokens: ${Object.keys(forgeries).length} forgeries refused`);
    });
  });

  describe('password policy', () => {
    const weak = (email: string, displayName: string) => [
      'Short#1',
      'abcdefghijkl',
      '123456789012',
      'Password123',
      'qwertyuiop',
      `${email}!`,
      `${displayName}-2026`,
    ];

    it('refuses weak passwords when a user is created, at the password field', async () => {
      const admin = await t.tokenFor('admin');
      const email = `policy-${randomUUID().slice(0, 8)}@demo.park`;
      const displayName = 'Policy Tester';
      for (const password of weak(email, displayName)) {
        const response = await t.request('POST', '/api/v1/users', {
          token: admin,
          body: { email, displayName, role: 'viewer', password },
        });
        expect([password, response.status]).toEqual([password, 400]);
        expect(isProblem(response)).toBe(true);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        // Too short is the DTO's minLength (with its limit); the rest the policy's weak_password.
        const code = password.length < 10 ? 'minLength' : 'weak_password';
        expect(response.body.errors).toEqual([
          expect.objectContaining({ field: 'password', code, message: expect.any(String) }),
        ]);
      }
      const { rows } = await t.db.query('SELECT 1 FROM users WHERE email = $1', [email]);
      expect(rows).toHaveLength(0);
      const created = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { email, displayName, role: 'viewer', password: 'Garden-Lamp-42' },
      });
      expect(created.status).toBe(201);
      expect((await t.login(email, 'Garden-Lamp-42')).status).toBe(200);
    });

    it('refuses weak passwords when a password is changed, even one holding a new name', async () => {
      const admin = await t.tokenFor('admin');
      const email = `policy-${randomUUID().slice(0, 8)}@demo.park`;
      const created = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { email, displayName: 'Before Rename', role: 'viewer', password: 'Garden-Lamp-42' },
      });
      expect(created.status).toBe(201);
      const change = (body: Record<string, unknown>) =>
        t.request('PATCH', `/api/v1/users/${created.body.id}`, {
          token: admin,
          body,
          headers: { 'if-match': `"${created.body.version}"` },
        });
      for (const password of [...weak(email, 'Before Rename'), 'Lotus Pond 2026!']) {
        const body =
          password === 'Lotus Pond 2026!' ? { password, displayName: 'Lotus Pond' } : { password };
        const response = await change(body);
        expect([password, response.status, response.body.code]).toEqual([
          password,
          400,
          'VALIDATION_FAILED',
        ]);
        expect(response.body.errors[0].field).toBe('password');
      }
      const { rows } = await t.db.query('SELECT version FROM users WHERE id = $1', [
        created.body.id,
      ]);
      expect(rows[0].version).toBe(created.body.version);
      expect((await t.login(email, 'Garden-Lamp-42')).status).toBe(200);
      const changed = await change({ password: 'Quiet-River-77' });
      expect(changed.status).toBe(200);
      expect((await t.login(email, 'Quiet-River-77')).status).toBe(200);
    });
  });

  it('answers a JSON body over BODY_LIMIT_BYTES with 413 problem+json and writes nothing', async () => {
    const name = newCompanyName();
    const response = await t.request('POST', '/api/v1/leads', {
      token: await t.tokenFor('admin'),
      body: { source: 'inbound', company: { name }, notes: '备注'.repeat(BODY_LIMIT) },
    });
    expect(response.status).toBe(413);
    expect(isProblem(response)).toBe(true);
    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const { rows } = await t.db.query('SELECT 1 FROM companies WHERE name = $1', [name]);
    expect(rows).toHaveLength(0);
  });

  describe('request budgets, uploads and framework errors', () => {
    const CSV_SIZE = 62 * 1024 * 1024;
    const headersOf = (answer: RawAnswer) =>
      Object.keys(EXPECTED).map((name) => [name, EXPECTED[name].test(answer.headers[name] ?? '')]);
    const allSecurityHeaders = Object.keys(EXPECTED).map((name) => [name, true]);
    const problemOf = (answer: RawAnswer | undefined) => {
      expect(answer).toBeDefined();
      expect(answer!.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(headersOf(answer!)).toEqual(allSecurityHeaders);
      return JSON.parse(answer!.body) as { status: number; code: string; instance?: string };
    };
    /** A CSV upload announcing 62 MB of which only the first line is sent. */
    const partialCsv = (path: string, headers: Record<string, string> = {}) =>
      rawRequest(
        t.baseUrl,
        requestHead('POST', path, {
          ...headers,
          'content-type': 'text/csv',
          'content-length': CSV_SIZE,
        }),
        '企业名称,联系人\n',
      );

    it('answers text/csv with 415 on every route but the import, before reading the body', async () => {
      for (const path of [
        '/api/v1/auth/logout',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/leads',
        '/api/v1/no-such-route',
      ]) {
        const answer = await partialCsv(path);
        expect([path, answer?.status]).toEqual([path, 415]);
        expect(problemOf(answer).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('reads an import only once the caller is authenticated and may import', async () => {
      const anonymous = await partialCsv('/api/v1/leads/import');
      expect(anonymous?.status).toBe(401);
      expect(problemOf(anonymous).code).toBe('UNAUTHENTICATED');
      const viewer = await partialCsv('/api/v1/leads/import', {
        authorization: `Bearer ${await t.tokenFor('viewer')}`,
      });
      expect(viewer?.status).toBe(403);
      expect(problemOf(viewer).code).toBe('FORBIDDEN');
      // Announced over the import's own limit: refused before a byte of it is read.
      const admin = `Bearer ${await t.tokenFor('admin')}`;
      const tooBig = await rawRequest(
        t.baseUrl,
        requestHead('POST', '/api/v1/leads/import?dryRun=true', {
          authorization: admin,
          'content-type': 'text/csv',
          'content-length': MAX_IMPORT_BYTES + 1,
        }),
        '企业名称\n',
      );
      expect(tooBig?.status).toBe(413);
      expect(problemOf(tooBig).code).toBe('PAYLOAD_TOO_LARGE');
      // A JSON body announced over BODY_LIMIT_BYTES is refused as soon as its head is read.
      const json = await rawRequest(
        t.baseUrl,
        requestHead('POST', '/api/v1/leads', {
          authorization: admin,
          'content-type': 'application/json',
          'content-length': BODY_LIMIT + 1,
        }),
        '{"source":',
      );
      expect(json?.status).toBe(413);
      expect(problemOf(json).code).toBe('PAYLOAD_TOO_LARGE');
      // The import itself still takes its CSV.
      const csv = await t.request('POST', '/api/v1/leads/import?dryRun=true', {
        token: await t.tokenFor('admin'),
        rawBody: Buffer.from(`企业名称,来源\n${newCompanyName()},inbound\n`),
        headers: { 'content-type': 'text/csv' },
      });
      expect(csv.status).toBe(200);
      expect(csv.body).toMatchObject({ dryRun: true });
    });

    it('answers Fastify’s own refusals as problem+json with the security headers, echoing no long URL', async () => {
      const longId = 'a'.repeat(5_000);
      const tooLong = await rawRequest(
        t.baseUrl,
        requestHead('PATCH', `/api/v1/companies/${longId}`, {
          authorization: `Bearer ${await t.tokenFor('admin')}`,
          'if-match': '"1"',
          'content-type': 'application/json',
          'content-length': 2,
        }),
        '{}',
      );
      expect(tooLong?.status).toBe(414);
      const problem = problemOf(tooLong);
      expect(problem).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
      expect(problem.instance!.length).toBeLessThanOrEqual(200);
      expect(tooLong!.body.length).toBeLessThan(1_000);
      // A GET of the same path (which the web admin's catch-all route would take) alike.
      const read = await t.request('GET', `/api/v1/companies/${longId}`, {
        token: await t.tokenFor('admin'),
      });
      expect([read.status, read.body.code]).toEqual([414, 'URI_TOO_LONG']);
      expect(read.text.length).toBeLessThan(1_000);

      const badUrl = await rawRequest(t.baseUrl, requestHead('GET', '/%c0%ae%c0%ae/x'));
      expect(badUrl?.status).toBe(400);
      expect(problemOf(badUrl).code).toBe('BAD_REQUEST');

      // Requests Node's parser refuses: a broken request line, headers over its limit.
      const broken = await rawRequest(t.baseUrl, 'GET /a b c\r\n\r\n');
      expect(broken?.status).toBe(400);
      expect(problemOf(broken).code).toBe('BAD_REQUEST');
      const bigHeaders = await rawRequest(
        t.baseUrl,
        requestHead('GET', '/api/v1/leads', { 'x-filler': 'x'.repeat(20_000) }),
      );
      expect(bigHeaders?.status).toBe(431);
      expect(problemOf(bigHeaders).code).toBe('HEADERS_TOO_LARGE');
    });

    it('keeps instance and detail short on an unknown long path', async () => {
      const path = `/api/v1/${'nothing-here/'.repeat(300)}`;
      const response = await t.request('GET', path, { token: await t.tokenFor('admin') });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('ROUTE_NOT_FOUND');
      expect(response.body.instance.length).toBeLessThanOrEqual(200);
      expect(response.body.detail.length).toBeLessThanOrEqual(300);
    });

    it('takes a caller’s X-Request-Id only when it is a UUID, and audits the id it answered with', async () => {
      const admin = await t.tokenFor('admin');
      const given = randomUUID();
      const kept = await t.request('GET', '/api/v1/auth/me', {
        token: admin,
        headers: { 'x-request-id': given },
      });
      expect(kept.headers.get('x-request-id')).toBe(given);
      for (const forged of [
        'forged-request-id-0001',
        'admin:logged-in-from-nowhere',
        given + 'x',
      ]) {
        const name = newCompanyName();
        const created = await t.request('POST', '/api/v1/leads', {
          token: admin,
          body: { source: 'inbound', company: { name } },
          headers: { 'x-request-id': forged },
        });
        expect(created.status).toBe(201);
        const answered = created.headers.get('x-request-id');
        expect([forged, answered]).toEqual([
          forged,
          expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        ]);
        const { rows } = await t.db.query(
          `SELECT DISTINCT request_id FROM audit_log WHERE entity_id = $1`,
          [created.body.id],
        );
        expect(rows).toEqual([{ request_id: answered }]);
      }
    });
  });

  describe('the audit log', () => {
    it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
      const before = await t.db.query(
        'SELECT count(*)::int AS n, max(created_at) AS last FROM audit_log',
      );
      expect(before.rows[0].n).toBeGreaterThan(0);
      for (const statement of [
        `UPDATE audit_log SET action = 'forged'`,
        `UPDATE audit_log SET changes = '{}' WHERE id = (SELECT id FROM audit_log LIMIT 1)`,
        `DELETE FROM audit_log WHERE id = (SELECT id FROM audit_log LIMIT 1)`,
        `DELETE FROM audit_log`,
        `TRUNCATE audit_log`,
      ]) {
        await expect(t.db.query(statement)).rejects.toThrow(/audit_log is append-only/);
      }
      const after = await t.db.query(
        'SELECT count(*)::int AS n, max(created_at) AS last FROM audit_log',
      );
      expect(after.rows[0]).toEqual(before.rows[0]);
      const forged = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'forged'`);
      expect(forged.rows).toHaveLength(0);
    });

    it('has no API route that changes or deletes an entry', async () => {
      const auditRoutes = registeredRoutes(t.app).filter((route) => /\/audit\b/.test(route.path));
      expect(auditRoutes.map((route) => `${route.method} ${route.path}`)).toEqual([
        'GET /api/v1/audit',
      ]);
      const admin = await t.tokenFor('admin');
      const [entry] = (await t.request('GET', '/api/v1/audit?limit=1', { token: admin })).body.data;
      for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
        for (const path of ['/api/v1/audit', `/api/v1/audit/${entry.id}`]) {
          const response = await t.request(method, path, {
            token: admin,
            body: method === 'DELETE' ? undefined : { action: 'forged' },
            headers: { 'if-match': '"1"' },
          });
          expect([method, path, response.status]).toEqual([method, path, 404]);
          expect(isProblem(response)).toBe(true);
        }
      }
      const { rows } = await t.db.query('SELECT action FROM audit_log WHERE id = $1', [entry.id]);
      expect(rows).toEqual([{ action: entry.action }]);
    });
  });
});

describe('hardening: what reaches the logs', () => {
  it('never writes a password, a token, an API key, a phone or an e-mail', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const app = spawnApp({
      ...TEST_ENV,
      PORT: String(port),
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      JOBS_ENABLED: 'false',
    });
    try {
      await waitUntilHealthy(app);
      const call = async (method: string, path: string, init: RequestInit = {}) => {
        const response = await fetch(`${app.baseUrl}${path}`, {
          method,
          ...init,
          headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
        });
        const body = (await response.json().catch(() => undefined)) as any;
        return { status: response.status, body };
      };
      // The demo banner prints the documented demo password: the secrets here are a new user's.
      const admin = await call('POST', '/api/v1/auth/login', {
        body: JSON.stringify({ email: 'admin@demo.park', password: DEMO_PASSWORD }),
      });
      const userEmail = `promoter-${randomUUID().slice(0, 6)}@staff-mail.cn`;
      const userPassword = `Hidden-${randomUUID().slice(0, 8)}`;
      const user = await call('POST', '/api/v1/users', {
        headers: { authorization: `Bearer ${admin.body.accessToken}` },
        body: JSON.stringify({
          email: userEmail,
          displayName: '日志测试',
          role: 'promoter',
          password: userPassword,
        }),
      });
      expect(user.status).toBe(201);
      const login = await call('POST', '/api/v1/auth/login', {
        body: JSON.stringify({ email: userEmail, password: userPassword }),
      });
      expect(login.status).toBe(200);
      const { accessToken, refreshToken } = login.body;
      const auth = { authorization: `Bearer ${accessToken}` };
      const phone = '+86 139 1234 5678';
      const email = `ceo-${randomUUID().slice(0, 6)}@secret-firm.cn`;
      const wrongPassword = 'Not-The-Password-93';
      const apiKey = `pk_${randomUUID().replace(/-/g, '')}`;
      const lead = await call('POST', '/api/v1/leads', {
        headers: auth,
        body: JSON.stringify({
          source: 'inbound',
          company: { name: newCompanyName() },
          contact: { name: '张伟', phone, email },
        }),
      });
      expect(lead.status).toBe(201);
      const failures = [
        await call('POST', '/api/v1/auth/login', {
          body: JSON.stringify({ email, password: wrongPassword }),
        }),
        await call('POST', '/api/v1/leads', {
          headers: auth,
          body: JSON.stringify({
            source: 'inbound',
            contact: { name: 'x', phone: `${phone}x`, email },
          }),
        }),
        await call('GET', `/api/v1/leads?q=${encodeURIComponent(phone)}&email=${email}`, {
          headers: auth,
        }),
        // Personal data in a path (where an id belongs) reaches the request log's url.
        await call('GET', `/api/v1/users/${email}`, { headers: auth }),
        await call('GET', `/api/v1/leads/${phone}`, { headers: auth }),
        await call('GET', '/api/v1/leads', {
          headers: { 'x-api-key': apiKey, cookie: `sid=${apiKey}` },
        }),
        await call('GET', '/api/v1/auth/me', {
          headers: { authorization: `Bearer ${accessToken}x` },
        }),
        await call('POST', '/api/v1/auth/refresh', {
          body: JSON.stringify({ refreshToken: `${refreshToken}x` }),
        }),
      ];
      expect(failures.map((failure) => failure.status)).toEqual([
        401, 400, 400, 400, 400, 401, 401, 401,
      ]);
      expect(
        (await call('POST', '/api/v1/auth/refresh', { body: JSON.stringify({ refreshToken }) }))
          .status,
      ).toBe(200);

      await stopApp(app);
      const lines = app
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '');
      // The requests were logged (a silent logger would pass the checks below vacuously).
      const requestLines = lines.filter((line) => /"req":\{/.test(line));
      expect(requestLines.length).toBeGreaterThanOrEqual(9);
      expect(lines.some((line) => line.includes('"statusCode":401'))).toBe(true);
      const secrets = {
        password: userPassword,
        'wrong password': wrongPassword,
        'admin access token': admin.body.accessToken,
        'admin refresh token': admin.body.refreshToken,
        'access token': accessToken,
        'access token signature': accessToken.split('.')[2],
        'refresh token': refreshToken,
        'API key': apiKey,
        phone,
        'phone digits': phone.replace(/\D/g, '').slice(2),
        'phone as written in parts': '1234 5678',
        'phone in a URL': encodeURI(phone),
        email,
        'e-mail in a URL': encodeURIComponent(email),
        'e-mail local part': email.split('@')[0],
        'user e-mail': userEmail,
      };
      const leaks = Object.entries(secrets).flatMap(([name, secret]) =>
        lines.filter((line) => line.includes(secret)).map((line) => `${name}: ${line}`),
      );
      expect(leaks).toEqual([]);
      console.log(`logs: ${lines.length} lines scanned (${requestLines.length} request lines)`);
    } finally {
      if (app.child.exitCode === null) await stopApp(app, 'SIGKILL');
      await database.drop();
    }
  });
});

describe('hardening: request and connection timeouts', () => {
  const REQUEST_TIMEOUT_MS = 1_000;
  const UPLOAD_TIMEOUT_MS = 6_000;
  const CONNECTION_TIMEOUT_MS = 3_000;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      JOBS_ENABLED: 'false',
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      UPLOAD_REQUEST_TIMEOUT_MS: String(UPLOAD_TIMEOUT_MS),
      CONNECTION_TIMEOUT_MS: String(CONNECTION_TIMEOUT_MS),
    });
  });
  afterAll(() => t?.close());

  const csv = () => Buffer.from(`企业名称,来源\n${newCompanyName()},inbound\n`);
  const importHead = async (body: Buffer) =>
    requestHead('POST', '/api/v1/leads/import?dryRun=true', {
      authorization: `Bearer ${await t.tokenFor('admin')}`,
      'content-type': 'text/csv',
      'content-length': body.length,
    });
  /** The body's bytes after the first ten, one at a time, `everyMs` apart. */
  const trickle = (body: Buffer, everyMs: number) =>
    [...body.subarray(10)].map((byte, i) => ({
      afterMs: (i + 1) * everyMs,
      data: Buffer.from([byte]),
    }));

  it('answers 408 to a JSON body that does not arrive within REQUEST_TIMEOUT_MS, and writes nothing', async () => {
    const name = newCompanyName();
    const body = JSON.stringify({ source: 'inbound', company: { name } });
    const answer = await rawRequest(
      t.baseUrl,
      requestHead('POST', '/api/v1/leads', {
        authorization: `Bearer ${await t.tokenFor('admin')}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      }),
      body.slice(0, 10),
      { waitMs: 5_000, more: [{ afterMs: 3_500, data: body.slice(10) }] },
    );
    expect(answer?.status).toBe(408);
    expect(answer!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer!.body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
    expect(answer!.ms).toBeLessThan(3_500);
    const { rows } = await t.db.query('SELECT 1 FROM companies WHERE name = $1', [name]);
    expect(rows).toHaveLength(0);
  });

  it('closes a connection on which no request arrives', async () => {
    const lifetime = await connectionLifetime(t.baseUrl, '', 8_000);
    expect(lifetime).toBeDefined();
    expect(lifetime!).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
  });

  it('gives the import longer to receive its CSV, then answers 408; a silent one is cut at CONNECTION_TIMEOUT_MS', async () => {
    // Slower than REQUEST_TIMEOUT_MS allows, never silent for CONNECTION_TIMEOUT_MS: taken.
    const slow = csv();
    const taken = await rawRequest(t.baseUrl, await importHead(slow), slow.subarray(0, 10), {
      waitMs: UPLOAD_TIMEOUT_MS,
      more: [
        { afterMs: 2_000, data: slow.subarray(10, 20) },
        { afterMs: 4_000, data: slow.subarray(20) },
      ],
    });
    expect(taken?.status).toBe(200);
    expect(taken!.ms).toBeGreaterThanOrEqual(4_000);
    expect(JSON.parse(taken!.body)).toMatchObject({ dryRun: true });

    // Never silent, but still arriving after UPLOAD_TIMEOUT_MS: 408.
    const endless = csv();
    const refused = await rawRequest(
      t.baseUrl,
      await importHead(endless),
      endless.subarray(0, 10),
      {
        waitMs: UPLOAD_TIMEOUT_MS + 4_000,
        more: trickle(endless, 1_000),
      },
    );
    expect(refused?.status).toBe(408);
    expect(JSON.parse(refused!.body)).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    expect(refused!.ms).toBeGreaterThanOrEqual(UPLOAD_TIMEOUT_MS - 100);

    // Silent mid-upload: the connection is closed once it has been silent that long.
    const stalled = csv();
    const lifetime = await connectionLifetime(
      t.baseUrl,
      Buffer.concat([Buffer.from(await importHead(stalled)), stalled.subarray(0, 10)]),
      UPLOAD_TIMEOUT_MS,
    );
    expect(lifetime).toBeDefined();
    expect(lifetime!).toBeGreaterThanOrEqual(CONNECTION_TIMEOUT_MS - 100);
  }, 40_000);
});

describe('hardening: the API documents in production', () => {
  const production = { NODE_ENV: 'production', SEED_DEMO: 'false', JOBS_ENABLED: 'false' };

  it('serves the OpenAPI document but not Swagger UI, unless API_DOCS_UI=true', async () => {
    for (const [env, uiStatus] of [
      [production, 404],
      [{ ...production, API_DOCS_UI: 'true' }, 200],
    ] as const) {
      const t = await startTestApp(env);
      try {
        const ui = await t.request('GET', '/api/docs');
        expect([env, ui.status]).toEqual([env, uiStatus]);
        if (uiStatus === 404) expect(isProblem(ui)).toBe(true);
        const document = await t.request('GET', '/api/docs-json');
        expect(document.status).toBe(200);
        expect(document.body.openapi).toMatch(/^3\./);
      } finally {
        await t.close();
      }
    }
  });
});

describe('hardening: the deployment files', () => {
  interface ComposeService {
    ports?: unknown[];
    expose?: unknown[];
  }

  it('publishes the API alone: the compute-center simulator, whose control routes steer webhooks, stays inside', () => {
    const compose = load(readFileSync(join(__dirname, '..', 'docker', 'compose.yaml'), 'utf8')) as {
      services: Record<string, ComposeService>;
    };
    const published = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(published).toEqual(['api']);
  });
});
