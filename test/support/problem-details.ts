import type { Page } from 'playwright-core';

/**
 * Records the `detail` of every problem+json answer a page receives: the API's English for people
 * reading the API, which the web admin must never show (it words each refusal by its `code`).
 */
export function recordProblemDetails(page: Page) {
  const details = new Set<string>();
  page.on('response', (response) => {
    if (!/^application\/problem\+json/.test(response.headers()['content-type'] ?? '')) return;
    response
      .json()
      .then((body: { detail?: unknown }) => {
        if (typeof body.detail === 'string' && body.detail.length > 0) details.add(body.detail);
      })
      .catch(() => undefined);
  });
  return {
    /** The details received so far. */
    received: () => [...details],
    /** Those among them that the page shows now. */
    async shown(): Promise<string[]> {
      const text = await page.locator('body').innerText();
      return [...details].filter((detail) => text.includes(detail));
    },
  };
}
