import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describe('web admin: leads', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(user: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, user);
    return { page, close: () => context.close() };
  }

  /** A firm promoter1 works through a fresh lead (the demo's own firms of promoter1 became deals). */
  async function firmOfPromoter1(): Promise<string> {
    const name = '北京永定河具身智能测试科技有限公司';
    const created = await app.request('POST', '/api/v1/leads', {
      token: await app.tokenFor('promoter1'),
      body: { source: 'event', company: { name } },
    });
    expect(created.status).toBe(201);
    expect(created.body.onHold).toBe(false);
    return name;
  }

  it('warns of a firm another promoter owns while typing, and saving raises a conflict the manager resolves', async () => {
    const firm = await firmOfPromoter1();
    const promoter2 = await signedIn('promoter2');
    const { page } = promoter2;

    await page.goto('/#/leads');
    await page.getByRole('columnheader', { name: '企业名称' }).waitFor();
    await page.getByRole('link', { name: firm }).first().waitFor();
    await screenshot(page, 'leads-list');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);

    await page.goto('/#/leads/create');
    await page.getByRole('textbox', { name: /^企业名称/ }).fill(firm);
    const warning = page.getByRole('status').filter({ hasText: '可能相同的企业' });
    await warning.waitFor();
    await warning.getByRole('link', { name: firm }).waitFor();
    await warning.getByText('名称相同').first().waitFor();
    await warning.getByText('保存后将产生撞单').waitFor();
    await screenshot(page, 'leads-create-warning');

    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已产生撞单').first().waitFor();
    await page.waitForURL(/#\/leads\/[0-9a-f-]+\/show$/);
    await page.getByText('撞单待处理，线索已冻结').waitFor();
    const leadId = /leads\/([0-9a-f-]+)\/show/.exec(page.url())![1];
    await promoter2.close();

    const manager = await signedIn('manager');
    await manager.page.goto('/#/lead-conflicts');
    const resolve = manager.page.getByRole('button', { name: `处理撞单：${firm}` });
    await resolve.waitFor();
    await screenshot(manager.page, 'leads-conflict-queue');
    await resolve.click();
    const dialog = manager.page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '保留原负责人' }).check();
    await dialog.getByRole('textbox', { name: '处理说明' }).fill('原负责人已在跟进');
    await dialog.getByRole('button', { name: '处理' }).click();
    await manager.page.getByText('撞单已处理：保留原负责人').waitFor();
    await resolve.waitFor({ state: 'detached' });
    await manager.close();

    const token = await app.tokenFor('manager');
    const held = await app.request('GET', `/api/v1/leads/${leadId}`, { token });
    expect(held.body).toMatchObject({ onHold: false, status: 'disqualified' });
  });

  it('lets a promoter claim a lead from the pool (公海)', async () => {
    const { rows } = await app.db.query<{ id: string; name: string }>(
      `SELECT l.id, c.name FROM leads l JOIN companies c ON c.id = l.company_id
        WHERE l.owner_id IS NULL AND l.status IN ('new', 'contacted', 'qualified')
          AND NOT l.on_hold AND l.deleted_at IS NULL
        ORDER BY c.name LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const [{ id, name }] = rows;

    const { page, close } = await signedIn('promoter1');
    await page.goto('/#/pool');
    const claim = page.getByRole('button', { name: `认领「${name}」` });
    await claim.waitFor();
    await screenshot(page, 'leads-pool');
    await claim.click();
    await page.getByText(`已认领「${name}」，线索已移出公海`).waitFor();
    await claim.waitFor({ state: 'detached' });
    await close();

    const lead = await app.request('GET', `/api/v1/leads/${id}`, {
      token: await app.tokenFor('promoter1'),
    });
    const me = await app.request('GET', '/api/v1/auth/me', {
      token: await app.tokenFor('promoter1'),
    });
    expect(lead.body.ownerId).toBe(me.body.id);
  });

  it('moves a lead on and converts it into a deal', async () => {
    const token = await app.tokenFor('promoter1');
    const created = await app.request('POST', '/api/v1/leads', {
      token,
      body: { source: 'inbound', company: { name: '北京妙峰山转化验证科技有限公司' } },
    });
    expect(created.status).toBe(201);
    const { page, close } = await signedIn('promoter1');
    await page.goto(`/#/leads/${created.body.id}/show`);
    await page.getByRole('link', { name: '编辑' }).click();
    await page.getByRole('combobox', { name: /^状态/ }).click();
    await expect(page.getByRole('option').allTextContents()).resolves.toEqual([
      '新线索',
      '已联系',
      '已确认',
      '无效',
    ]);
    await page.getByRole('option', { name: '已联系' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '转为项目' }).waitFor();
    await page.getByText('已联系').first().waitFor();
    await screenshot(page, 'leads-show');

    await page.getByRole('button', { name: '转为项目' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '意向面积（㎡）' }).fill('1200');
    await dialog.getByRole('button', { name: '转为项目' }).click();
    await page.waitForURL(/#\/deals\/[0-9a-f-]+\/show$/);
    const dealId = /deals\/([0-9a-f-]+)\/show/.exec(page.url())![1];
    await close();

    const lead = await app.request('GET', `/api/v1/leads/${created.body.id}`, { token });
    expect(lead.body.status).toBe('converted');
    const deal = await app.request('GET', `/api/v1/deals/${dealId}`, { token });
    expect(deal.body).toMatchObject({ leadId: created.body.id, expectedArea: '1200.00' });
  });

  it('imports a CSV in three steps: the dry run shows the bad row, the import creates the good ones', async () => {
    const csv = [
      '企业名称,来源,联系人,电话',
      '玄武湖导入验证甲号数据公司,中关村,王一,13800000001',
      '青龙峡导入验证乙号算法公司,活动,,',
      '白虎涧导入验证丙号芯片公司,不存在的来源,,',
    ].join('\n');
    const { page, close } = await signedIn('promoter2');
    await page.goto('/#/leads/import');
    await page.getByText('文件格式').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByText('已选择：leads.csv').waitFor();
    await page.getByRole('button', { name: '检查（试导入）' }).click();

    const errors = page.getByRole('table', { name: '有错误的行（不会导入）' });
    await errors.waitFor();
    const badRow = errors.getByRole('row').filter({ hasText: '不存在的来源' });
    await expect(badRow.getByRole('cell').nth(0).textContent()).resolves.toBe('4');
    await expect(badRow.getByRole('cell').nth(1).textContent()).resolves.toBe('来源');
    await page.getByText('将新建 2 条').waitFor();
    await screenshot(page, 'leads-import-preview');

    const token = await app.tokenFor('promoter2');
    const before = await app.request('GET', '/api/v1/leads?q=导入验证', { token });
    expect(before.body.data).toHaveLength(0);

    await page.getByRole('button', { name: '正式导入 2 条' }).click();
    await page.getByText('导入完成').waitFor();
    await page.getByRole('link', { name: '查看线索列表' }).waitFor();
    await close();

    const after = await app.request('GET', '/api/v1/leads?q=导入验证', { token });
    expect(after.body.data.map((lead: { companyName: string }) => lead.companyName).sort()).toEqual(
      ['玄武湖导入验证甲号数据公司', '青龙峡导入验证乙号算法公司'].sort(),
    );
  });
});
