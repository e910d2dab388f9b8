import { randomUUID } from 'node:crypto';
import { newLead } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

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
