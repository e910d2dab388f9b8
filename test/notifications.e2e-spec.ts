import { LeadsService } from '../src/leads/leads.service';
import { newCompanyName, newLead, newUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

interface Notification {
  id: string;
  kind: string;
  group: string;
  subject: string | null;
  entityId: string | null;
  link: string | null;
  readAt: string | null;
}

/** The notification centre: each notification names its record and links to it; groups by kind. */
describe('notifications', () => {
  let t: TestApp;
  let promoter1: string;
  let promoter2: string;
  let manager: { id: string; token: string };
  const firms: string[] = [];
  const conflicts: string[] = [];

  const inbox = async (query = '') =>
    (await t.request('GET', `/api/v1/notifications?limit=200${query}`, { token: manager.token }))
      .body.data as Notification[];

  beforeAll(async () => {
    t = await startTestApp();
    promoter1 = await t.tokenFor('promoter1');
    promoter2 = await t.tokenFor('promoter2');
    // A manager of its own, so that its inbox holds only what this file causes.
    manager = await newUser(t, 'manager');
    for (let i = 0; i < 3; i++) {
      const name = `${newCompanyName()}撞单${i}`;
      await newLead(t, promoter1, { name });
      const held = await newLead(t, promoter2, { name });
      firms.push(name);
      conflicts.push(held.conflictId);
    }
  });
  afterAll(() => t.close());

  it('names the firm of each conflict and links to the conflict itself', async () => {
    const opened = (await inbox()).filter((n) => n.kind === 'lead.conflict_opened');
    expect(opened.map((n) => [n.subject, n.entityId, n.group]).sort()).toEqual(
      firms.map((name, i) => [name, conflicts[i], 'lead.conflict_opened']).sort(),
    );
    for (const notification of opened) {
      expect(notification.link).toBe(`/api/v1/lead-conflicts/${notification.entityId}`);
      const record = await t.request('GET', notification.link!, { token: manager.token });
      expect(record.status).toBe(200);
      expect(record.body.lead.companyName).toBe(notification.subject);
    }
  });

  it('groups the inbox by kind, newest group first, with counts and the newest of each', async () => {
    const assigned = await newLead(t, promoter1);
    const task = await t.request('POST', '/api/v1/tasks', {
      token: promoter1,
      body: {
        title: '回访客户',
        assigneeId: manager.id,
        companyId: assigned.companyId,
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(task.status).toBe(201);
    const groups = await t.request('GET', '/api/v1/notifications/groups?unread=true', {
      token: manager.token,
    });
    expect(groups.status).toBe(200);
    expect(
      groups.body.data.map((g: { group: string; count: number; unread: number }) => [
        g.group,
        g.count,
        g.unread,
      ]),
    ).toEqual([
      ['task.assigned', 1, 1],
      ['lead.conflict_opened', 3, 3],
    ]);
    expect(groups.body.data[0].latest).toMatchObject({
      subject: '回访客户',
      link: `/api/v1/tasks/${task.body.id}`,
    });
    expect(groups.body.data[1].latest.entityId).toBe(conflicts[2]);
    const oneGroup = await inbox('&group=lead.conflict_opened');
    expect(oneGroup.map((n) => n.kind)).toEqual(Array(3).fill('lead.conflict_opened'));
  });

  it('marks one group read, then all, and touches no one else’s', async () => {
    const othersBefore = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id <> $1 AND read_at IS NULL`,
      [manager.id],
    );
    const group = await t.request('POST', '/api/v1/notifications/read', {
      token: manager.token,
      body: { group: 'lead.conflict_opened' },
    });
    expect(group.status).toBe(200);
    expect(group.body).toEqual({ updated: 3 });
    expect((await inbox('&unread=true')).map((n) => n.kind)).toEqual(['task.assigned']);

    const all = await t.request('POST', '/api/v1/notifications/read', {
      token: manager.token,
      body: {},
    });
    expect(all.body).toEqual({ updated: 1 });
    expect(await inbox('&unread=true')).toEqual([]);
    const again = await t.request('POST', '/api/v1/notifications/read', {
      token: manager.token,
      body: {},
    });
    expect(again.body).toEqual({ updated: 0 });
    const othersAfter = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id <> $1 AND read_at IS NULL`,
      [manager.id],
    );
    expect(othersAfter.rows[0].n).toBeGreaterThanOrEqual(othersBefore.rows[0].n);
    const groups = await t.request('GET', '/api/v1/notifications/groups', {
      token: manager.token,
    });
    expect(groups.body.data.map((g: { unread: number }) => g.unread)).toEqual([0, 0]);
  });

  it('refuses a malformed group with the field’s code and marks nothing', async () => {
    const viewer = await newUser(t, 'viewer');
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, title) VALUES ($1, 'lead.assigned', 'x')`,
      [viewer.id],
    );
    for (const body of [{ group: "x' OR 1=1" }, { group: 'a'.repeat(61) }, { everything: true }]) {
      const response = await t.request('POST', '/api/v1/notifications/read', {
        token: viewer.token,
        body,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].code).toMatch(/^(matches|maxLength|whitelistValidation)$/);
    }
    const listed = await t.request('GET', '/api/v1/notifications?group=Lead;', {
      token: viewer.token,
    });
    expect(listed.status).toBe(400);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [viewer.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('finds a conflict in the queue by either firm’s name', async () => {
    const found = await t.request(
      'GET',
      `/api/v1/lead-conflicts?q=${encodeURIComponent(firms[1].slice(-6))}`,
      { token: manager.token },
    );
    expect(found.status).toBe(200);
    expect(found.body.data.map((c: { id: string }) => c.id)).toEqual([conflicts[1]]);
  });

  it('names the firm of a lead returned to the pool', async () => {
    const owner = await newUser(t, 'promoter');
    const name = newCompanyName();
    const idle = await newLead(t, owner.token, { name });
    await t.db.query(
      `UPDATE leads SET last_activity_at = now() - interval '31 days' WHERE id = $1`,
      [idle.id],
    );
    await t.app.get(LeadsService).returnIdleLeadsToPool();
    const notified = await t.request('GET', '/api/v1/notifications', { token: owner.token });
    expect(notified.body.data).toEqual([
      expect.objectContaining({
        kind: 'lead.returned_to_pool',
        subject: name,
        link: `/api/v1/leads/${idle.id}`,
      }),
    ]);
  });
});
