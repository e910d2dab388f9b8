import { randomUUID } from 'node:crypto';
import { ApiResponse, startTestApp, TestApp } from './support/test-app';

describe('API conventions on the users resource', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  let counter = 0;
  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: `user${++counter}-${randomUUID().slice(0, 8)}@demo.park`,
    displayName: `测试用户 ${counter}`,
    role: 'promoter',
    password: 'a-long-password',
    ...overrides,
  });
  const createUser = async (overrides: Record<string, unknown> = {}) => {
    const response = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: newUser(overrides),
    });
    expect(response.status).toBe(201);
    return response;
  };
  const countUsers = async (email: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email])).rows[0]
      .n as number;

  describe('validation and errors', () => {
    it('rejects an unknown body field with a 400 naming it, and writes nothing', async () => {
      const body = { ...newUser(), isSuperuser: true };
      const response = await t.request('POST', '/api/v1/users', { token: admin, body });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
      expect(response.body.errors).toEqual([
        {
          field: 'isSuperuser',
          code: 'whitelistValidation',
          message: 'isSuperuser is not a known field',
        },
      ]);
      expect(response.body.detail).toContain('isSuperuser');
      expect(await countUsers(body.email)).toBe(0);
    });

    it('lists every invalid field', async () => {
      const response = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { email: 'not-an-email', displayName: '', role: 'king', password: 'short' },
      });
      expect(response.status).toBe(400);
      const fields = new Set(response.body.errors.map((e: { field: string }) => e.field));
      expect(fields).toEqual(new Set(['email', 'displayName', 'role', 'password']));
    });

    it('rejects an unknown query parameter, a bad UUID, bad JSON, a wrong media type and a huge body', async () => {
      const unknownParam = await t.request('GET', '/api/v1/users?ownerId=1', { token: admin });
      expect(unknownParam.status).toBe(400);
      expect(unknownParam.body.errors[0].field).toBe('ownerId');

      const badId = await t.request('GET', '/api/v1/users/123', { token: admin });
      expect(badId.status).toBe(400);
      expect(badId.body.errors).toEqual([
        { field: 'id', code: 'isUuid', message: 'must be a UUID' },
      ]);

      const badJson = await t.request('POST', '/api/v1/users', {
        token: admin,
        rawBody: '{"email": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(badJson.status).toBe(400);
      expect(badJson.body.code).toBe('INVALID_JSON');

      const wrongType = await t.request('POST', '/api/v1/users', {
        token: admin,
        rawBody: 'email=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(wrongType.status).toBe(415);
      expect(wrongType.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

      const huge = await t.request('POST', '/api/v1/users', {
        token: admin,
        rawBody: JSON.stringify({ displayName: 'x'.repeat(2 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('maps a unique violation to 409 naming the field, without SQL in the answer', async () => {
      const first = await createUser();
      const again = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: newUser({ email: first.body.email.toUpperCase() }),
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_EXISTS');
      expect(again.body.errors).toEqual([
        { field: 'email', code: 'already_taken', message: 'is already taken' },
      ]);
      expect(again.text).not.toMatch(/INSERT|users_email|duplicate key|stack/i);
    });

    it('answers a missing record with 404 NOT_FOUND', async () => {
      const response = await t.request('GET', `/api/v1/users/${randomUUID()}`, { token: admin });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    });
  });

  describe('keyset pagination', () => {
    beforeAll(async () => {
      for (let i = 0; i < 7; i++) await createUser({ role: 'viewer', displayName: `分页 ${i}` });
    });

    it('walks every record once, in order, with opaque cursors', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/api/v1/users?limit=3&sort=-createdAt&role=viewer${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await t.request('GET', query, { token: admin });
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.data.map((u: { id: string }) => u.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      const { rows } = await t.db.query(
        `SELECT id FROM users WHERE role = 'viewer' ORDER BY created_at DESC, id DESC`,
      );
      expect(seen).toEqual(rows.map((r) => r.id));
      expect(pages).toBe(Math.ceil(rows.length / 3));
    });

    it('sorts by several fields in mixed directions', async () => {
      const all = await t.request('GET', '/api/v1/users?limit=200&sort=role,-displayName', {
        token: admin,
      });
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiResponse = await t.request(
          'GET',
          `/api/v1/users?limit=2&sort=role,-displayName${cursor ? `&cursor=${cursor}` : ''}`,
          { token: admin },
        );
        expect(page.status).toBe(200);
        paged.push(...page.body.data.map((u: { id: string }) => u.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all.body.data.map((u: { id: string }) => u.id));
    });

    it('counts with withTotal and filters by q', async () => {
      const response = await t.request('GET', '/api/v1/users?withTotal=true&q=分页&limit=2', {
        token: admin,
      });
      expect(response.body.total).toBe(7);
      expect(response.body.data).toHaveLength(2);
    });

    it('rejects a tampered cursor, a cursor of another sort, an unknown sort field and a limit over 200', async () => {
      const first = await t.request('GET', '/api/v1/users?limit=1&sort=email', { token: admin });
      const tampered = await t.request('GET', '/api/v1/users?cursor=not-a-cursor', {
        token: admin,
      });
      expect(tampered.status).toBe(400);
      expect(tampered.body.code).toBe('INVALID_CURSOR');
      const otherSort = await t.request(
        'GET',
        `/api/v1/users?sort=-createdAt&cursor=${first.body.nextCursor}`,
        { token: admin },
      );
      expect(otherSort.status).toBe(400);
      expect(otherSort.body.code).toBe('INVALID_CURSOR');
      const badSort = await t.request('GET', '/api/v1/users?sort=passwordHash', { token: admin });
      expect(badSort.status).toBe(400);
      expect(badSort.body.code).toBe('INVALID_SORT');
      const injection = await t.request(
        'GET',
        `/api/v1/users?sort=${encodeURIComponent('email;DROP TABLE users')}`,
        { token: admin },
      );
      expect(injection.status).toBe(400);
      expect((await t.request('GET', '/api/v1/users?limit=201', { token: admin })).status).toBe(
        400,
      );
    });
  });

  describe('versions, ETag and If-Match', () => {
    it('returns the version as an ETag and requires If-Match to change', async () => {
      const created = await createUser();
      expect(created.headers.get('etag')).toBe('"1"');
      const id = created.body.id;

      const missing = await t.request('PATCH', `/api/v1/users/${id}`, {
        token: admin,
        body: { displayName: '新名字' },
      });
      expect(missing.status).toBe(428);
      expect(missing.body.code).toBe('PRECONDITION_REQUIRED');

      const malformed = await t.request('PATCH', `/api/v1/users/${id}`, {
        token: admin,
        headers: { 'if-match': 'one' },
        body: { displayName: '新名字' },
      });
      expect(malformed.status).toBe(400);

      const updated = await t.request('PATCH', `/api/v1/users/${id}`, {
        token: admin,
        headers: { 'if-match': '"1"' },
        body: { displayName: '新名字' },
      });
      expect(updated.status).toBe(200);
      expect(updated.headers.get('etag')).toBe('"2"');
      expect(updated.body).toMatchObject({ displayName: '新名字', version: 2 });

      const stale = await t.request('PATCH', `/api/v1/users/${id}`, {
        token: admin,
        headers: { 'if-match': '"1"' },
        body: { displayName: '旧名字' },
      });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
      const { rows } = await t.db.query(`SELECT display_name, version FROM users WHERE id = $1`, [
        id,
      ]);
      expect(rows[0]).toEqual({ display_name: '新名字', version: 2 });
    });

    it('refuses null for a required field, and treats a change that changes nothing as a no-op', async () => {
      const created = await createUser();
      const id = created.body.id;
      for (const body of [{ password: null }, { displayName: null }, { role: null }]) {
        const response = await t.request('PATCH', `/api/v1/users/${id}`, {
          token: admin,
          headers: { 'if-match': '"1"' },
          body,
        });
        expect(response.status).toBe(400);
        expect(response.body.errors[0].field).toBe(Object.keys(body)[0]);
      }
      const same = await t.request('PATCH', `/api/v1/users/${id}`, {
        token: admin,
        headers: { 'if-match': '"1"' },
        body: { displayName: created.body.displayName },
      });
      expect(same.status).toBe(200);
      expect(same.body.version).toBe(1);
      const empty = await t.request('PATCH', `/api/v1/users/${id}`, {
        token: admin,
        headers: { 'if-match': '"1"' },
        body: {},
      });
      expect(empty.body.version).toBe(1);
      const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [id]);
      expect(rows.map((r) => r.action)).toEqual(['create']);
    });

    it('lets exactly one of many concurrent updates of one version win', async () => {
      const created = await createUser();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.request('PATCH', `/api/v1/users/${created.body.id}`, {
            token: admin,
            headers: { 'if-match': '"1"' },
            body: { displayName: `并发 ${i}` },
          }),
        ),
      );
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.status === 412)).toHaveLength(9);
      const { rows } = await t.db.query(`SELECT display_name, version FROM users WHERE id = $1`, [
        created.body.id,
      ]);
      expect(rows[0]).toEqual({ display_name: winners[0].body.displayName, version: 2 });
    });

    it('soft-deletes with If-Match, and the record disappears from the API but not the table', async () => {
      const created = await createUser();
      const stale = await t.request('DELETE', `/api/v1/users/${created.body.id}`, {
        token: admin,
        headers: { 'if-match': '"7"' },
      });
      expect(stale.status).toBe(412);
      const removed = await t.request('DELETE', `/api/v1/users/${created.body.id}?reason=left`, {
        token: admin,
        headers: { 'if-match': '"1"' },
      });
      expect(removed.status).toBe(204);
      expect(
        (await t.request('GET', `/api/v1/users/${created.body.id}`, { token: admin })).status,
      ).toBe(404);
      const { rows } = await t.db.query(
        `SELECT deleted_at IS NOT NULL AS deleted, active FROM users WHERE id = $1`,
        [created.body.id],
      );
      expect(rows[0]).toEqual({ deleted: true, active: false });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response to a retry and creates one row', async () => {
      const key = randomUUID();
      const body = newUser();
      const first = await t.request('POST', '/api/v1/users', {
        token: admin,
        body,
        headers: { 'idempotency-key': key },
      });
      const retry = await t.request('POST', '/api/v1/users', {
        token: admin,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.headers.get('etag')).toBe('"1"');
      expect(await countUsers(body.email)).toBe(1);
    });

    it('scopes a key to the route, however its path is spelled', async () => {
      const key = randomUUID();
      const body = newUser();
      const first = await t.request('POST', '/api/v1/users', {
        token: admin,
        body,
        headers: { 'idempotency-key': key },
      });
      const encoded = await t.request('POST', '/api/v1/%75sers', {
        token: admin,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(encoded.status).toBe(201);
      expect(encoded.body.id).toBe(first.body.id);
      expect(await countUsers(body.email)).toBe(1);
    });

    it('refuses the same key with another body with 422, creating nothing', async () => {
      const key = randomUUID();
      const first = newUser();
      const second = newUser();
      expect(
        (
          await t.request('POST', '/api/v1/users', {
            token: admin,
            body: first,
            headers: { 'idempotency-key': key },
          })
        ).status,
      ).toBe(201);
      const reused = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: second,
        headers: { 'idempotency-key': key },
      });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await countUsers(second.email)).toBe(0);
    });

    it('runs concurrent retries of one key once', async () => {
      const key = randomUUID();
      const body = newUser();
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.request('POST', '/api/v1/users', {
            token: admin,
            body,
            headers: { 'idempotency-key': key },
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await countUsers(body.email)).toBe(1);
    });

    it('scopes keys to the caller: another user with the same key gets its own result', async () => {
      const key = randomUUID();
      const body = newUser();
      const mine = await t.request('POST', '/api/v1/users', {
        token: admin,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(mine.status).toBe(201);
      const manager = await t.tokenFor('manager');
      const theirs = await t.request('POST', '/api/v1/users', {
        token: manager,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(theirs.status).toBe(403);
    });

    it('forgets a key whose request failed, so that a corrected retry runs', async () => {
      const key = randomUUID();
      const body = newUser();
      const failed = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { ...body, role: 'king' },
        headers: { 'idempotency-key': key },
      });
      expect(failed.status).toBe(400);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`,
        [key],
      );
      expect(rows[0].n).toBe(0);
    });
  });
});
