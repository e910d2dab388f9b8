import { LeadsService } from '../src/leads/leads.service';
import { newCompanyName, newCreditCode, newLead, newUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('companies and leads', () => {
  let t: TestApp;
  let promoter1: string;
  let promoter2: string;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp();
    promoter1 = await t.tokenFor('promoter1');
    promoter2 = await t.tokenFor('promoter2');
    manager = await t.tokenFor('manager');
  });
  afterAll(() => t.close());

  describe('creating leads', () => {
    it('creates the company inline, with its first contact as primary, owned by the creator', async () => {
      const creditCode = newCreditCode();
      const lead = await newLead(
        t,
        promoter1,
        { creditCode: creditCode.toLowerCase(), aiSegment: 'foundation_models' },
        {
          contact: { name: '张伟', phone: '+86 138 0000 0000' },
        },
      );
      const me = (await t.request('GET', '/api/v1/auth/me', { token: promoter1 })).body;
      expect(lead).toMatchObject({
        ownerId: me.id,
        status: 'new',
        onHold: false,
        conflictId: null,
      });
      const company = (
        await t.request('GET', `/api/v1/companies/${lead.companyId}`, { token: promoter1 })
      ).body;
      expect(company).toMatchObject({ creditCode, ownerId: me.id, aiSegment: 'foundation_models' });
      const contacts = (
        await t.request('GET', `/api/v1/companies/${lead.companyId}/contacts`, { token: promoter1 })
      ).body;
      expect(contacts).toMatchObject([{ name: '张伟', isPrimary: true }]);
    });

    it('refuses an invalid credit code with the reason, and both or neither of companyId and company', async () => {
      const bad = await t.request('POST', '/api/v1/leads', {
        token: promoter1,
        body: {
          source: 'event',
          company: { name: newCompanyName(), creditCode: '91350100M000100Y44' },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        {
          field: 'company.creditCode',
          code: 'credit_code_check',
          message: expect.stringContaining('check character'),
        },
      ]);
      const neither = await t.request('POST', '/api/v1/leads', {
        token: promoter1,
        body: { source: 'event' },
      });
      expect(neither.status).toBe(400);
    });

    it('refuses an ownerId on create (owners are set by claim and assign only)', async () => {
      const me = (await t.request('GET', '/api/v1/auth/me', { token: promoter2 })).body;
      const response = await t.request('POST', '/api/v1/leads', {
        token: promoter1,
        body: { source: 'event', company: { name: newCompanyName() }, ownerId: me.id },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'ownerId', code: 'whitelistValidation', message: 'ownerId is not a known field' },
      ]);
    });

    it('lets a viewer read but not create', async () => {
      const viewer = await t.tokenFor('viewer');
      expect((await t.request('GET', '/api/v1/leads', { token: viewer })).status).toBe(200);
      expect(
        (
          await t.request('POST', '/api/v1/leads', {
            token: viewer,
            body: { source: 'event', company: { name: 'x' } },
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('changing leads', () => {
    it('lets the owner move a lead new → contacted → qualified and refuses illegal moves with 409', async () => {
      const lead = await newLead(t, promoter1);
      const patch = (version: number, body: object) =>
        t.request('PATCH', `/api/v1/leads/${lead.id}`, {
          token: promoter1,
          headers: { 'if-match': `"${version}"` },
          body,
        });
      expect((await patch(1, { status: 'contacted' })).body.status).toBe('contacted');
      const back = await patch(2, { status: 'new' });
      expect(back.status).toBe(409);
      expect(back.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        allowed: ['qualified', 'disqualified'],
      });
      expect((await patch(2, { status: 'converted' })).body.code).toBe('ILLEGAL_TRANSITION');
      const noReason = await patch(2, { status: 'disqualified' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].field).toBe('disqualifyReason');
      const done = await patch(2, {
        status: 'disqualified',
        disqualifyReason: '不做算力 not using compute',
      });
      expect(done.body).toMatchObject({
        status: 'disqualified',
        disqualifyReason: '不做算力 not using compute',
      });
    });

    it('refuses a promoter changing another promoter’s lead or company with 403', async () => {
      const lead = await newLead(t, promoter1);
      const patch = await t.request('PATCH', `/api/v1/leads/${lead.id}`, {
        token: promoter2,
        headers: { 'if-match': '"1"' },
        body: { notes: '我的 mine' },
      });
      expect(patch.status).toBe(403);
      const company = await t.request('PATCH', `/api/v1/companies/${lead.companyId}`, {
        token: promoter2,
        headers: { 'if-match': '"1"' },
        body: { hqCity: '上海' },
      });
      expect(company.status).toBe(403);
      const contact = await t.request('POST', `/api/v1/companies/${lead.companyId}/contacts`, {
        token: promoter2,
        body: { name: '李四' },
      });
      expect(contact.status).toBe(403);
      expect(
        (
          await t.request('DELETE', `/api/v1/leads/${lead.id}`, {
            token: promoter2,
            headers: { 'if-match': '"1"' },
          })
        ).status,
      ).toBe(403);
      const { rows } = await t.db.query(`SELECT notes, version FROM leads WHERE id = $1`, [
        lead.id,
      ]);
      expect(rows[0]).toEqual({ notes: null, version: 1 });
    });

    it('lets a manager assign a lead to another promoter, who is notified', async () => {
      const lead = await newLead(t, promoter1);
      const target = await newUser(t, 'promoter');
      const assigned = await t.request('POST', `/api/v1/leads/${lead.id}/assign`, {
        token: manager,
        headers: { 'if-match': '"1"' },
        body: { ownerId: target.id, reason: '区域调整' },
      });
      expect(assigned.status).toBe(200);
      expect(assigned.body.ownerId).toBe(target.id);
      const inbox = await t.request('GET', '/api/v1/notifications', { token: target.token });
      expect(inbox.body.data[0]).toMatchObject({ kind: 'lead.assigned', entityId: lead.id });
      expect(
        (
          await t.request('POST', `/api/v1/leads/${lead.id}/assign`, {
            token: promoter1,
            headers: { 'if-match': '"2"' },
            body: { ownerId: target.id },
          })
        ).status,
      ).toBe(403);
    });
  });

  it('tells until when an owner keeps a lead without activity, and no date for a closed or pooled one', async () => {
    const lead = await newLead(t, promoter1);
    const day = 86_400_000;
    expect(Date.parse(lead.protectedUntil) - Date.parse(lead.lastActivityAt)).toBe(30 * day);
    const read = await t.request('GET', `/api/v1/leads/${lead.id}`, { token: promoter1 });
    expect(read.body.protectedUntil).toBe(lead.protectedUntil);
    const closed = await t.request('PATCH', `/api/v1/leads/${lead.id}`, {
      token: promoter1,
      headers: { 'if-match': `"${lead.version}"` },
      body: { status: 'disqualified', disqualifyReason: '无入驻意向' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.protectedUntil).toBeNull();
    const pooled = await t.request('GET', '/api/v1/leads?pool=true&limit=5', { token: promoter1 });
    expect(pooled.body.data.length).toBeGreaterThan(0);
    expect(
      pooled.body.data.map((l: { protectedUntil: string | null }) => l.protectedUntil),
    ).toEqual(pooled.body.data.map(() => null));
  });

  describe('contacts', () => {
    it('keeps exactly one primary contact', async () => {
      const lead = await newLead(t, promoter1);
      const path = `/api/v1/companies/${lead.companyId}/contacts`;
      const a = (await t.request('POST', path, { token: promoter1, body: { name: '甲' } })).body;
      const b = (
        await t.request('POST', path, { token: promoter1, body: { name: '乙', isPrimary: true } })
      ).body;
      const list = async () =>
        (await t.request('GET', path, { token: promoter1 })).body as {
          id: string;
          isPrimary: boolean;
        }[];
      expect((await list()).filter((c) => c.isPrimary).map((c) => c.id)).toEqual([b.id]);
      const demote = await t.request('PATCH', `/api/v1/contacts/${b.id}`, {
        token: promoter1,
        headers: { 'if-match': '"1"' },
        body: { isPrimary: false },
      });
      expect(demote.status).toBe(409);
      expect(
        (
          await t.request('DELETE', `/api/v1/contacts/${b.id}`, {
            token: promoter1,
            headers: { 'if-match': '"1"' },
          })
        ).status,
      ).toBe(204);
      expect((await list()).filter((c) => c.isPrimary).map((c) => c.id)).toEqual([a.id]);
    });

    it('takes a Chinese phone number, or one with its country code, and refuses one that is not a number', async () => {
      const lead = await newLead(t, promoter1);
      const path = `/api/v1/companies/${lead.companyId}/contacts`;
      for (const phone of [
        '138 0000 0000',
        '010-82345678',
        '+86 139 1234 5678',
        '+1 650 253 0000',
      ]) {
        const created = await t.request('POST', path, {
          token: promoter1,
          body: { name: `联系人 ${phone}`, phone },
        });
        expect([phone, created.status]).toEqual([phone, 201]);
      }
      for (const phone of ['12345', '138 0000 00000', '+86 12', '1'.repeat(41)]) {
        const refused = await t.request('POST', path, {
          token: promoter1,
          body: { name: '号码有误', phone },
        });
        expect([phone, refused.status]).toEqual([phone, 400]);
        const errors = refused.body.errors as { field: string; code: string }[];
        expect(errors.every((error) => error.field === 'phone')).toBe(true);
        expect(errors.map((error) => error.code)).toContain(
          phone.length > 40 ? 'maxLength' : 'isPhoneNumber',
        );
      }
      const leadWithContact = await t.request('POST', '/api/v1/leads', {
        token: promoter1,
        body: {
          source: 'inbound',
          company: { name: newCompanyName() },
          contact: { name: '张伟', phone: '12345' },
        },
      });
      expect(leadWithContact.status).toBe(400);
      expect(leadWithContact.body.errors[0]).toMatchObject({
        field: 'contact.phone',
        code: 'isPhoneNumber',
      });
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM contacts WHERE company_id = $1 AND name = '号码有误'`,
        [lead.companyId],
      );
      expect(rows[0].n).toBe(0);
    });
  });

  describe('ownership conflicts (撞单)', () => {
    const conflictFor = async (leadId: string) =>
      (await t.request('GET', `/api/v1/lead-conflicts?leadId=${leadId}`, { token: manager })).body
        .data[0];

    it('holds a second promoter’s lead on the same firm (another spelling of its name) until a manager keeps the existing owner', async () => {
      const first = await newLead(t, promoter1, { name: '北京灵犀澜舟智能科技有限公司' });
      const second = await newLead(t, promoter2, { name: '灵犀澜舟智能科技（北京）有限公司' });
      expect(second).toMatchObject({
        onHold: true,
        companyId: first.companyId,
        conflictId: expect.any(String),
      });
      const conflict = await conflictFor(second.id);
      expect(conflict).toMatchObject({
        status: 'open',
        match: 'name',
        existingLead: { id: first.id },
      });
      const inbox = await t.request('GET', '/api/v1/notifications?unread=true', { token: manager });
      expect(inbox.body.data.map((n: { entityId: string }) => n.entityId)).toContain(conflict.id);

      const held = await t.request('PATCH', `/api/v1/leads/${second.id}`, {
        token: promoter2,
        headers: { 'if-match': `"${second.version}"` },
        body: { status: 'contacted' },
      });
      expect(held.status).toBe(409);
      expect(held.body.code).toBe('LEAD_ON_HOLD');
      expect(
        (
          await t.request('POST', `/api/v1/lead-conflicts/${conflict.id}/resolve`, {
            token: promoter1,
            body: { resolution: 'transfer' },
          })
        ).status,
      ).toBe(403);

      const resolved = await t.request('POST', `/api/v1/lead-conflicts/${conflict.id}/resolve`, {
        token: manager,
        body: { resolution: 'keep_existing', note: '甲方先接洽' },
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        status: 'resolved',
        resolution: 'keep_existing',
        lead: { status: 'disqualified', onHold: false },
      });
      const again = await t.request('POST', `/api/v1/lead-conflicts/${conflict.id}/resolve`, {
        token: manager,
        body: { resolution: 'transfer' },
      });
      expect(again.body.code).toBe('CONFLICT_ALREADY_RESOLVED');
    });

    it('holds exactly one of two promoters creating leads on one firm at the same moment', async () => {
      const promoter3 = await newUser(t, 'promoter');
      for (let round = 0; round < 5; round++) {
        const firm = await newLead(t, await t.tokenFor('admin'));
        await t.db.query(
          `UPDATE leads SET status = 'disqualified', disqualify_reason = 'x' WHERE id = $1`,
          [firm.id],
        );
        const results = await Promise.all(
          [promoter1, promoter3.token].map((token) =>
            t.request('POST', '/api/v1/leads', {
              token,
              body: { source: 'event', companyId: firm.companyId },
            }),
          ),
        );
        expect(results.map((r) => r.status)).toEqual([201, 201]);
        expect(results.filter((r) => r.body.onHold)).toHaveLength(1);
      }
    });

    it('matches by credit code and transfers the firm to the new promoter', async () => {
      const creditCode = newCreditCode();
      const first = await newLead(t, promoter1, { creditCode });
      const second = await newLead(t, promoter2, { name: '完全不同的名字有限公司', creditCode });
      expect(second.companyId).toBe(first.companyId);
      const conflict = await conflictFor(second.id);
      expect(conflict.match).toBe('credit_code');
      const resolved = await t.request('POST', `/api/v1/lead-conflicts/${conflict.id}/resolve`, {
        token: manager,
        body: { resolution: 'transfer' },
      });
      expect(resolved.body).toMatchObject({
        lead: { onHold: false, status: 'new' },
        existingLead: { status: 'disqualified' },
      });
      const company = (
        await t.request('GET', `/api/v1/companies/${first.companyId}`, { token: manager })
      ).body;
      expect(company.ownerId).toBe(second.ownerId);
    });

    it('flags a near name as a conflict and merges the two companies on resolution', async () => {
      const first = await newLead(
        t,
        promoter1,
        { name: '北京天枢九章人工智能研究院有限公司' },
        { notes: '第一次接触' },
      );
      const second = await newLead(
        t,
        promoter2,
        { name: '北京天枢九章人工智能研究有限公司' },
        { notes: '展会名片' },
      );
      expect(second.companyId).not.toBe(first.companyId);
      const conflict = await conflictFor(second.id);
      expect(conflict).toMatchObject({ match: 'similar_name', similarity: expect.any(Number) });
      const resolved = await t.request('POST', `/api/v1/lead-conflicts/${conflict.id}/resolve`, {
        token: manager,
        body: { resolution: 'merge' },
      });
      expect(resolved.status).toBe(200);
      const { rows } = await t.db.query(
        `SELECT (SELECT company_id FROM leads WHERE id = $1) AS held_company, (SELECT notes FROM leads WHERE id = $2) AS notes,
                (SELECT merged_into_id FROM companies WHERE id = $3) AS merged_into`,
        [second.id, first.id, second.companyId],
      );
      expect(rows[0]).toEqual({
        held_company: first.companyId,
        notes: '第一次接触\n---\n展会名片',
        merged_into: first.companyId,
      });
    });
  });

  describe('merging companies', () => {
    it('moves every child record to the survivor in one audited transaction', async () => {
      const admin = await t.tokenFor('admin');
      const survivor = await newLead(t, promoter1, { name: newCompanyName(), nameEn: null });
      const duplicate = await newLead(t, promoter1, {
        name: newCompanyName(),
        website: 'https://dup.example.cn',
        tags: ['昇腾生态'],
      });
      const dupPath = `/api/v1/companies/${duplicate.companyId}`;
      await t.request('POST', `${dupPath}/contacts`, { token: promoter1, body: { name: '王五' } });
      await t.request('POST', `${dupPath}/contacts`, { token: promoter1, body: { name: '赵六' } });
      await t.request('POST', `${dupPath}/revenues`, {
        token: promoter1,
        body: { year: 2025, revenue: '120000000.00', aiRevenue: '80000000.00' },
      });
      await t.request('POST', `/api/v1/companies/${survivor.companyId}/contacts`, {
        token: promoter1,
        body: { name: '主联系人' },
      });

      expect(
        (
          await t.request('POST', `/api/v1/companies/${survivor.companyId}/merge`, {
            token: promoter1,
            body: { sourceId: duplicate.companyId },
          })
        ).status,
      ).toBe(403);
      const merged = await t.request('POST', `/api/v1/companies/${survivor.companyId}/merge`, {
        token: manager,
        body: { sourceId: duplicate.companyId },
      });
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({ website: 'https://dup.example.cn', tags: ['昇腾生态'] });

      const { rows } = await t.db.query(
        `SELECT (SELECT count(*) FROM contacts WHERE company_id = $1 AND deleted_at IS NULL)::int AS contacts,
                (SELECT count(*) FROM contacts WHERE company_id = $1 AND is_primary AND deleted_at IS NULL)::int AS primaries,
                (SELECT count(*) FROM leads WHERE company_id = $1)::int AS leads,
                (SELECT count(*) FROM company_revenues WHERE company_id = $1)::int AS revenues,
                (SELECT count(*) FROM contacts WHERE company_id = $2)::int + (SELECT count(*) FROM leads WHERE company_id = $2)::int
                  + (SELECT count(*) FROM company_revenues WHERE company_id = $2)::int AS left_behind`,
        [survivor.companyId, duplicate.companyId],
      );
      expect(rows[0]).toEqual({ contacts: 3, primaries: 1, leads: 2, revenues: 1, left_behind: 0 });
      expect((await t.request('GET', dupPath, { token: admin })).status).toBe(404);
      const audit = await t.request(
        'GET',
        `/api/v1/audit?entityType=Company&entityId=${duplicate.companyId}`,
        { token: manager },
      );
      expect(audit.body.data[0]).toMatchObject({ action: 'merged_into' });
    });
  });

  describe('the pool (公海)', () => {
    it('gives a pool lead to exactly one of ten promoters claiming it at once', async () => {
      const promoters = await Promise.all(Array.from({ length: 10 }, () => newUser(t, 'promoter')));
      const lead = await newLead(t, promoter1);
      await t.db.query(`UPDATE leads SET owner_id = NULL WHERE id = $1`, [lead.id]);
      const pool = await t.request('GET', '/api/v1/leads?pool=true&limit=200', {
        token: promoter2,
      });
      expect(pool.body.data.map((l: { id: string }) => l.id)).toContain(lead.id);

      const claims = await Promise.all(
        promoters.map((p) =>
          t.request('POST', `/api/v1/leads/${lead.id}/claim`, { token: p.token }),
        ),
      );
      const winners = claims.filter((c) => c.status === 200);
      expect(winners).toHaveLength(1);
      expect(
        claims.filter((c) => c.status === 409).every((c) => c.body.code === 'LEAD_ALREADY_OWNED'),
      ).toBe(true);
      const { rows } = await t.db.query(`SELECT owner_id FROM leads WHERE id = $1`, [lead.id]);
      expect(rows[0].owner_id).toBe(winners[0].body.ownerId);
      const claimAudits = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'claim'`,
        [lead.id],
      );
      expect(claimAudits.rows[0].n).toBe(1);
    });

    it('returns an idle lead to the pool exactly once, telling its former owner', async () => {
      const owner = await newUser(t, 'promoter');
      const idle = await newLead(t, owner.token);
      const fresh = await newLead(t, owner.token);
      await t.db.query(
        `UPDATE leads SET last_activity_at = now() - interval '31 days' WHERE id = $1`,
        [idle.id],
      );
      const leads = t.app.get(LeadsService);
      await leads.returnIdleLeadsToPool();
      await leads.returnIdleLeadsToPool();
      const { rows } = await t.db.query(
        `SELECT id, owner_id, previous_owner_id FROM leads WHERE id = ANY($1) ORDER BY id`,
        [[idle.id, fresh.id]],
      );
      expect(rows.find((r) => r.id === idle.id)).toMatchObject({
        owner_id: null,
        previous_owner_id: owner.id,
      });
      expect(rows.find((r) => r.id === fresh.id)).toMatchObject({ owner_id: owner.id });
      const inbox = await t.request('GET', '/api/v1/notifications', { token: owner.token });
      expect(
        inbox.body.data.filter((n: { kind: string }) => n.kind === 'lead.returned_to_pool'),
      ).toHaveLength(1);
      const audits = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'return_to_pool'`,
        [idle.id],
      );
      expect(audits.rows[0].n).toBe(1);
    });
  });

  describe('company search', () => {
    it('finds a company by Chinese name, English name, credit code or contact name', async () => {
      const creditCode = newCreditCode();
      const lead = await newLead(
        t,
        promoter1,
        { name: '北京玄武启明大模型科技有限公司', nameEn: 'Xuanwu Qiming LLM', creditCode },
        { contact: { name: '欧阳娜娜' } },
      );
      for (const q of ['玄武启明', 'qiming llm', creditCode.slice(2, 12), '欧阳娜']) {
        const found = await t.request('GET', `/api/v1/companies?q=${encodeURIComponent(q)}`, {
          token: promoter2,
        });
        expect({ q, ids: found.body.data.map((c: { id: string }) => c.id) }).toEqual({
          q,
          ids: [lead.companyId],
        });
      }
      const matches = await t.request(
        'GET',
        `/api/v1/companies/matches?name=${encodeURIComponent('玄武启明大模型科技（北京）有限公司')}`,
        { token: promoter2 },
      );
      expect(matches.body[0]).toMatchObject({ match: 'name', company: { id: lead.companyId } });
    });
  });
});
