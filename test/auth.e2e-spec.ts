import { startTestApp, TestApp } from './support/test-app';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    });
  });
  afterAll(() => t.close());

  const comparable = (body: Record<string, unknown>) => {
    const { requestId: _requestId, ...rest } = body;
    return rest;
  };

  it('logs a demo user in with an access token, a refresh token and the user', async () => {
    const response = await t.login('manager@demo.park');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { email: 'manager@demo.park', role: 'manager' },
    });
    const me = await t.request('GET', '/api/v1/auth/me', { token: response.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', role: 'manager', email: 'manager@demo.park' });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrongPassword = await t.login('viewer@demo.park', 'not-the-password');
    const unknownUser = await t.login('nobody@demo.park', 'not-the-password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(comparable(wrongPassword.body)).toEqual(comparable(unknownUser.body));
    expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects a login without credentials as a validation error', async () => {
    const response = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'admin@demo.park' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('takes credentials only from the JSON body, never from the URL', async () => {
    const response = await t.request(
      'POST',
      '/api/v1/auth/login?email=admin@demo.park&password=Demo%232026',
      { body: {} },
    );
    expect(response.status).toBe(400);
    expect(response.body.accessToken).toBeUndefined();
    const extra = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'admin@demo.park', password: 'Demo#2026', role: 'admin' },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([
      { field: 'role', code: 'whitelistValidation', message: 'role is not a known field' },
    ]);
  });

  it('throttles an account after repeated failures, even with the right password, counting in PostgreSQL', async () => {
    const email = 'promoter2@demo.park';
    for (let i = 0; i < 3; i++) expect((await t.login(email, `wrong-${i}`)).status).toBe(401);
    const blocked = await t.login(email);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const { rows } = await t.db.query(`SELECT attempts FROM login_throttles WHERE key = $1`, [
      `account:${email}`,
    ]);
    expect(rows[0].attempts).toBeGreaterThanOrEqual(4);
    // Another account from the same address is not affected.
    expect((await t.login('promoter1@demo.park')).status).toBe(200);
  });

  it('lets only the limit of parallel guesses through', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.login('viewer2-does-not-exist@demo.park', `guess-${i}`),
      ),
    );
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it('rotates refresh tokens and revokes the whole family when a used one comes back', async () => {
    const login = await t.login('promoter1@demo.park');
    const first = login.body.refreshToken;
    const rotated = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    expect(
      (await t.request('GET', '/api/v1/auth/me', { token: rotated.body.accessToken })).status,
    ).toBe(200);

    const reuse = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first },
    });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The thief's use signed out the legitimate holder too: the newest token and its access token die.
    const after = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: rotated.body.refreshToken },
    });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('INVALID_REFRESH_TOKEN');
    expect(
      (await t.request('GET', '/api/v1/auth/me', { token: rotated.body.accessToken })).status,
    ).toBe(401);
    const { rows } = await t.db.query(
      `SELECT revoked_reason FROM auth_sessions s JOIN refresh_tokens r ON r.session_id = s.id WHERE r.token_hash = encode(sha256($1::bytea), 'hex')`,
      [first],
    );
    expect(rows[0].revoked_reason).toBe('refresh-token-reuse');
  });

  it('stores refresh tokens only as hashes', async () => {
    const login = await t.login('viewer@demo.park');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM refresh_tokens WHERE token_hash = $1`,
      [login.body.refreshToken],
    );
    expect(rows[0].n).toBe(0);
  });

  const me = (token: string) => t.request('GET', '/api/v1/auth/me', { token });

  it('signs a session out on logout, at once for its access token too', async () => {
    const login = await t.login('viewer@demo.park');
    // Checked lately (see SESSION_CHECK_TTL_MS), which the logout must not outlive.
    expect((await me(login.body.accessToken)).status).toBe(200);
    const logout = await t.request('POST', '/api/v1/auth/logout', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(logout.status).toBe(204);
    expect(
      (await t.request('GET', '/api/v1/auth/me', { token: login.body.accessToken })).status,
    ).toBe(401);
    const refresh = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('rejects missing, malformed and forged access tokens with 401 problem+json', async () => {
    const none = await t.request('GET', '/api/v1/users');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    expect((await t.request('GET', '/api/v1/users', { token: 'not-a-jwt' })).status).toBe(401);
    const token = await t.tokenFor('admin');
    const [header, payload] = token.split('.');
    expect(
      (await t.request('GET', '/api/v1/users', { token: `${header}.${payload}.forged-signature` }))
        .status,
    ).toBe(401);
  });

  it('limits each role to what it may do', async () => {
    const viewer = await t.tokenFor('viewer');
    const manager = await t.tokenFor('manager');
    const promoter = await t.tokenFor('promoter1');
    const newUser = {
      email: 'x@demo.park',
      displayName: 'X',
      role: 'viewer',
      password: 'long-enough-pw',
    };
    expect((await t.request('GET', '/api/v1/users', { token: viewer })).status).toBe(200);
    expect(
      (await t.request('POST', '/api/v1/users', { token: viewer, body: newUser })).status,
    ).toBe(403);
    expect(
      (await t.request('POST', '/api/v1/users', { token: manager, body: newUser })).status,
    ).toBe(403);
    expect((await t.request('GET', '/api/v1/audit', { token: manager })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/audit', { token: promoter })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/api-keys', { token: manager })).status).toBe(403);
  });

  it('refuses an API key that would expire in the past or at a malformed time', async () => {
    const admin = await t.tokenFor('admin');
    const past = await t.request('POST', '/api/v1/api-keys', {
      token: admin,
      body: { name: 'old', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([
      { field: 'expiresAt', code: 'must_be_future', message: 'must be in the future' },
    ]);
    const malformed = await t.request('POST', '/api/v1/api-keys', {
      token: admin,
      body: { name: 'odd', expiresAt: '20260101T000000Z' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toContain('expiresAt');
  });

  describe('API keys', () => {
    let key: string;
    let keyId: string;
    let admin: string;

    beforeAll(async () => {
      admin = await t.tokenFor('admin');
      const created = await t.request('POST', '/api/v1/api-keys', {
        token: admin,
        body: { name: 'Compute center' },
      });
      expect(created.status).toBe(201);
      key = created.body.key;
      keyId = created.body.id;
    });

    it('is shown once and stored only as a hash', async () => {
      expect(key).toMatch(/^pcrm_/);
      const listed = await t.request('GET', '/api/v1/api-keys', { token: admin });
      expect(listed.body.data[0]).not.toHaveProperty('key');
      expect(listed.body.data[0].prefix).toBe(key.slice(0, 12));
      const { rows } = await t.db.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [keyId]);
      expect(rows[0].key_hash).not.toContain(key.slice(5));
    });

    it('authenticates as role integration and reaches nothing a staff role owns', async () => {
      const me = await t.request('GET', '/api/v1/auth/me', { apiKey: key });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ kind: 'api_key', role: 'integration', id: keyId });
      for (const path of ['/api/v1/users', '/api/v1/audit', '/api/v1/api-keys']) {
        const response = await t.request('GET', path, { apiKey: key });
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
      expect((await t.request('POST', '/api/v1/users', { apiKey: key, body: {} })).status).toBe(
        403,
      );
    });

    it('stops working when revoked, and an unknown key is a 401', async () => {
      expect((await t.request('GET', '/api/v1/auth/me', { apiKey: 'pcrm_unknown' })).status).toBe(
        401,
      );
      const revoked = await t.request('DELETE', `/api/v1/api-keys/${keyId}`, {
        token: admin,
        headers: { 'if-match': '"1"' },
      });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).not.toBeNull();
      expect((await t.request('GET', '/api/v1/auth/me', { apiKey: key })).status).toBe(401);
    });
  });

  it('signs a user out everywhere when an admin deactivates them', async () => {
    const admin = await t.tokenFor('admin');
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        email: 'leaver@demo.park',
        displayName: '离职员工',
        role: 'promoter',
        password: 'initial-password',
      },
    });
    expect(created.status).toBe(201);
    const session = await t.login('leaver@demo.park', 'initial-password');
    expect(session.status).toBe(200);
    expect((await me(session.body.accessToken)).status).toBe(200);
    const deactivated = await t.request('PATCH', `/api/v1/users/${created.body.id}`, {
      token: admin,
      headers: { 'if-match': created.headers.get('etag')! },
      body: { active: false },
    });
    expect(deactivated.status).toBe(200);
    expect(
      (await t.request('GET', '/api/v1/auth/me', { token: session.body.accessToken })).status,
    ).toBe(401);
    expect((await t.login('leaver@demo.park', 'initial-password')).status).toBe(401);
  });

  it('refuses a session signed out through another instance within SESSION_CHECK_TTL_MS', async () => {
    const login = await t.login('viewer@demo.park');
    const token = login.body.accessToken as string;
    expect((await me(token)).status).toBe(200);
    const { sub, sid } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    // What another instance's logout writes; this one learns of it when it checks again.
    const revokedAt = Date.now();
    await t.db.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1 AND user_id = $2`,
      [sid, sub],
    );
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 5000) {
      status = (await me(token)).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000 + 500);
  });
});

describe('login throttling per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '4',
    });
  });
  afterAll(() => t.close());

  it('stops one address that sprays passwords across accounts', async () => {
    const accounts = ['viewer', 'promoter1', 'promoter2', 'manager'];
    for (const account of accounts)
      expect((await t.login(`${account}@demo.park`, 'spray-guess')).status).toBe(401);
    const next = await t.login('admin@demo.park');
    expect(next.status).toBe(429);
    expect(next.body.code).toBe('LOGIN_THROTTLED');
    const { rows } = await t.db.query(`SELECT key FROM login_throttles WHERE key LIKE 'address:%'`);
    expect(rows.map((r) => r.key)).toEqual(['address:127.0.0.1']);
  });
});
