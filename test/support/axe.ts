import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA, as axe tags them. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** Colours are judged at rest: a dialog, a snackbar or a page still fading in has every contrast too low. */
const NO_MOTION =
  '*, *::before, *::after { transition: none !important; animation: none !important; }';

/** The serious and critical WCAG 2.1 AA violations on the page as it is now. */
export async function blockingViolations(page: Page): Promise<Result[]> {
  await page.addStyleTag({ content: NO_MOTION });
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.filter((violation) => BLOCKING.has(violation.impact ?? ''));
}

/** The same, one `rule: targets` line each, for a test's expectation of `[]`. */
export async function axeViolations(page: Page): Promise<string[]> {
  return (await blockingViolations(page)).map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
