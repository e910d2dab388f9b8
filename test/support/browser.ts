import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.service';
import { PROJECT_ROOT } from '../../src/config/paths';

/** Debian's Chromium (the `chromium` package); Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots of the main screens, kept as test artifacts. */
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // This machine's closed network refuses Chromium's background connections; as root it needs no sandbox.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AdminSession {
  context: BrowserContext;
  page: Page;
}

/**
 * What went wrong in the browser while a file's tests ran: console errors, uncaught exceptions and
 * 5xx answers. Every e2e file asserts there were none (test/support/browser-problems.ts); a
 * refusal (4xx) is an answer, not a problem, and Chromium's console line for it is left out.
 */
const problems: string[] = [];

const REFUSAL_LOG = /^Failed to load resource: the server responded with a status of 4\d\d/;

function watchForProblems(context: BrowserContext) {
  context.on('console', (message) => {
    if (message.type() === 'error' && !REFUSAL_LOG.test(message.text()))
      problems.push(`console error at ${message.location().url}: ${message.text()}`);
  });
  context.on('weberror', (error) => problems.push(`uncaught: ${error.error().message}`));
  context.on('response', (response) => {
    if (response.status() >= 500)
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
}

/** The problems seen since the last call, and forgets them. */
export function takeBrowserProblems(): string[] {
  return problems.splice(0);
}

/** A phone's screen, as the promoters' (390 × 844 CSS pixels). */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** A fresh browser context (its own storage) at the web admin, in Chinese unless told otherwise. */
export async function openAdmin(
  browser: Browser,
  baseUrl: string,
  options: { locale?: 'zh' | 'en'; phone?: boolean } = {},
): Promise<AdminSession> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: options.phone ? PHONE_VIEWPORT : { width: 1440, height: 900 },
    ...(options.phone ? { isMobile: true, hasTouch: true } : {}),
  });
  if (options.locale === 'en')
    // Every document runs it, opaque-origin ones (a download) too, where storage is denied.
    await context.addInitScript({
      content: "try { localStorage.setItem('park-crm.locale', 'en'); } catch {}",
    });
  watchForProblems(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Signs in through the login form as a demo user (`promoter1`, `manager`, …) or by e-mail. */
export async function signIn(page: Page, user: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/#/login');
  await page.getByLabel(/^(邮箱|E-mail)/).fill(user.includes('@') ? user : `${user}@demo.park`);
  await page.getByLabel(/^(密码|Password)/).fill(password);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await page.waitForURL((url) => !url.hash.startsWith('#/login'));
}

/** Saves a full-page screenshot under test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How far the page reaches past the viewport's right edge, in CSS pixels (0 when it fits). */
export async function horizontalOverflow(page: Page): Promise<number> {
  const width = await page.locator('html').evaluate((html) => html.scrollWidth);
  return Math.max(0, width - page.viewportSize()!.width);
}

/** The screens of a user's menu (their paths), read from the menu itself on a desktop. */
export async function menuScreens(
  browser: Browser,
  baseUrl: string,
  user: string,
): Promise<string[]> {
  const { page, context } = await openAdmin(browser, baseUrl);
  try {
    await signIn(page, user);
    const items = page.getByRole('menu').getByRole('menuitem');
    // Resource items appear once the user's permissions have loaded.
    await items.filter({ hasText: /招商项目|Deals/ }).waitFor();
    await page.waitForLoadState('networkidle');
    const hrefs = await items.evaluateAll((links) =>
      links.map((link) => link.getAttribute('href')).filter((href) => href?.startsWith('#/')),
    );
    return [...new Set(hrefs as string[])].map((href) => href.slice(1));
  } finally {
    await context.close();
  }
}

/** Opens a screen of the admin and waits until its data has loaded. */
export async function openScreen(page: Page, path: string): Promise<void> {
  await page.goto(`/#${path}`);
  await page.waitForLoadState('networkidle');
  await page.locator('#main-content').waitFor();
  // Loading bars (the determinate ones are figures, e.g. a target's progress).
  await page
    .locator('[role=progressbar]:not([aria-valuenow])')
    .first()
    .waitFor({ state: 'detached' });
}
