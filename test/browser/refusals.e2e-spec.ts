import type { Browser } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { recordProblemDetails } from '../support/problem-details';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Refusals read in the UI's language: the API's field errors are worded by their codes, a credit
 * code is checked in the form before it is sent, and no problem's English detail is shown.
 */
describe('web admin: refusals in Chinese', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ JOBS_ENABLED: 'false' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('checks a mistyped credit code in the lead form before sending it', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    const posted: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/leads'))
        posted.push(request.url());
    });
    await page.goto('/#/leads/create');
    const name = '信用代码测试智能科技有限公司';
    await page.getByRole('textbox', { name: '企业名称' }).fill(name);
    await page.getByRole('textbox', { name: '统一社会信用代码' }).fill('91350100M000100Y44');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('校验位（第 18 位）不正确：请检查是否有输错的字符').waitFor();
    await screenshot(page, 'refusal-credit-code');
    expect(await page.getByText(/check character|creditCode/).count()).toBe(0);
    expect(posted).toEqual([]);
    const { rows } = await app.db.query('SELECT 1 FROM companies WHERE name = $1', [name]);
    expect(rows).toHaveLength(0);
    await context.close();
  });

  it('words the API’s field errors by their codes, and shows none of its English', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    const details = recordProblemDetails(page);
    await signIn(page, 'admin');
    await page.goto('/#/users/create');
    await page.getByRole('textbox', { name: '邮箱' }).fill('promoter1@demo.park');
    await page.getByRole('textbox', { name: '姓名' }).fill('重复邮箱');
    await page.getByRole('combobox', { name: '角色' }).click();
    await page.getByRole('option', { name: '只读用户' }).click();
    await page.getByLabel('初始密码').fill('Garden-Lamp-42x');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已被其他记录使用').waitFor();
    // Too short for the API's policy: its limit, in Chinese, at the field.
    await page.getByRole('textbox', { name: '邮箱' }).fill('new.viewer@demo.park');
    await page.getByLabel('初始密码').fill('short');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('至少 10 个字符').waitFor();
    await screenshot(page, 'refusal-user-fields');
    expect(details.received().length).toBeGreaterThanOrEqual(2);
    expect(await details.shown()).toEqual([]);
    const { rows } = await app.db.query(`SELECT 1 FROM users WHERE display_name = '重复邮箱'`);
    expect(rows).toHaveLength(0);
    await context.close();
  });
});
