import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

// Page scripts as strings: the test project has no DOM types.
const storedSession = (page: Page) =>
  page.evaluate<{ accessToken: string; refreshToken: string } | null>(
    "JSON.parse(localStorage.getItem('park-crm.session') ?? 'null')",
  );

describe('web admin shell: sign-in, session, language, menus by role', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('is served at /, refuses a wrong password in Chinese, then signs a promoter in', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await page.goto('/');
    await expect(page.title()).resolves.toContain('门头沟');
    await page.getByLabel(/^邮箱/).fill('promoter1@demo.park');
    await page.getByLabel(/^密码/).fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('邮箱或密码不正确').waitFor();
    await signIn(page, 'promoter1');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await page.getByRole('heading', { name: '我的项目' }).waitFor();
    await screenshot(page, 'shell-dashboard');
    await context.close();
  });

  it('refreshes an expired access token silently and keeps working', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    const before = await storedSession(page);
    // The access token is rejected (as an expired one would be): the next call refreshes the pair.
    await page.evaluate(`{
      const session = JSON.parse(localStorage.getItem('park-crm.session'));
      localStorage.setItem('park-crm.session', JSON.stringify({ ...session, accessToken: 'expired.token.value' }));
    }`);
    await page.goto('/#/companies');
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    const after = await storedSession(page);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessToken).toEqual(expect.any(String));
    expect(after?.accessToken).not.toBe('expired.token.value');
    expect(page.url()).not.toContain('login');
    await context.close();
  });

  it('signs out on logout and asks to sign in again', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'viewer');
    await page.getByRole('button', { name: '个人资料' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/#\/login/);
    expect(await storedSession(page)).toBeNull();
    await page.goto('/#/deals');
    await page.waitForURL(/#\/login/);
    await context.close();
  });

  it('shows a viewer no create buttons or import menu, and a promoter both', async () => {
    const viewer = await openAdmin(browser, app.baseUrl);
    await signIn(viewer.page, 'viewer');
    await viewer.page.goto('/#/leads');
    await viewer.page.getByRole('table').getByRole('row').nth(1).waitFor();
    await expect(viewer.page.getByRole('link', { name: '创建' }).count()).resolves.toBe(0);
    await expect(viewer.page.getByRole('menuitem', { name: '导入线索' }).count()).resolves.toBe(0);
    await viewer.context.close();

    const promoter = await openAdmin(browser, app.baseUrl);
    await signIn(promoter.page, 'promoter1');
    await promoter.page.goto('/#/leads');
    await promoter.page.getByRole('link', { name: '创建' }).waitFor();
    await promoter.page.getByRole('menuitem', { name: '导入线索' }).waitFor();
    await promoter.context.close();
  });

  it('switches to English and back, and remembers the choice', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    await page.getByRole('menuitem', { name: '项目看板' }).waitFor();
    await page.getByRole('button', { name: '界面语言：中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Pipeline board' }).waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: 'Pipeline board' }).waitFor();
    await screenshot(page, 'shell-dashboard-en');
    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByRole('menuitem', { name: '项目看板' }).waitFor();
    await context.close();
  });

  it('finds a firm, its deal and its contact from the app bar, and opens it', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'viewer');
    const search = page.getByRole('combobox', { name: '全局搜索' });
    await search.fill('京西智算');
    const listbox = page.getByRole('listbox');
    await listbox.getByText('企业', { exact: true }).waitFor();
    await listbox.getByText('招商项目', { exact: true }).waitFor();
    await listbox
      .getByRole('option', { name: /北京京西智算大模型科技有限公司/ })
      .first()
      .waitFor();
    await screenshot(page, 'shell-global-search');
    await search.press('Enter');
    await page.getByRole('heading', { name: '“京西智算”的搜索结果' }).waitFor();
    await page.getByRole('region', { name: '企业' }).getByRole('link').first().click();
    await page.waitForURL(/#\/companies\/[0-9a-f-]{36}\/show/);
    await page.getByText('北京京西智算大模型科技有限公司').first().waitFor();
    await context.close();
  });
});
