import { randomUUID } from 'node:crypto';
import { escapeLike } from '../src/common/sql/like';
import { newCreditCode, newLead } from './support/factories';
import { startTestApp, type ApiResponse, TestApp } from './support/test-app';

describe('global search', () => {
  let t: TestApp;
  let promoter: string;
  let viewer: string;
  const tag = randomUUID().slice(0, 4);
  const exact = `北京玄鸟${tag}智能科技有限公司`;

  beforeAll(async () => {
    t = await startTestApp();
    [promoter, viewer] = await Promise.all([t.tokenFor('promoter1'), t.tokenFor('viewer')]);
  });
  afterAll(() => t.close());

  it('finds companies, their leads and deals, and contacts by a Chinese fragment, best match first', async () => {
    const lead = await newLead(t, promoter, { name: exact });
    const similar = await newLead(t, promoter, { name: `玄鸟${tag}数据服务（北京）有限公司` });
    const deal = await t.request('POST', `/api/v1/leads/${lead.id}/convert`, {
      token: promoter,
      headers: { 'if-match': `"${lead.version}"` },
      body: { title: `玄鸟${tag}算力中心入驻` },
    });
    expect(deal.status).toBe(201);
    const contact = await t.request('POST', `/api/v1/companies/${lead.companyId}/contacts`, {
      token: promoter,
      body: { name: `张玄鸟${tag}`, isPrimary: true },
    });
    expect(contact.status).toBe(201);

    const found = await t.request('GET', `/api/v1/search?q=${encodeURIComponent(`玄鸟${tag}`)}`, {
      token: viewer,
    });
    expect(found.status).toBe(200);
    expect(found.body.companies.map((c: any) => c.id).sort()).toEqual(
      [lead.companyId, similar.companyId].sort(),
    );
    expect(found.body.leads.map((l: any) => l.id).sort()).toEqual([lead.id, similar.id].sort());
    expect(found.body.deals).toEqual([
      expect.objectContaining({
        companyId: lead.companyId,
        companyName: exact,
        stageName: '初步接洽',
      }),
    ]);
    expect(found.body.contacts).toEqual([
      expect.objectContaining({ id: contact.body.id, companyName: exact }),
    ]);

    const best = await t.request('GET', `/api/v1/search?q=${encodeURIComponent(exact)}&limit=1`, {
      token: promoter,
    });
    expect(best.body.companies).toEqual([
      expect.objectContaining({ id: lead.companyId, name: exact }),
    ]);
  });

  it('takes wildcards literally and bounds the hits per kind', async () => {
    const wildcard = await t.request('GET', '/api/v1/search?q=%25%25', { token: promoter });
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.companies).toEqual([]);
    const many = await t.request('GET', '/api/v1/search?q=%E5%8C%97%E4%BA%AC&limit=2', {
      token: promoter,
    });
    expect(many.body.companies).toHaveLength(2);
  });

  describe('finds what a plain ILIKE finds, for a text of any length', () => {
    const creditCode = newCreditCode();
    // Texts of one and two characters (the n-gram indexes), and longer ones (pg_trgm in a list);
    // upper and lower case, wildcards taken literally, a code and a contact's name; 'atad', whose
    // pairs of characters 'HEXING DATA LOADER' holds, though not the text.
    const texts = [
      '星',
      '星河',
      '河星',
      'atad',
      `河${tag}`,
      'XI',
      'x',
      'ai co',
      '_',
      'b_',
      '%',
      '欧',
      '欧阳',
      `欧阳${tag}`,
      creditCode.slice(8, 10),
      creditCode.slice(4, 14),
      tag,
    ];
    let admin: string;

    beforeAll(async () => {
      admin = await t.tokenFor('admin');
      const companies = [
        { name: `北京星河${tag}智能科技有限公司`, nameEn: `Xinghe ${tag} AI Co., Ltd.` },
        { name: `河星${tag}数据（北京）有限公司`, nameEn: 'HEXING DATA LOADER' },
        { name: `Ab_c%${tag}实验室`, creditCode },
      ];
      for (const company of companies) {
        const lead = await newLead(t, promoter, company);
        const deal = await t.request('POST', `/api/v1/leads/${lead.id}/convert`, {
          token: promoter,
          headers: { 'if-match': `"${lead.version}"` },
          body: { title: `星${tag}入驻` },
        });
        expect(deal.status).toBe(201);
        const contact = await t.request('POST', `/api/v1/companies/${lead.companyId}/contacts`, {
          token: promoter,
          body: { name: `欧阳${tag}${companies.indexOf(company)}` },
        });
        expect(contact.status).toBe(201);
      }
    });

    const ids = async (sql: string, parameters: unknown[]) =>
      (await t.db.query<{ id: string }>(sql, parameters)).rows.map((row) => row.id);

    it('in the companies list', async () => {
      for (const q of texts) {
        const found: string[] = [];
        let cursor: string | null = null;
        do {
          const page: ApiResponse = await t.request(
            'GET',
            `/api/v1/companies?limit=200&q=${encodeURIComponent(q)}${cursor ? `&cursor=${cursor}` : ''}`,
            { token: admin },
          );
          expect(page.status).toBe(200);
          found.push(...page.body.data.map((c: { id: string }) => c.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        const expected = await ids(
          `SELECT id FROM companies
            WHERE deleted_at IS NULL
              AND (name ILIKE $1 OR name_en ILIKE $1 OR credit_code ILIKE $1
                   OR id IN (SELECT company_id FROM contacts WHERE name ILIKE $1 AND deleted_at IS NULL))
            ORDER BY updated_at DESC, id DESC`,
          [escapeLike(q)],
        );
        expect({ q, found }).toEqual({ q, found: expected });
      }
    });

    it('in the global search, each kind ranked as before', async () => {
      const limit = 20;
      const before = {
        companies: `SELECT c.id FROM companies c
                     WHERE c.deleted_at IS NULL AND (c.name ILIKE $1 OR c.name_en ILIKE $1 OR c.credit_code ILIKE $1)
                     ORDER BY c.name = $2 DESC, starts_with(c.name, $2) DESC, similarity(c.name, $2) DESC, c.name, c.id
                     LIMIT $3`,
        deals: `SELECT d.id FROM deals d JOIN companies c ON c.id = d.company_id
                 WHERE d.deleted_at IS NULL
                   AND (d.title ILIKE $1 OR d.company_id IN (SELECT id FROM companies WHERE name ILIKE $1 AND deleted_at IS NULL))
                 ORDER BY greatest(similarity(d.title, $2), similarity(c.name, $2)) DESC, d.updated_at DESC, d.id
                 LIMIT $3`,
        leads: `SELECT l.id FROM leads l JOIN companies c ON c.id = l.company_id
                 WHERE l.deleted_at IS NULL
                   AND l.company_id IN (SELECT id FROM companies WHERE (name ILIKE $1 OR credit_code ILIKE $1) AND deleted_at IS NULL)
                 ORDER BY c.name = $2 DESC, similarity(c.name, $2) DESC, l.last_activity_at DESC, l.id
                 LIMIT $3`,
        contacts: `SELECT p.id FROM contacts p JOIN companies c ON c.id = p.company_id
                    WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL AND p.name ILIKE $1
                    ORDER BY p.name = $2 DESC, similarity(p.name, $2) DESC, p.name, p.id
                    LIMIT $3`,
      };
      for (const q of texts) {
        const found = await t.request(
          'GET',
          `/api/v1/search?q=${encodeURIComponent(q)}&limit=${limit}`,
          { token: admin },
        );
        expect(found.status).toBe(200);
        for (const [kind, sql] of Object.entries(before)) {
          const hits = (found.body[kind] as { id: string }[]).map((hit) => hit.id);
          const expected = await ids(sql, [escapeLike(q), q, limit]);
          expect({ q, kind, hits }).toEqual({ q, kind, hits: expected });
        }
      }
    });
  });

  it('refuses an empty or oversized query and anonymous callers', async () => {
    expect((await t.request('GET', '/api/v1/search', { token: promoter })).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await t.request('GET', `/api/v1/search?q=${'x'.repeat(101)}`, { token: promoter })).status,
    ).toBe(400);
    expect(
      (await t.request('GET', '/api/v1/search?q=x&limit=21', { token: promoter })).status,
    ).toBe(400);
    expect((await t.request('GET', '/api/v1/search?q=x')).status).toBe(401);
  });
});
