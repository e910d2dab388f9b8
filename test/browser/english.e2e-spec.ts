import type { Browser } from 'playwright-core';
import {
  launchBrowser,
  menuScreens,
  openAdmin,
  openScreen,
  screenshot,
  signIn,
} from '../support/browser';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.service';
import { startTestApp, type TestApp } from '../support/test-app';

/** What a screen must never show: a plural string unsplit, a placeholder, a message key. */
const UNTRANSLATED = /\|\|\|\||%\{\w+\}|\b(crm|resources|ra)\.[a-zA-Z-]+\.[a-zA-Z]/;

/**
 * One pass of the web admin in English: the language chosen on the sign-in page, the tab's title
 * and the page's language following it, and every menu screen of an admin free of unsplit plural
 * strings, placeholders and message keys.
 */
describe('web admin in English', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ JOBS_ENABLED: 'false' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('switches to English on the sign-in page, and the tab title and page language follow', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    try {
      await page.goto('/#/login');
      expect(await page.title()).toBe('门头沟园区招商 CRM');
      await page.getByRole('button', { name: /语言/ }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.getByLabel(/^E-mail/).fill('admin@demo.park');
      expect(await page.title()).toBe('Park Recruitment CRM');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.hash.startsWith('#/login'));
      await page.getByRole('menuitem', { name: 'Pipeline board' }).waitFor();
      expect(await page.title()).toBe('Park Recruitment CRM');
    } finally {
      await context.close();
    }
  });

  it('shows every menu screen of an admin without untranslated text', async () => {
    const screens = await menuScreens(browser, app.baseUrl, 'admin');
    const { page, context } = await openAdmin(browser, app.baseUrl, { locale: 'en' });
    const found: string[] = [];
    try {
      await signIn(page, 'admin');
      for (const path of screens) {
        await openScreen(page, path);
        const text = await page.locator('body').innerText();
        const match = UNTRANSLATED.exec(text);
        if (match) found.push(`${path}: ${match[0]}`);
        if ((await page.title()) !== 'Park Recruitment CRM')
          found.push(`${path}: title ${await page.title()}`);
        await screenshot(page, `en${path.replace(/\W+/g, '-')}`);
      }
    } finally {
      await context.close();
    }
    expect(screens.length).toBeGreaterThan(15);
    expect(found).toEqual([]);
  });
});
