import { TransactionHost } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../src/audit/audit.service';
import { UsersService } from '../src/auth/users/users.service';
import { startTestApp, TestApp } from './support/test-app';

describe('audit log', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    adminId = (await t.request('GET', '/api/v1/auth/me', { token: admin })).body.id;
  });
  afterAll(() => t.close());

  const auditRows = async (entityId: string) =>
    (
      await t.db.query(`SELECT * FROM audit_log WHERE entity_id = $1 ORDER BY created_at, id`, [
        entityId,
      ])
    ).rows;

  it('records a create with the actor, the request id and the fields, secrets redacted', async () => {
    const requestId = randomUUID();
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      headers: { 'x-request-id': requestId },
      body: {
        email: `a-${randomUUID()}@demo.park`,
        displayName: '审计',
        role: 'viewer',
        password: 'secret-password-1',
      },
    });
    expect(created.status).toBe(201);
    const [entry] = await auditRows(created.body.id);
    expect(entry).toMatchObject({
      entity_type: 'User',
      action: 'create',
      actor_type: 'user',
      actor_id: adminId,
      request_id: requestId,
    });
    expect(entry.changes.displayName).toEqual({ before: null, after: '审计' });
    expect(entry.changes).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(entry.changes)).not.toMatch(/argon2|secret-password/);
  });

  it('notes a password change without its value', async () => {
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        email: `p-${randomUUID()}@demo.park`,
        displayName: '改密',
        role: 'viewer',
        password: 'secret-password-1',
      },
    });
    await t.request('PATCH', `/api/v1/users/${created.body.id}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { password: 'secret-password-2' },
    });
    const [, update] = await auditRows(created.body.id);
    expect(update.changes).toEqual({ passwordHash: { before: null, after: '[redacted]' } });
    expect(JSON.stringify(update.changes)).not.toMatch(/argon2|secret-password/);
  });

  it('records only the changed fields of an update, with before and after', async () => {
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        email: `b-${randomUUID()}@demo.park`,
        displayName: '改前',
        role: 'viewer',
        password: 'secret-password-1',
      },
    });
    await t.request('PATCH', `/api/v1/users/${created.body.id}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { displayName: '改后', role: 'viewer' },
    });
    const entries = await auditRows(created.body.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1].changes).toEqual({ displayName: { before: '改前', after: '改后' } });
  });

  it('writes nothing when the change rolls back', async () => {
    const email = `rollback-${randomUUID()}@demo.park`;
    const users = t.app.get(UsersService);
    const txHost = t.app.get(TransactionHost);
    await expect(
      txHost.withTransaction(async () => {
        await users.create({
          email,
          displayName: '回滚',
          role: 'viewer',
          password: 'secret-password-1',
        });
        throw new Error('a later step of the same change failed');
      }),
    ).rejects.toThrow('a later step');
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM users WHERE email = $1)::int AS users,
              (SELECT count(*) FROM audit_log WHERE changes->'email'->>'after' = $1)::int AS audits`,
      [email],
    );
    expect(rows[0]).toEqual({ users: 0, audits: 0 });
  });

  it('writes nothing for a request that fails validation or a version check', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n;
    const me = (await t.request('GET', `/api/v1/users/${adminId}`, { token: admin })).body;
    await t.request('PATCH', `/api/v1/users/${me.id}`, {
      token: admin,
      headers: { 'if-match': '"99"' },
      body: { displayName: 'x' },
    });
    await t.request('POST', '/api/v1/users', { token: admin, body: { email: 'bad' } });
    const after = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n;
    expect(after).toBe(before);
  });

  it('refuses to record outside a transaction', async () => {
    const users = t.app.get(UsersService);
    await expect(
      users.create({
        email: `x-${randomUUID()}@demo.park`,
        displayName: 'x',
        role: 'viewer',
        password: 'secret-password-1',
      }),
    ).resolves.toBeDefined();
    const audit = t.app.get(AuditService);
    await expect(
      audit.record({ entityType: 'User', entityId: randomUUID(), action: 'update' }),
    ).rejects.toThrow(/inside the change/);
  });

  it('is append-only in the database itself', async () => {
    await expect(t.db.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('is readable through GET /audit filtered by entity, newest first, and not writable by any route', async () => {
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        email: `c-${randomUUID()}@demo.park`,
        displayName: '查询',
        role: 'viewer',
        password: 'secret-password-1',
      },
    });
    await t.request('PATCH', `/api/v1/users/${created.body.id}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { displayName: '查询2' },
    });
    const list = await t.request(
      'GET',
      `/api/v1/audit?entityType=User&entityId=${created.body.id}`,
      { token: admin },
    );
    expect(list.status).toBe(200);
    expect(list.body.data.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(list.body.data[0]).toMatchObject({
      entityType: 'User',
      entityId: created.body.id,
      actorId: adminId,
    });

    const docs = (await t.request('GET', '/api/docs-json')).body;
    const auditPaths = Object.entries(docs.paths as Record<string, object>).filter(([path]) =>
      path.startsWith('/api/v1/audit'),
    );
    expect(auditPaths.flatMap(([, methods]) => Object.keys(methods))).toEqual(['get']);
    expect((await t.request('DELETE', '/api/v1/audit', { token: admin })).status).toBe(404);
  });
});
