import type { Browser, Page } from 'playwright-core';
import {
  horizontalOverflow,
  launchBrowser,
  openAdmin,
  screenshot,
  signIn,
} from '../support/browser';
import { NEW_USER_PASSWORD, newCompanyName, newLead, newUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A manager works conflicts from their notifications, as a person does: the bell shows one line
 * for the group, the notifications page names each firm, a notification opens its conflict, the
 * conflict is decided there, the group is marked read, and the queue is searched by a firm's name.
 * Every outcome is read back from the API.
 */
describe('web admin: the notification centre', () => {
  let app: TestApp;
  let browser: Browser;
  let manager: { id: string; email: string; token: string };
  const firms: string[] = [];
  const conflicts: string[] = [];

  const api = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await app.request<T>(method, `/api/v1${path}`, {
      token: manager.token,
      body,
    });
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.text}`);
    return response.body;
  };
  const open = async (options: { phone?: boolean } = {}): Promise<Page> => {
    const { page } = await openAdmin(browser, app.baseUrl, options);
    await signIn(page, manager.email, NEW_USER_PASSWORD);
    return page;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ JOBS_ENABLED: 'false' }), launchBrowser()]);
    // A manager of their own: the inbox holds just the conflicts raised here.
    manager = await newUser(app, 'manager');
    const [promoter1, promoter2] = await Promise.all([
      app.tokenFor('promoter1'),
      app.tokenFor('promoter2'),
    ]);
    for (let i = 0; i < 3; i++) {
      const name = `${newCompanyName()}${i}`;
      await newLead(app, promoter1, { name });
      conflicts.push((await newLead(app, promoter2, { name })).conflictId);
      firms.push(name);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens a conflict from its notification, decides it there, and marks the group read', async () => {
    const page = await open();
    const bell = page.getByRole('button', { name: '通知（3 条未读）' });
    await bell.click();
    const popover = page.getByRole('dialog', { name: '通知' });
    // One line for the three conflicts, naming the newest firm and how many there are.
    const group = popover.getByRole('button', {
      name: new RegExp(`撞单待处理：${firms[2]}.*3 条`),
    });
    await group.waitFor();
    expect(await popover.getByRole('button', { name: /撞单待处理/ }).count()).toBe(1);
    await screenshot(page, 'notifications-bell-grouped');
    await group.click();

    await page.waitForURL(/#\/notifications\?/);
    const inbox = page.getByRole('list', { name: '通知' });
    for (const firm of firms)
      await inbox.getByRole('button', { name: new RegExp(`撞单待处理：${firm}`) }).waitFor();
    await screenshot(page, 'notifications-page-group');
    await inbox.getByRole('button', { name: new RegExp(`撞单待处理：${firms[0]}`) }).click();

    await page.waitForURL(new RegExp(`#/lead-conflicts/${conflicts[0]}/show$`));
    await page.getByText(`撞单：${firms[0]}`).first().waitFor();
    await page.getByRole('button', { name: `处理撞单：${firms[0]}` }).click();
    const dialog = page.getByRole('dialog', { name: `处理撞单：${firms[0]}` });
    await dialog.getByRole('button', { name: '处理', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('保留原负责人').first().waitFor();
    expect(await api('GET', `/lead-conflicts/${conflicts[0]}`)).toMatchObject({
      status: 'resolved',
      resolution: 'keep_existing',
    });
    // Opening it marked that one read.
    const opened = await api<{ data: { entityId: string; readAt: string | null }[] }>(
      'GET',
      '/notifications?group=lead.conflict_opened',
    );
    expect(opened.data.find((n) => n.entityId === conflicts[0])?.readAt).toBeTruthy();

    await page.goto('/#/notifications');
    // The list keeps the group it was opened with; a person picks it if it is not.
    const chip = page
      .getByRole('group', { name: '按类型筛选' })
      .getByRole('button', { name: /撞单待处理 · 2\/3/ });
    if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click();
    await screenshot(page, 'notifications-page-filtered');
    await page.getByRole('button', { name: '本组标为已读' }).click();
    await page.getByText('暂无通知').waitFor();
    await page.getByRole('button', { name: '通知（0 条未读）' }).waitFor();
    const groups = await api<{ data: { group: string; unread: number; count: number }[] }>(
      'GET',
      '/notifications/groups',
    );
    expect(groups.data).toEqual([
      expect.objectContaining({ group: 'lead.conflict_opened', unread: 0, count: 3 }),
    ]);
    // 全部 shows them again, read.
    await page.getByRole('tab', { name: '全部' }).click();
    await page
      .getByRole('list', { name: '通知' })
      .getByRole('button', { name: new RegExp(firms[1]) })
      .waitFor();
  });

  it('finds a conflict in the queue by a firm’s name', async () => {
    const page = await open();
    await page.goto('/#/lead-conflicts');
    await page.getByRole('textbox', { name: '搜索双方企业名称' }).fill(firms[2].slice(-8));
    await page.waitForURL(/q%22/);
    const rows = page.locator('tbody tr');
    await rows.nth(1).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: firms[2] }).first().waitFor();
    expect(await rows.count()).toBe(1);
    await rows.first().click();
    await page.waitForURL(new RegExp(`#/lead-conflicts/${conflicts[2]}/show$`));
  });

  it('fits the notifications page on a phone', async () => {
    const page = await open({ phone: true });
    await page.goto('/#/notifications');
    await page.getByRole('tab', { name: '全部' }).click();
    await page.getByRole('list', { name: '通知' }).getByRole('button').first().waitFor();
    await screenshot(page, 'notifications-phone');
    expect(await horizontalOverflow(page)).toBe(0);
  });
});
