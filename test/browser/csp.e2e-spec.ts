import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openAdmin, takeBrowserProblems, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The Content-Security-Policy (see src/common/http/security-headers.ts) in a real browser: the
 * web admin (emotion's inline styles, recharts' SVG) and Swagger UI work under it, and Chromium
 * reports no violation.
 */
describe('the web admin and the API docs under the Content-Security-Policy', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Every CSP violation the page reports, from the DOM event and from the console. */
  async function watchViolations(page: Page): Promise<string[]> {
    const violations: string[] = [];
    await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        window.reportCspViolation(event.violatedDirective + ' ' + event.blockedURI))`,
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    return violations;
  }

  it('runs the web admin, its charts included, without a violation', async () => {
    const { context, page } = await openAdmin(browser, app.baseUrl);
    const violations = await watchViolations(page);
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await signIn(page, 'manager');
    // The dashboard's funnel and forecast charts, then a report's.
    await page.locator('.recharts-surface').first().waitFor();
    await page.goto(`/#/reports/funnel?year=${new Date().getFullYear()}`);
    await page.locator('.recharts-surface').first().waitFor();
    // emotion's styles took effect: MUI's app bar is laid out, not an unstyled list.
    const position = await page
      .locator('header')
      .first()
      .evaluate(
        (element) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { position: string } }
          ).getComputedStyle(element).position,
      );
    expect(['fixed', 'sticky', 'absolute']).toContain(position);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('runs Swagger UI at /api/docs without a violation', async () => {
    const { context, page } = await openAdmin(browser, app.baseUrl);
    const violations = await watchViolations(page);
    await page.goto('/api/docs');
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
    expect(violations).toEqual([]);
    // The watcher does see a violation: an injected inline script is blocked and reported.
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    }`);
    for (let tries = 0; violations.length === 0 && tries < 50; tries++)
      await page.waitForTimeout(20);
    expect(violations).toContainEqual(expect.stringMatching(/script-src/));
    expect(await page.evaluate('"injected" in window')).toBe(false);
    await context.close();
    // The suite's problem collector saw it too, as the console error it is; it was caused here.
    expect(takeBrowserProblems()).toEqual([
      expect.stringMatching(/^console error at .*Content Security Policy directive 'script-src/),
    ]);
  });
});
