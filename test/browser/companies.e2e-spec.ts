import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO_FIRM = '北京京西智算大模型科技有限公司';

describe('web admin: companies', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function companyId(name: string): Promise<string> {
    const { rows } = await app.db.query<{ id: string }>(
      'SELECT id FROM companies WHERE name = $1 AND deleted_at IS NULL',
      [name],
    );
    return rows[0].id;
  }

  async function openTab(page: Page, name: RegExp) {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('tab', { name, selected: true }).waitFor();
  }

  it('lets a promoter find a firm by a Chinese name fragment and read every tab', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    await page.goto('/#/companies');
    await page.getByRole('columnheader', { name: '统一社会信用代码' }).waitFor();
    const firstRow = page.getByRole('row').nth(1);
    await firstRow.waitFor();
    await screenshot(page, 'companies-list');
    const names = await page.locator('tbody tr td:first-child').allTextContents();
    const other = names.find((name) => !name.includes('京西智算'))!;

    await page.getByRole('textbox', { name: '搜索' }).fill('京西智算');
    await page.getByRole('cell', { name: other, exact: true }).waitFor({ state: 'detached' });
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    await page.getByRole('cell', { name: DEMO_FIRM }).click();

    await page.getByRole('heading', { name: '基本信息' }).waitFor();
    await page.getByText('基础大模型').first().waitFor();
    await page.getByText('未评估').waitFor();
    await screenshot(page, 'companies-show');

    await openTab(page, /联系人/);
    await page.getByRole('cell', { name: '张伟', exact: true }).waitFor();

    await openTab(page, /线索/);
    await page.getByRole('cell', { name: '中关村集团推荐' }).waitFor();
    await page.getByRole('cell', { name: '已转化' }).waitFor();

    await openTab(page, /招商项目/);
    await page.getByRole('cell', { name: '初步接洽' }).waitFor();

    await openTab(page, /动态/);
    const timeline = page.getByRole('list', { name: '动态' });
    await timeline.getByText('阶段变更').first().waitFor();
    await timeline.getByText('进入阶段“初步接洽”').first().waitFor();
    await screenshot(page, 'companies-timeline');
    await context.close();
  });

  it('lets the owner add a contact and a year of revenue, and checks the credit code', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    const id = await companyId(DEMO_FIRM);
    await page.goto(`/#/companies/${id}/show/contacts`);
    await page.getByRole('button', { name: '添加联系人' }).click();
    const contactDialog = page.getByRole('dialog', { name: '添加联系人' });
    await contactDialog.getByLabel('姓名').fill('孙悦');
    await contactDialog.getByLabel('电话').fill('12345');
    await contactDialog.getByRole('button', { name: '保存' }).click();
    await contactDialog.getByText(/^请输入有效的电话号码/).waitFor();
    await contactDialog.getByLabel('电话').fill('+86 138 0000 0001');
    await contactDialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '孙悦', exact: true }).waitFor();

    await openTab(page, /营收/);
    await page.getByRole('button', { name: '添加年度营收' }).click();
    const revenueDialog = page.getByRole('dialog', { name: '添加年度营收' });
    await revenueDialog.getByLabel('年度').fill('2025');
    await revenueDialog.getByLabel('营业收入').fill('120000000.00');
    await revenueDialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '1.2 亿元' }).waitFor();
    await screenshot(page, 'companies-revenue');

    await page.goto(`/#/companies/${id}`);
    await page.getByLabel('统一社会信用代码').fill('91110109MA00000011');
    await page.getByLabel('人数').fill('120');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('校验位（第 18 位）不正确：请检查是否有输错的字符').waitFor();
    await screenshot(page, 'companies-edit');
    await page.getByLabel('统一社会信用代码').fill('91110109MA0000001U');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '经营与融资' }).waitFor();
    const { rows } = await app.db.query<{ headcount: number }>(
      'SELECT headcount FROM companies WHERE id = $1',
      [id],
    );
    expect(rows[0].headcount).toBe(120);
    await context.close();
  });

  it('lets an admin create a company', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'admin');
    await page.goto('/#/companies/create');
    await page.getByLabel('企业名称').fill('北京斋堂新建测试智能有限公司');
    await page.getByLabel('AI 领域').click();
    await page.getByRole('option', { name: '机器人' }).click();
    await page.getByLabel('注册资本').fill('10000000');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '基本信息' }).waitFor();
    await page.getByText('1,000 万元').waitFor();
    await context.close();
  });

  it('shows a viewer no edit button', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'viewer');
    await page.goto(`/#/companies/${await companyId(DEMO_FIRM)}/show`);
    await page.getByRole('heading', { name: '基本信息' }).waitFor();
    await expect(page.getByRole('link', { name: '编辑' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '合并重复企业' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('lets the manager merge a duplicate into a company', async () => {
    const admin = await app.tokenFor('admin');
    const create = async (body: Record<string, unknown>) => {
      const response = await app.request<{ id: string }>('POST', '/api/v1/companies', {
        token: admin,
        body,
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      expect(response.status).toBe(201);
      return response.body.id;
    };
    const survivor = await create({
      name: '北京门头沟合并测试科技有限公司',
      aiSegment: 'robotics',
    });
    const duplicate = await create({
      name: '天津滨海重复登记智能有限公司',
      hqCity: '天津',
      tags: ['重复'],
    });
    const contact = await app.request('POST', `/api/v1/companies/${duplicate}/contacts`, {
      token: admin,
      body: { name: '欧阳明' },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(contact.status).toBe(201);

    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    await page.goto(`/#/companies/${survivor}/show`);
    await page.getByRole('heading', { name: '基本信息' }).waitFor();
    await expect(page.getByRole('link', { name: '编辑' }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: '合并重复企业' }).click();
    const picker = page.getByRole('dialog');
    await picker.getByRole('combobox', { name: '要合并进来的重复企业' }).fill('滨海重复');
    await page.getByRole('option', { name: /天津滨海重复登记智能有限公司/ }).click();
    await picker.getByRole('button', { name: '合并' }).click();

    const confirm = page.getByRole('dialog', { name: '确认合并' });
    await confirm
      .getByText(/“天津滨海重复登记智能有限公司”将被合并进“北京门头沟合并测试科技有限公司”/)
      .waitFor();
    await screenshot(page, 'companies-merge');
    await confirm.getByRole('button', { name: '合并' }).click();
    await page.getByText('已将“天津滨海重复登记智能有限公司”合并进本企业').waitFor();

    // The duplicate's details and contact now belong to the survivor.
    await page.getByText('天津').first().waitFor();
    await openTab(page, /联系人/);
    await page.getByRole('cell', { name: '欧阳明', exact: true }).waitFor();
    const gone = await app.request('GET', `/api/v1/companies/${duplicate}`, { token: admin });
    expect(gone.status).toBe(404);
    await context.close();
  });
});
