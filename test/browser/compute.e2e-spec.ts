import type { Browser } from 'playwright-core';
import type { ComputeCenterSimulator } from '../compute-center/simulator';
import {
  computeCenterEnv,
  eventsPath,
  eventually,
  startSimulator,
} from '../support/compute-center';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/** The company page's compute account, with the demo linked to the simulator. */
describe('web admin: compute accounts', () => {
  let sim: ComputeCenterSimulator;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    sim = await startSimulator();
    [app, browser] = await Promise.all([startTestApp(computeCenterEnv(sim)), launchBrowser()]);
    sim.setWebhookUrl(`${app.baseUrl}${eventsPath}`);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sim?.stop();
  });

  it('shows a tenant’s account and subsidy, and a manager’s churn suspends it at the center', async () => {
    // The demo's tenant with an approved compute subsidy: 200,000 yuan at 0.5 card-hours a yuan.
    const { rows } = await app.db.query<{ id: string; name: string; account_id: string }>(
      `SELECT c.id, c.name, a.id AS account_id FROM applications p JOIN companies c ON c.id = p.company_id
         JOIN compute_accounts a ON a.company_id = c.id WHERE p.status = 'approved' LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const tenant = rows[0];
    const externalId = await eventually(
      async () => {
        const { rows: linked } = await app.db.query(
          `SELECT a.external_id FROM compute_accounts a JOIN compute_allocations l ON l.account_id = a.id
          WHERE a.id = $1 AND a.status = 'active' AND l.status = 'active'`,
          [tenant.account_id],
        );
        return linked[0]?.external_id as string | undefined;
      },
      60_000,
      'the demo tenant’s account and allocation',
    );

    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    await page.goto(`/#/companies/${tenant.id}/show/compute`);
    await page.getByText('已开通').waitFor();
    await page.getByText(`算力中心账号：${externalId}`).waitFor();
    const allocations = page.getByRole('table', { name: '算力额度分配' });
    await allocations.getByRole('cell', { name: '100,000 卡时' }).first().waitFor();
    await allocations.getByRole('cell', { name: '可用' }).waitFor();
    await screenshot(page, 'compute-account');

    await page.getByRole('button', { name: '迁出园区' }).click();
    const dialog = page.getByRole('dialog', { name: `${tenant.name} 迁出园区` });
    await dialog.getByRole('textbox', { name: '迁出原因' }).fill('迁往外省');
    await dialog.getByRole('button', { name: '保存' }).click();
    // Recorded at once; the account's suspension follows through the outbox (awaited below).
    await page.getByText(`${tenant.name} 已标记为迁出`).waitFor();
    const { rows: churned } = await app.db.query('SELECT status FROM companies WHERE id = $1', [
      tenant.id,
    ]);
    expect(churned[0].status).toBe('churned');
    await eventually(
      () => sim.account(externalId)?.status === 'suspended',
      30_000,
      'suspended at the center',
    );
    await eventually(
      async () => {
        await page.getByRole('button', { name: '与算力中心同步' }).click();
        return (await page.getByText('已暂停').count()) > 0;
      },
      30_000,
      'the tab showing the suspension',
    );
    await page.getByText('企业已迁出园区').waitFor();
    await screenshot(page, 'compute-account-suspended');
    await context.close();
  });
});
