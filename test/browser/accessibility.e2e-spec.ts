import type { Result } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { blockingViolations } from '../support/axe';
import { launchBrowser, openAdmin, signIn, type AdminSession } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/** Waits until the screen has loaded: no request in flight and no progress indicator left. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('#main-content').waitFor();
  await page
    .locator('.MuiLinearProgress-indeterminate:visible, .MuiCircularProgress-indeterminate:visible')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle');
}

function describeViolations(violations: Result[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map(
            (node) => `    ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1] ?? ''}`,
          )
          .join('\n'),
    )
    .join('\n');
}

/**
 * axe on every main screen of the web admin: every entry of the admin's menu (so a screen added
 * to the menu is scanned without editing this test), the record and form pages behind them, and
 * the login page, in Chinese, plus the dashboard in English and in the dark theme.
 */
describe('web admin: accessibility (axe, WCAG 2.1 AA)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: AdminSession;
  const scanned: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    admin = await openAdmin(browser, app.baseUrl);
    await signIn(admin.page, 'admin');
  });
  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
    await app?.close();
  });

  async function scan(page: Page, path: string): Promise<void> {
    await page.goto(`/#${path}`);
    await settled(page);
    const violations = await blockingViolations(page);
    scanned.push(path);
    if (violations.length) throw new Error(`${path}\n${describeViolations(violations)}`);
  }

  it('the login page', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await page.goto('/#/login');
    await page.getByRole('button', { name: '登录' }).waitFor();
    const violations = await blockingViolations(page);
    await context.close();
    expect(describeViolations(violations)).toBe('');
  });

  it('every screen of the admin’s menu', async () => {
    const { page } = admin;
    await page.goto('/#/');
    await settled(page);
    const hrefs = await page
      .locator('.RaMenu-open a[href^="#/"]')
      .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute('href') ?? ''))]);
    // The daily-work screens, the park's offers, the reports and the admins' screens.
    expect(hrefs.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    for (const href of hrefs) {
      await scan(page, href.slice(1)).catch((error: Error) => failures.push(error.message));
    }
    expect(failures.join('\n\n')).toBe('');
  }, 300_000);

  it('the record and form pages behind them', async () => {
    const one = async (sql: string) => {
      const { rows } = await app.db.query<{ id: string }>(sql);
      expect(rows).toHaveLength(1);
      return rows[0].id;
    };
    const deal = await one('SELECT id FROM deals ORDER BY created_at LIMIT 1');
    const company = await one(
      'SELECT company_id AS id FROM compute_accounts ORDER BY created_at LIMIT 1',
    );
    const account = await one('SELECT id FROM compute_accounts ORDER BY created_at LIMIT 1');
    const building = await one('SELECT id FROM buildings ORDER BY name LIMIT 1');
    const unit = await one('SELECT id FROM units ORDER BY code LIMIT 1');
    const track = await one('SELECT id FROM onboarding_tracks ORDER BY created_at LIMIT 1');
    const program = await one('SELECT id FROM programs ORDER BY created_at LIMIT 1');
    const application = await one('SELECT id FROM applications ORDER BY created_at LIMIT 1');
    const target = await one('SELECT id FROM targets ORDER BY created_at LIMIT 1');
    const user = await one("SELECT id FROM users WHERE email = 'promoter1@demo.park'");
    const paths = [
      `/deals/${deal}/show`,
      '/deals/create',
      `/companies/${company}/show`,
      `/companies/${company}/show/compute`,
      `/companies/${company}/show/support`,
      `/companies/${company}`,
      '/companies/create',
      '/leads/create',
      '/search?q=%E7%A7%91%E6%8A%80',
      `/buildings/${building}/show`,
      `/units/${unit}/show`,
      '/units',
      '/reservations',
      '/leases',
      `/onboarding-tracks/${track}/show`,
      '/onboarding-templates',
      `/programs/${program}/show`,
      '/programs/create',
      `/applications/${application}/show`,
      '/applications/create',
      `/compute-accounts/${account}/show`,
      `/targets/${target}`,
      '/targets/create',
      `/users/${user}`,
      '/users/create',
      ...['funnel', 'velocity', 'forecast', 'sources', 'site-visits', 'team', 'targets'].map(
        (report) => `/reports/${report}`,
      ),
      '/reports/compute-usage',
    ];
    const failures: string[] = [];
    for (const path of paths) {
      await scan(admin.page, path).catch((error: Error) => failures.push(error.message));
    }
    expect(failures.join('\n\n')).toBe('');
  }, 420_000);

  it('the dashboard in English and in the dark theme', async () => {
    const english = await openAdmin(browser, app.baseUrl, { locale: 'en' });
    await signIn(english.page, 'manager');
    await settled(english.page);
    expect(describeViolations(await blockingViolations(english.page))).toBe('');
    await english.page.getByRole('button', { name: /dark mode/i }).click();
    await settled(english.page);
    // The dark palette is on: the page's background is dark.
    const background = await english.page.evaluate<string>(
      'getComputedStyle(document.body).backgroundColor',
    );
    const [red, green, blue] = (background.match(/\d+/g) ?? []).map(Number);
    expect(red + green + blue).toBeLessThan(150);
    expect(describeViolations(await blockingViolations(english.page))).toBe('');
    await english.context.close();
    expect(scanned.length).toBeGreaterThan(0);
  });
});
