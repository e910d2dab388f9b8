import type { Browser, Page } from 'playwright-core';
import type { ComputeCenterSimulator } from '../compute-center/simulator';
import {
  computeCenterEnv,
  eventsPath,
  eventually,
  startSimulator,
} from '../support/compute-center';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const ACCOUNT_STATUS_ZH: Record<string, string> = {
  pending: '开通中',
  active: '已开通',
  suspended: '已暂停',
  closed: '已关闭',
  failed: '开通失败',
};

/** A Beijing calendar day, `days` from today. */
function beijingDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The figure in a chart's accessible name: "…合计 1,234.5 卡时" → 1234.5. */
function totalIn(label: string | null): number {
  const match = /合计 ([\d,.]+) 卡时/.exec(label ?? '');
  if (!match) throw new Error(`no total in “${label}”`);
  return Number(match[1].replace(/,/g, ''));
}

/**
 * The admins' screens (users, API keys, the compute-center dead letters) and the compute
 * accounts, against the compute-center simulator.
 */
describe('web admin: administration and compute accounts', () => {
  let sim: ComputeCenterSimulator;
  let app: TestApp;
  let browser: Browser;
  let admin: Page;
  let closeAdmin: () => Promise<void>;
  let adminToken: string;
  let tenant: { accountId: string; externalId: string; companyName: string };

  beforeAll(async () => {
    sim = await startSimulator();
    [app, browser] = await Promise.all([
      // Two retries: a call to a center that is down lands in the dead letters within seconds.
      startTestApp({ ...computeCenterEnv(sim), COMPUTE_CENTER_RETRY_LIMIT: '2' }),
      launchBrowser(),
    ]);
    sim.setWebhookUrl(`${app.baseUrl}${eventsPath}`);
    adminToken = await app.tokenFor('admin');
    // The demo's tenant with an approved compute subsidy, once its account and allocation are live.
    tenant = await eventually(
      async () => {
        const { rows } = await app.db.query(
          `SELECT a.id AS "accountId", a.external_id AS "externalId", c.name AS "companyName"
             FROM applications p JOIN companies c ON c.id = p.company_id
             JOIN compute_accounts a ON a.company_id = c.id
             JOIN compute_allocations l ON l.account_id = a.id
            WHERE p.status = 'approved' AND a.status = 'active' AND l.status = 'active' LIMIT 1`,
        );
        return rows[0] as typeof tenant | undefined;
      },
      60_000,
      'the demo tenant’s account and allocation',
    );
    const session = await openAdmin(browser, app.baseUrl);
    admin = session.page;
    closeAdmin = () => session.context.close();
    await signIn(admin, 'admin');
  });
  afterAll(async () => {
    await closeAdmin?.();
    await browser?.close();
    await app?.close();
    await sim?.stop();
  });

  it('creates a user who can then sign in with the role given, after refusing a weak password', async () => {
    await admin.goto('/#/users');
    await admin.getByRole('cell', { name: 'manager@demo.park' }).waitFor();
    await admin.getByRole('link', { name: '创建' }).click();
    await admin.getByRole('textbox', { name: '邮箱' }).fill('zhao.lei@demo.park');
    await admin.getByRole('textbox', { name: '姓名' }).fill('赵磊');
    await admin.getByRole('combobox', { name: '角色' }).click();
    await admin.getByRole('option', { name: '招商负责人' }).click();
    await admin.getByLabel('初始密码').fill('short');
    await admin.getByRole('button', { name: '保存' }).click();
    // The API's password policy, worded by its code in Chinese, at the field.
    await admin.getByText('至少 10 个字符').waitFor();
    await screenshot(admin, 'admin-user-weak-password');
    const { rows: none } = await app.db.query(`SELECT 1 FROM users WHERE email = $1`, [
      'zhao.lei@demo.park',
    ]);
    expect(none).toHaveLength(0);

    await admin.getByLabel('初始密码').fill('Zhao#Lei-2026');
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByRole('cell', { name: 'zhao.lei@demo.park' }).waitFor();
    await screenshot(admin, 'admin-users');

    const login = await app.login('zhao.lei@demo.park', 'Zhao#Lei-2026');
    expect(login.status).toBe(200);
    const me = await app.request('GET', '/api/v1/auth/me', { token: login.body.accessToken });
    expect(me.body).toMatchObject({ email: 'zhao.lei@demo.park', role: 'manager' });

    // An edit with If-Match: the role changes, then deactivation shuts the door.
    await admin.getByRole('cell', { name: 'zhao.lei@demo.park' }).click();
    await admin.getByRole('combobox', { name: '角色' }).click();
    await admin.getByRole('option', { name: '只读用户' }).click();
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByRole('row', { name: /zhao\.lei@demo\.park.*只读用户/ }).waitFor();
    const relogin = await app.login('zhao.lei@demo.park', 'Zhao#Lei-2026');
    expect(
      (await app.request('GET', '/api/v1/auth/me', { token: relogin.body.accessToken })).body.role,
    ).toBe('viewer');
    await admin.getByRole('cell', { name: 'zhao.lei@demo.park' }).click();
    await admin.getByRole('switch', { name: '启用' }).or(admin.getByLabel('启用')).uncheck();
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByRole('row', { name: /zhao\.lei@demo\.park.*已停用/ }).waitFor();
    expect((await app.login('zhao.lei@demo.park', 'Zhao#Lei-2026')).status).toBe(401);
    const { rows } = await app.db.query(
      `SELECT role, active, version FROM users WHERE email = $1`,
      ['zhao.lei@demo.park'],
    );
    expect(rows[0]).toMatchObject({ role: 'viewer', active: false, version: 3 });
  });

  it('shows the refusal when an admin tries to deactivate themself', async () => {
    const { rows } = await app.db.query(`SELECT id FROM users WHERE email = 'admin@demo.park'`);
    await admin.goto(`/#/users/${rows[0].id}`);
    await admin.getByText('这是您自己的账户').waitFor();
    await admin.getByLabel('启用').uncheck();
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByText('不能停用、删除自己的账户或取消自己的管理员角色').waitFor();
    const { rows: after } = await app.db.query(
      `SELECT active FROM users WHERE email = 'admin@demo.park'`,
    );
    expect(after[0].active).toBe(true);
  });

  it('creates an API key shown once, which works until it is revoked in the UI', async () => {
    await admin.goto('/#/api-keys');
    await admin.getByRole('button', { name: '新建 API 密钥' }).click();
    const form = admin.getByRole('dialog', { name: '新建 API 密钥' });
    await form.getByRole('textbox', { name: '名称' }).fill('算力中心账户系统');
    await form.getByRole('button', { name: '保存' }).click();
    const shown = admin.getByRole('dialog', { name: 'API 密钥“算力中心账户系统”已创建' });
    await shown.getByText('它只显示这一次').waitFor();
    await shown.getByRole('button', { name: '复制密钥' }).waitFor();
    // Until the dialog has faded in (for the screenshot).
    await shown.evaluate(
      '(dialog) => Promise.all(dialog.getAnimations({ subtree: true }).map((a) => a.finished))',
    );
    const key = await shown.getByRole('textbox', { name: '密钥' }).inputValue();
    expect(key).toMatch(/^pcrm_/);
    await screenshot(admin, 'admin-api-key-secret');
    await shown.getByRole('button', { name: '我已保存密钥' }).click();
    await shown.waitFor({ state: 'detached' });

    const row = admin.getByRole('row', { name: /算力中心账户系统/ });
    await row.getByRole('cell', { name: key.slice(0, 12), exact: true }).waitFor();
    await row.getByText('有效').waitFor();
    // Once closed, the key is nowhere on the page.
    expect(await admin.locator('body').innerText()).not.toContain(key);

    const me = await app.request('GET', '/api/v1/auth/me', { apiKey: key });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'api_key', role: 'integration' });

    await row.getByRole('button', { name: '吊销 API 密钥 算力中心账户系统' }).click();
    const confirm = admin.getByRole('dialog', { name: '吊销 API 密钥“算力中心账户系统”？' });
    await confirm.getByRole('button', { name: '吊销' }).click();
    await row.getByText('已吊销').waitFor();
    expect((await app.request('GET', '/api/v1/auth/me', { apiKey: key })).status).toBe(401);
    const { rows } = await app.db.query(
      `SELECT revoked_at FROM api_keys WHERE name = '算力中心账户系统'`,
    );
    expect(rows[0].revoked_at).toBeInstanceOf(Date);
  });

  it('lists the accounts with the API’s statuses, and charts usage with the API’s totals', async () => {
    // Another demo account is suspended at the center (its webhook tells the CRM): two statuses.
    const { rows: others } = await app.db.query(
      `SELECT id, external_id FROM compute_accounts
        WHERE status = 'active' AND external_id IS NOT NULL AND id <> $1 LIMIT 1`,
      [tenant.accountId],
    );
    sim.suspendFromCenter(others[0].external_id, 'maintenance');
    await eventually(
      async () => {
        const { rows } = await app.db.query(`SELECT status FROM compute_accounts WHERE id = $1`, [
          others[0].id,
        ]);
        return rows[0].status === 'suspended';
      },
      15_000,
      'the suspension in the CRM',
    );
    const listed = await app.request('GET', '/api/v1/compute-accounts?limit=200', {
      token: adminToken,
    });
    const statuses = new Set(listed.body.data.map((a: { status: string }) => a.status));
    expect([...statuses].sort()).toEqual(['active', 'suspended']);
    await admin.goto('/#/compute-accounts');
    for (const account of listed.body.data) {
      const row = admin.getByRole('row', { name: new RegExp(account.companyName) });
      await row.getByText(ACCOUNT_STATUS_ZH[account.status], { exact: true }).waitFor();
      await row.getByRole('cell', { name: String(account.allocationCount), exact: true }).waitFor();
    }
    expect(await admin.locator('tbody tr').count()).toBe(listed.body.data.length);
    // Filtered by status: only the suspended account.
    await admin.getByRole('combobox', { name: '状态' }).click();
    await admin.getByRole('option', { name: '已暂停' }).click();
    await eventually(async () => (await admin.locator('tbody tr').count()) === 1, 10_000, 'filter');
    const suspended = listed.body.data.find((a: { id: string }) => a.id === others[0].id);
    await admin.getByRole('row', { name: new RegExp(suspended.companyName) }).waitFor();
    await admin.goto(`/#/compute-accounts?filter=${encodeURIComponent('{}')}`);
    await admin.getByRole('heading', { name: '与算力中心对账' }).waitFor();
    await admin.getByRole('button', { name: '立即对账' }).click();
    await admin.getByText('核对账户数').waitFor();
    const reconciliation = await app.request('GET', '/api/v1/compute-accounts/reconciliation', {
      token: adminToken,
    });
    expect(reconciliation.status).toBe(200);
    await admin
      .getByRole('region', { name: '与算力中心对账' })
      .getByText(String(reconciliation.body.accountsChecked), { exact: true })
      .waitFor();
    await screenshot(admin, 'compute-accounts');

    // Usage at the center on three days; the account page resyncs and charts it.
    for (const [days, cardHours] of [
      [-1, '12.50'],
      [-5, '30.25'],
      [-40, '100.00'],
    ] as const)
      sim.consume(tenant.externalId, {
        cardHours,
        resourceType: 'ascend-910b',
        day: beijingDay(days),
      });
    await admin.getByRole('row', { name: new RegExp(tenant.companyName) }).click();
    await admin.getByRole('heading', { level: 1, name: tenant.companyName }).waitFor();
    await admin.getByRole('button', { name: '与算力中心同步' }).click();
    await admin.getByText('已与算力中心同步').waitFor();

    const usage = async (from: string, to: string, granularity: string) =>
      (
        await app.request(
          'GET',
          `/api/v1/compute-accounts/${tenant.accountId}/usage?from=${from}&to=${to}&granularity=${granularity}`,
          { token: adminToken },
        )
      ).body;
    const last30 = await usage(beijingDay(-29), beijingDay(1), 'day');
    expect(Number(last30.totalCardHours)).toBeGreaterThanOrEqual(42.75);
    const chart = admin.getByRole('img', { name: /每日算力用量图/ });
    await eventually(
      async () => totalIn(await chart.getAttribute('aria-label')) === Number(last30.totalCardHours),
      15_000,
      'the 30-day chart',
    );
    expect(await chart.getAttribute('aria-label')).toContain(
      `${beijingDay(-29)} 至 ${beijingDay(0)}`,
    );
    await screenshot(admin, 'compute-account-usage');

    await admin.getByRole('button', { name: '近 90 天（按日）' }).click();
    const last90 = await usage(beijingDay(-89), beijingDay(1), 'day');
    expect(Number(last90.totalCardHours)).toBeGreaterThanOrEqual(142.75);
    await eventually(
      async () => totalIn(await chart.getAttribute('aria-label')) === Number(last90.totalCardHours),
      15_000,
      'the 90-day chart',
    );

    await admin.getByRole('button', { name: '今年（按月）' }).click();
    const year = beijingDay(0).slice(0, 4);
    const thisYear = await usage(`${year}-01-01`, `${Number(year) + 1}-01-01`, 'month');
    const monthly = admin.getByRole('img', { name: /每月算力用量图/ });
    await eventually(
      async () =>
        totalIn(await monthly.getAttribute('aria-label')) === Number(thisYear.totalCardHours),
      15_000,
      'the monthly chart',
    );
    await admin.getByRole('table', { name: '算力额度分配' }).waitFor();
    await admin.getByRole('table', { name: '最近的算力中心调用' }).waitFor();
  });

  it('shows a dead-lettered call, and retries it from the UI once the center is back', async () => {
    await admin.goto('/#/integrations/dead-letters');
    await admin.getByText('没有失败的调用。').waitFor();

    // The center goes down while a firm's account is being opened: every attempt fails.
    const { rows: firms } = await app.db.query(
      `SELECT c.id, c.name FROM companies c WHERE c.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM compute_accounts a WHERE a.company_id = c.id)
        ORDER BY c.name LIMIT 1`,
    );
    const firm = firms[0] as { id: string; name: string };
    await sim.setFaults({ down: true });
    const opened = await app.request('POST', '/api/v1/compute-accounts', {
      token: await app.tokenFor('manager'),
      body: { companyId: firm.id },
    });
    expect(opened.status).toBe(201);
    const dead = await eventually(
      async () => {
        const { rows } = await app.db.query(
          `SELECT id, attempts FROM compute_intents WHERE account_id = $1 AND status = 'dead'`,
          [opened.body.id],
        );
        return rows[0] as { id: string; attempts: number } | undefined;
      },
      60_000,
      'the provisioning call in the dead letters',
    );

    await admin.reload();
    const row = admin.locator(`tr[data-intent-id="${dead.id}"]`);
    await row.getByRole('cell', { name: '开通账户', exact: true }).waitFor();
    await row.getByRole('link', { name: firm.name }).waitFor();
    await row.getByRole('cell', { name: String(dead.attempts), exact: true }).waitFor();
    await row.getByText('已失败').waitFor();
    await screenshot(admin, 'dead-letters');

    await sim.setFaults({ down: false });
    await row.getByRole('button', { name: /^重试/ }).click();
    const confirm = admin.getByRole('dialog', { name: '重新发送“开通账户”调用？' });
    await confirm.getByRole('button', { name: '重试' }).click();
    await row.getByText('已送达').waitFor({ timeout: 30_000 });
    await expect(row.getByRole('button', { name: /^重试/ }).count()).resolves.toBe(0);
    await screenshot(admin, 'dead-letters-retried');

    const { rows } = await app.db.query(
      `SELECT i.status, a.external_id FROM compute_intents i JOIN compute_accounts a ON a.id = i.account_id
        WHERE i.id = $1`,
      [dead.id],
    );
    expect(rows[0].status).toBe('sent');
    expect(sim.accountsByExternalRef(firm.id)).toEqual([
      expect.objectContaining({ id: rows[0].external_id }),
    ]);
    expect(
      sim
        .requests()
        .filter((r) => r.idempotencyKey === dead.id)
        .at(-1)?.status,
    ).toBe(202);
  });

  it('shows a manager no admin menu entries and refuses the admin pages', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    await page.getByRole('menuitem', { name: '算力账户' }).waitFor();
    for (const entry of ['用户', 'API 密钥', '算力中心失败调用'])
      await expect(page.getByRole('menuitem', { name: entry, exact: true }).count()).resolves.toBe(
        0,
      );
    await page.goto('/#/users');
    await page.getByText('只有管理员可以使用此页面。').waitFor();
    await page.goto('/#/api-keys');
    await page.getByText('只有管理员可以使用此页面。').waitFor();
    await page.goto('/#/integrations/dead-letters');
    await page.getByText('只有管理员可以查看和重发算力中心的失败调用。').waitFor();
    await screenshot(page, 'dead-letters-manager');
    // The manager may resync accounts but not run the reconciliation.
    await page.goto('/#/compute-accounts');
    await page.getByRole('heading', { name: '与算力中心对账' }).waitFor();
    await expect(page.getByRole('button', { name: '立即对账' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('shows the API keys in English', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl, { locale: 'en' });
    await signIn(page, 'admin');
    await page.goto('/#/api-keys');
    await page.getByRole('button', { name: 'New API key' }).waitFor();
    const row = page.getByRole('row', { name: /算力中心账户系统/ });
    await row.getByText('Revoked', { exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Last used' }).waitFor();
    await screenshot(page, 'admin-api-keys-en');
    await context.close();
  });
});
