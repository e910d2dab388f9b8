import { axeViolations } from '../support/axe';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/** Fen from a figure as the admin shows it (`¥299,950,000.00`), or from the API's decimal string. */
const fen = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);

const FIGURES = ['budget', 'approved', 'disbursed', 'pending', 'remaining'] as const;
type Figures = Record<(typeof FIGURES)[number], number>;

/** The amounts a budget bar's legend shows, in fen. */
async function barFigures(bar: Locator): Promise<Figures> {
  await bar.locator('[data-figure="remaining"] [data-amount]').waitFor();
  const figures = {} as Figures;
  for (const key of FIGURES)
    figures[key] = fen(await bar.locator(`[data-figure="${key}"] [data-amount]`).innerText());
  return figures;
}

/** Support programs, applications and the company's support tab in the web admin. */
describe('web admin: support programs and applications', () => {
  let app: TestApp;
  let browser: Browser;
  let promoterToken: string;
  let firm: { id: string; name: string };
  let compute: { id: string; name: string };
  /** The application the promoter drafts in the first test and the manager approves. */
  let approvedId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    promoterToken = await app.tokenFor('promoter1');
    const { rows } = await app.db.query<{ id: string; name: string }>(
      `SELECT c.id, c.name FROM companies c JOIN users u ON u.id = c.owner_id
        WHERE u.email = 'promoter1@demo.park' AND c.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.company_id = c.id)
        ORDER BY c.name LIMIT 1`,
    );
    firm = rows[0];
    const programs = await app.db.query<{ id: string; name: string }>(
      `SELECT id, name FROM programs WHERE kind = 'compute_subsidy'`,
    );
    compute = programs.rows[0];
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function program(id: string) {
    const response = await app.request('GET', `/api/v1/programs/${id}`, {
      token: await app.tokenFor('manager'),
    });
    expect(response.status).toBe(200);
    return response.body as {
      budget: string;
      approvedTotal: string;
      disbursedTotal: string;
      remaining: string;
    };
  }

  function expectBarMatches(figures: Figures, api: Awaited<ReturnType<typeof program>>) {
    expect(figures).toEqual({
      budget: fen(api.budget),
      approved: fen(api.approvedTotal),
      disbursed: fen(api.disbursedTotal),
      pending: fen(api.approvedTotal) - fen(api.disbursedTotal),
      remaining: fen(api.remaining),
    });
  }

  /** A submitted application of promoter1's firm, through the API. */
  async function submitted(programId: string, requestedAmount: string): Promise<string> {
    const draft = await app.request('POST', '/api/v1/applications', {
      token: promoterToken,
      body: { programId, companyId: firm.id, requestedAmount, purpose: '测试 test' },
    });
    expect(draft.status).toBe(201);
    const sent = await app.request('POST', `/api/v1/applications/${draft.body.id}/submit`, {
      token: promoterToken,
      headers: { 'if-match': `"${draft.body.version}"` },
    });
    expect(sent.status).toBe(200);
    return draft.body.id;
  }

  const statusChip = (page: Page, label: string) =>
    page
      .locator('section[aria-labelledby="application-summary"]')
      .getByText(label, { exact: true });

  it('a promoter drafts and submits an application; a manager approves it and the budget bar moves by exactly that', async () => {
    const promoter = await openAdmin(browser, app.baseUrl);
    await signIn(promoter.page, 'promoter1');
    const page = promoter.page;
    await page.goto(`/#/companies/${firm.id}/show/support`);
    await page.getByRole('heading', { name: '扶持汇总' }).waitFor();
    await page.getByText('该企业尚未申请扶持政策').waitFor();
    await page.getByRole('link', { name: '新建申请' }).click();
    await page.getByLabel('扶持项目').click();
    await page.getByRole('option', { name: compute.name }).click();
    await expect(page.getByLabel('企业').inputValue()).resolves.toBe(firm.name);
    await page.getByLabel('申请金额').fill('120000.5');
    await page.getByLabel('用途说明').fill('训练多模态模型 multimodal training');
    await screenshot(page, 'applications-create');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '申请信息' }).waitFor();
    await statusChip(page, '草稿').waitFor();
    approvedId = /applications\/([0-9a-f-]{36})\/show/.exec(page.url())![1];
    const { rows: drafted } = await app.db.query(
      `SELECT status, requested_amount, company_id, program_id FROM applications WHERE id = $1`,
      [approvedId],
    );
    expect(drafted[0]).toEqual({
      status: 'draft',
      requested_amount: '120000.50',
      company_id: firm.id,
      program_id: compute.id,
    });

    await page.getByRole('button', { name: '提交审批' }).click();
    const submitDialog = page.getByRole('dialog', { name: '提交审批' });
    await submitDialog.getByText('¥120,000.50').waitFor();
    await submitDialog.getByRole('button', { name: '提交审批' }).click();
    await submitDialog.waitFor({ state: 'detached' });
    await statusChip(page, '待审批').waitFor();
    // The owner may not decide: no approve, reject or disburse button, and no edit once submitted.
    for (const name of ['批准', '驳回', '拨付', '编辑', '提交审批'])
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
    await promoter.context.close();

    const manager = await openAdmin(browser, app.baseUrl);
    await signIn(manager.page, 'manager');
    const mpage = manager.page;
    await mpage.goto('/#/programs');
    await mpage.getByRole('heading', { name: '扶持项目与预算' }).waitFor();
    const bar = mpage.locator(`[data-budget-bar="${compute.name}"]`);
    const before = await barFigures(bar);
    expectBarMatches(before, await program(compute.id));
    // The bar's accessible name states its figures.
    await mpage
      .getByRole('img', {
        name: new RegExp(`^${compute.name}预算：预算 ¥300,000,000\\.00，已批准 ¥200,000\\.00，`),
      })
      .waitFor();
    await screenshot(mpage, 'programs-list');

    await mpage.goto(`/#/applications/${approvedId}/show`);
    await statusChip(mpage, '待审批').waitFor();
    await mpage.getByRole('button', { name: '批准', exact: true }).click();
    const dialog = mpage.getByRole('dialog', { name: '批准申请' });
    await expect(dialog.getByLabel('批准金额（元）').inputValue()).resolves.toBe('120000.50');
    await dialog.getByLabel('批准金额（元）').fill('120000.51');
    await dialog.getByRole('button', { name: '批准' }).click();
    await dialog.getByText('不能超过 ¥120,000.50').waitFor();
    await dialog.getByLabel('批准金额（元）').fill('100000.00');
    await dialog.getByLabel('审批意见（选填）').fill('按八成批准');
    await screenshot(mpage, 'applications-approve');
    await dialog.getByRole('button', { name: '批准' }).click();
    await statusChip(mpage, '已批准').waitFor();
    await mpage.getByText('批准 ¥100,000.00').waitFor();
    await screenshot(mpage, 'applications-show');

    await mpage.goto('/#/programs');
    await bar
      .locator('[data-figure="approved"] [data-amount]')
      .filter({ hasNotText: `¥${(before.approved / 100).toLocaleString('en-US')}.00` })
      .waitFor();
    const after = await barFigures(bar);
    expect(after.approved - before.approved).toBe(10_000_000);
    expect(after.remaining - before.remaining).toBe(-10_000_000);
    expect(after.disbursed).toBe(before.disbursed);
    expectBarMatches(after, await program(compute.id));
    // The program's own page shows the same bar.
    await mpage.goto(`/#/programs/${compute.id}/show`);
    await mpage.getByRole('heading', { name: '项目条款' }).waitFor();
    expect(await barFigures(mpage.locator(`[data-budget-bar="${compute.name}"]`))).toEqual(after);
    await mpage.getByRole('cell', { name: firm.name }).waitFor();
    await screenshot(mpage, 'programs-show');

    // A compute subsidy becomes card-hours: queued for the compute center (none runs here).
    const { rows } = await app.db.query(
      `SELECT a.status, a.approved_amount, a.approved_card_hours, a.decision_reason,
              (SELECT count(*)::int FROM compute_allocations l WHERE l.application_id = a.id) AS allocations
         FROM applications a WHERE a.id = $1`,
      [approvedId],
    );
    expect(rows[0]).toEqual({
      status: 'approved',
      approved_amount: '100000.00',
      approved_card_hours: '50000.00',
      decision_reason: '按八成批准',
      allocations: 1,
    });
    await manager.context.close();
  });

  it('a manager rejects with a reason, which the dialog requires', async () => {
    const id = await submitted(compute.id, '30000.00');
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    await page.goto(`/#/applications/${id}/show`);
    await statusChip(page, '待审批').waitFor();
    await page.getByRole('button', { name: '驳回', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '驳回申请' });
    await dialog.getByRole('button', { name: '驳回' }).click();
    await dialog.getByText('请填写驳回原因').waitFor();
    await dialog.getByLabel('驳回原因').fill('   ');
    await dialog.getByRole('button', { name: '驳回' }).click();
    await dialog.getByText('请填写驳回原因').waitFor();
    const still = await app.db.query(`SELECT status FROM applications WHERE id = $1`, [id]);
    expect(still.rows[0].status).toBe('submitted');
    await dialog.getByLabel('驳回原因').fill('材料不全，请补充营业执照');
    await dialog.getByRole('button', { name: '驳回' }).click();
    await statusChip(page, '已驳回').waitFor();
    await page
      .locator('section[aria-labelledby="application-summary"]')
      .getByText('材料不全，请补充营业执照')
      .waitFor();
    const { rows } = await app.db.query(
      `SELECT status, decision_reason, approved_amount FROM applications WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({
      status: 'rejected',
      decision_reason: '材料不全，请补充营业执照',
      approved_amount: null,
    });

    // The list filtered by status finds it, and only rejected ones.
    await page.goto('/#/applications');
    await page.getByLabel('状态').click();
    await page.getByRole('option', { name: '已驳回' }).click();
    await page.locator('tbody [data-status="approved"]').first().waitFor({ state: 'detached' });
    await page.locator('tbody [data-status="rejected"]').waitFor();
    await page.getByRole('cell', { name: firm.name }).first().waitFor();
    const statuses = await page
      .locator('tbody [data-status]')
      .evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-status')));
    expect(statuses).toEqual(['rejected']);
    await screenshot(page, 'applications-list');
    await context.close();
  });

  it('a manager disburses an approved application: disbursed moves on the bar', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    await page.goto(`/#/programs/${compute.id}/show`);
    const bar = page.locator(`[data-budget-bar="${compute.name}"]`);
    const before = await barFigures(bar);
    await page.goto(`/#/applications/${approvedId}/show`);
    await statusChip(page, '已批准').waitFor();
    await page.getByRole('button', { name: '拨付', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '拨付资金' });
    await expect(dialog.getByLabel('拨付金额（元）').inputValue()).resolves.toBe('100000.00');
    await dialog.getByLabel('拨付金额（元）').fill('80000');
    await dialog.getByRole('button', { name: '拨付' }).click();
    await statusChip(page, '已拨付').waitFor();
    await page.getByText('拨付 ¥80,000.00').waitFor();

    await page.goto(`/#/programs/${compute.id}/show`);
    await bar
      .locator('[data-figure="disbursed"] [data-amount]')
      .filter({ hasNotText: `¥${(before.disbursed / 100).toLocaleString('en-US')}.00` })
      .waitFor();
    const after = await barFigures(bar);
    expect(after.disbursed - before.disbursed).toBe(8_000_000);
    // The 20,000 not paid out goes back to the program.
    expect(after.approved - before.approved).toBe(-2_000_000);
    expect(after.remaining - before.remaining).toBe(2_000_000);
    expectBarMatches(after, await program(compute.id));
    const { rows } = await app.db.query(
      `SELECT status, disbursed_amount FROM applications WHERE id = $1`,
      [approvedId],
    );
    expect(rows[0]).toEqual({ status: 'disbursed', disbursed_amount: '80000.00' });
    await context.close();
  });

  it('shows a promoter no approve button, and the list no decisions', async () => {
    const id = await submitted(compute.id, '5000.00');
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    await page.goto(`/#/applications/${id}/show`);
    await statusChip(page, '待审批').waitFor();
    await page.getByRole('heading', { name: '状态记录' }).waitFor();
    for (const name of ['批准', '驳回', '拨付'])
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
    // Not even by typing the address of a decision: there is none; the API's rule stands behind.
    const refused = await app.request('POST', `/api/v1/applications/${id}/approve`, {
      token: promoterToken,
      headers: { 'if-match': '"2"' },
      body: {},
    });
    expect(refused.status).toBe(403);
    await context.close();
  });

  it('the company’s support tab shows the totals of companies/:id/support', async () => {
    const support = (
      await app.request('GET', `/api/v1/companies/${firm.id}/support`, {
        token: await app.tokenFor('manager'),
      })
    ).body;
    // 120,000.50 + 30,000 + 5,000 requested; 100,000 approved of which 80,000 disbursed.
    expect(support).toMatchObject({
      requested: '155000.50',
      approved: '100000.00',
      disbursed: '80000.00',
    });
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    await page.goto(`/#/companies/${firm.id}/show/support`);
    await page.getByRole('heading', { name: '扶持汇总' }).waitFor();
    const figure = (key: string) =>
      page.locator(`[data-figure="${key}"] [data-amount]`).first().innerText();
    for (const key of ['requested', 'approved', 'disbursed', 'rentFreeValue', 'fundInvestment'])
      expect(fen(await figure(key))).toBe(fen(support[key]));
    const table = page.getByRole('table', { name: '按扶持项目汇总' });
    for (const row of [...support.programs, { programId: 'total', ...support }]) {
      const cells = await table
        .locator(`[data-program="${row.programId}"] td, [data-program="${row.programId}"] th`)
        .allInnerTexts();
      expect(cells.slice(2).map(fen)).toEqual(
        [row.requested, row.approved, row.disbursed].map(fen),
      );
    }
    expect(support.programs).toHaveLength(1);
    await expect(
      table.locator(`[data-program="${compute.id}"] td`).nth(1).innerText(),
    ).resolves.toBe('3');
    // Three applications listed; a manager does not apply for firms.
    await expect(page.locator('tbody [data-status]').count()).resolves.toBe(3);
    await expect(page.getByRole('link', { name: '新建申请' }).count()).resolves.toBe(0);
    await screenshot(page, 'companies-support');
    await context.close();
  });

  it('an admin creates and edits a program; an approval over its budget is refused with what is left', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'admin');
    await page.goto('/#/programs');
    await page.getByRole('link', { name: '创建' }).click();
    await page.getByLabel('项目名称').fill('青年人才安居补贴');
    await page.getByLabel('英文名称').fill('Young talent housing');
    await page.getByLabel('类型').click();
    await page.getByRole('option', { name: '人才补贴' }).click();
    await page.getByLabel('预算（元）').fill('10000.5x');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('请输入以元为单位的金额，最多两位小数，例如 50000.00').waitFor();
    await page.getByLabel('预算（元）').fill('10000');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '项目条款' }).waitFor();
    const { rows } = await app.db.query<{ id: string; budget: string; version: number }>(
      `SELECT id, budget, version FROM programs WHERE name = '青年人才安居补贴'`,
    );
    expect(rows[0]).toMatchObject({ budget: '10000.00', version: 1 });
    const programId = rows[0].id;

    await page.getByRole('link', { name: '编辑' }).click();
    await page.getByLabel('预算（元）').fill('15000.00');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '项目条款' }).waitFor();
    const bar = page.locator('[data-budget-bar="青年人才安居补贴"]');
    await bar.locator('[data-figure="budget"]').getByText('¥15,000.00').waitFor();
    const edited = await app.db.query(`SELECT budget, version FROM programs WHERE id = $1`, [
      programId,
    ]);
    expect(edited.rows[0]).toEqual({ budget: '15000.00', version: 2 });
    await context.close();

    const id = await submitted(programId, '20000.00');
    const manager = await openAdmin(browser, app.baseUrl);
    await signIn(manager.page, 'manager');
    await manager.page.goto(`/#/applications/${id}/show`);
    await manager.page.getByRole('button', { name: '批准', exact: true }).click();
    const dialog = manager.page.getByRole('dialog', { name: '批准申请' });
    await dialog.getByRole('button', { name: '批准' }).click();
    await dialog.getByRole('alert').getByText('预算余额不足：该项目仅剩 ¥15,000.00 可批').waitFor();
    await screenshot(manager.page, 'applications-over-budget');
    const unchanged = await app.db.query(
      `SELECT a.status, p.approved_total FROM applications a JOIN programs p ON p.id = a.program_id WHERE a.id = $1`,
      [id],
    );
    expect(unchanged.rows[0]).toEqual({ status: 'submitted', approved_total: '0.00' });
    await manager.context.close();
  });

  it('reads in English', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl, { locale: 'en' });
    await signIn(page, 'manager');
    await page.goto('/#/programs');
    await page.getByRole('heading', { name: 'Support programs and budgets' }).waitFor();
    await expect(page.locator('#react-admin-title').innerText()).resolves.toBe('Support programs');
    const fund = (
      await app.request('GET', '/api/v1/programs/fund', {
        token: await app.tokenFor('manager'),
      })
    ).body;
    const fundBar = page.locator(`[data-budget-bar="${fund.name}"]`);
    expect(fen(await fundBar.locator('[data-figure="total"] [data-amount]').innerText())).toBe(
      fen(fund.total),
    );
    await fundBar.getByText('Unallocated').waitFor();
    await page
      .getByRole('img', {
        name: /^Compute-power subsidy budget: Budget ¥300,000,000\.00, Approved /,
      })
      .waitFor();
    await page.getByText('Approved, not yet disbursed').first().waitFor();
    await screenshot(page, 'programs-list-en');
    await page.goto(`/#/applications/${approvedId}/show`);
    await page.getByRole('heading', { name: 'Status history' }).waitFor();
    await page
      .locator('section[aria-labelledby="application-summary"]')
      .locator('[data-status="disbursed"]')
      .getByText('Disbursed', { exact: true })
      .waitFor();
    await context.close();
  });

  it('passes axe (WCAG 2.1 AA) on its screens', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    const screens: [string, () => Promise<void>][] = [
      ['/programs', () => page.getByRole('heading', { name: '扶持项目与预算' }).waitFor()],
      [
        `/programs/${compute.id}/show`,
        () => page.getByRole('heading', { name: '项目条款' }).waitFor(),
      ],
      ['/applications', () => page.getByRole('cell', { name: firm.name }).first().waitFor()],
      [
        `/applications/${approvedId}/show`,
        () => page.getByRole('heading', { name: '状态记录' }).waitFor(),
      ],
      [
        `/companies/${firm.id}/show/support`,
        () => page.getByRole('table', { name: '按扶持项目汇总' }).waitFor(),
      ],
    ];
    const found: string[] = [];
    for (const [path, loaded] of screens) {
      await page.goto(`/#${path}`);
      await loaded();
      await page.waitForLoadState('networkidle');
      for (const violation of await axeViolations(page)) found.push(`${path} ${violation}`);
    }
    await context.close();
    expect(found).toEqual([]);
  });
});
