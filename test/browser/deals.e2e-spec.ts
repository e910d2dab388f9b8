import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

interface Deal {
  id: string;
  title: string;
  companyName: string;
  stageId: string;
  version: number;
}

describe('web admin: pipeline board and deal screens', () => {
  let app: TestApp;
  let browser: Browser;
  let token: string;
  let promoter1Id: string;
  let stageIds: Record<string, string>;
  let deal: Deal;

  const api = async <T = any>(method: string, path: string, body?: unknown, headers = {}) => {
    const response = await app.request<T>(method, `/api/v1${path}`, { token, body, headers });
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.text}`);
    return response.body;
  };
  const stageOfDeal = async (id: string) => (await api<Deal>('GET', `/deals/${id}`)).stageId;
  const columnCount = async (stage: string) => {
    const board = await api('GET', `/deals/board?ownerId=${promoter1Id}`);
    return board.columns.find((c: { stageId: string }) => c.stageId === stageIds[stage]).count;
  };

  /** A promoter1 deal in Site visit with no completed visit: from the demo, or opened for the test. */
  async function dealInSiteVisitWithoutVisit(): Promise<Deal> {
    const { data } = await api<{ data: Deal[] }>(
      'GET',
      `/deals?stageId=${stageIds.site_visit}&ownerId=${promoter1Id}&limit=200`,
    );
    for (const candidate of data) {
      const visits = await api('GET', `/site-visits?dealId=${candidate.id}&status=completed`);
      if (visits.data.length === 0) return candidate;
    }
    const lead = await api('POST', '/leads', {
      source: 'inbound',
      company: { name: '看板测试智能科技有限公司' },
    });
    let opened = await api<Deal>(
      'POST',
      `/leads/${lead.id}/convert`,
      {},
      { 'if-match': `"${lead.version}"` },
    );
    for (const code of ['needs_confirmed', 'site_visit'])
      opened = await api<Deal>(
        'POST',
        `/deals/${opened.id}/move`,
        { stageId: stageIds[code] },
        {
          'if-match': `"${opened.version}"`,
        },
      );
    return opened;
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    token = await app.tokenFor('promoter1');
    promoter1Id = (await app.db.query(`SELECT id FROM users WHERE email = 'promoter1@demo.park'`))
      .rows[0].id;
    const pipeline = (await api<{ id: string; isDefault: boolean }[]>('GET', '/pipelines')).find(
      (p) => p.isDefault,
    )!;
    const stages = await api<{ id: string; code: string }[]>(
      'GET',
      `/pipelines/${pipeline.id}/stages`,
    );
    stageIds = Object.fromEntries(stages.map((stage) => [stage.code, stage.id]));
    deal = await dealInSiteVisitWithoutVisit();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const cardLabel = () => `${deal.companyName}：${deal.title}`;
  const countOf = (page: Page, name: string) => column(page, name).getByTestId('column-count');

  async function expectCount(page: Page, stageName: string, count: number) {
    await column(page, stageName)
      .getByTestId('column-count')
      .getByText(`${count} 个项目`, { exact: true })
      .waitFor();
  }

  /** A mouse drag as a person does it: press, nudge past the drag threshold, travel, release. */
  async function dragWithMouse(page: Page, card: Locator, target: Locator) {
    const from = (await card.boundingBox())!;
    const to = (await target.boundingBox())!;
    // Grab the card by its company line: drags never start on the title link.
    const x = from.x + from.width / 2;
    const y = from.y + 12;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 8, y + 8, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 150, { steps: 20 });
    await page.mouse.move(to.x + to.width / 2 + 2, to.y + 160, { steps: 4 });
    await page.mouse.up();
  }

  it('refuses a move past an unmet gate, rolls the card back, then moves it once the gate holds', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    await page.goto('/#/board');
    await page.getByRole('heading', { level: 1, name: '项目看板' }).waitFor();
    for (const name of ['初步接洽', '需求确认', '实地考察', '商务洽谈', '签约', '未落地'])
      await column(page, name).waitFor();
    const inSiteVisit = await columnCount('site_visit');
    const inNegotiation = await columnCount('negotiation');
    await expectCount(page, '实地考察', inSiteVisit);
    await expectCount(page, '商务洽谈', inNegotiation);
    expect(await countOf(page, '实地考察').textContent()).toBe(`${inSiteVisit} 个项目`);

    const card = column(page, '实地考察').getByRole('button', { name: cardLabel() });
    await card.waitFor();
    await dragWithMouse(page, card, column(page, '商务洽谈'));

    const refusal = page.getByRole('dialog', { name: '暂不能进入「商务洽谈」' });
    await refusal.waitFor();
    await refusal.getByText('需先完成一次实地考察（带看）').waitFor();
    expect(await refusal.getByRole('link', { name: '安排带看' }).getAttribute('href')).toBe(
      '#/calendar',
    );
    await screenshot(page, 'deals-board-gate-refused');
    await refusal.getByRole('button', { name: '关闭' }).click();
    await refusal.waitFor({ state: 'detached' });
    // Rolled back: the card is in Site visit again, not in Negotiation, and the API agrees.
    await column(page, '实地考察').getByRole('button', { name: cardLabel() }).waitFor();
    expect(await column(page, '商务洽谈').getByRole('button', { name: cardLabel() }).count()).toBe(
      0,
    );
    expect(await stageOfDeal(deal.id)).toBe(stageIds.site_visit);

    // Satisfy the gate: a visit that took place two days ago, completed.
    const start = new Date(Date.now() - 2 * 86_400_000);
    start.setUTCHours(2, 0, 0, 0);
    const visit = await api('POST', '/site-visits', {
      dealId: deal.id,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      placeType: 'computing_center',
      hostIds: [promoter1Id],
      visitors: ['王总'],
    });
    await api(
      'POST',
      `/site-visits/${visit.id}/complete`,
      { interest: 4 },
      {
        'if-match': `"${visit.version}"`,
      },
    );

    // The keyboard drag: space lifts, an arrow moves to the next stage, space drops.
    const lifted = column(page, '实地考察').getByRole('button', { name: cardLabel() });
    await lifted.focus();
    await page.keyboard.press('Space');
    await page.getByText(`已拿起项目「${deal.title}」`).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowRight');
    await page
      .getByText(`项目「${deal.title}」位于阶段「商务洽谈」上方`)
      .waitFor({ state: 'attached' });
    await page.keyboard.press('Space');

    await page.getByText(`项目「${deal.title}」已移到「商务洽谈」`).waitFor();
    await column(page, '商务洽谈').getByRole('button', { name: cardLabel() }).waitFor();
    await expectCount(page, '实地考察', inSiteVisit - 1);
    await expectCount(page, '商务洽谈', inNegotiation + 1);
    expect(await stageOfDeal(deal.id)).toBe(stageIds.negotiation);
    await screenshot(page, 'deals-board');

    // The deal's page: its history shows the move; the owner may edit and move it.
    await column(page, '商务洽谈').getByRole('link', { name: deal.title }).click();
    await page
      .getByRole('heading', { level: 1, name: `${deal.companyName} · ${deal.title}` })
      .waitFor();
    await page.getByRole('cell', { name: '实地考察 → 商务洽谈' }).waitFor();
    await page.getByRole('link', { name: '编辑' }).waitFor();
    await page.getByRole('button', { name: '移到阶段' }).waitFor();
    await page.getByRole('heading', { name: '时间线' }).waitFor();
    await screenshot(page, 'deals-show');

    await page.getByRole('link', { name: '编辑' }).click();
    await page.getByRole('textbox', { name: '预计投资（元）' }).fill('80000000');
    await page.getByText('8,000 万元').waitFor();
    await screenshot(page, 'deals-edit');

    await page.goto('/#/deals');
    await page.getByRole('columnheader', { name: '预计投资（元）' }).waitFor();
    await page.getByRole('textbox', { name: '搜索' }).fill(deal.title);
    // Filtered down to the one deal (no function is evaluated in the page: its CSP forbids eval).
    await page.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    await page.locator('tbody tr').first().waitFor();
    await page.getByRole('cell', { name: deal.title, exact: true }).first().waitFor();
    await screenshot(page, 'deals-list');
    await context.close();
  });

  it("does not let another promoter edit or move promoter1's deal", async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter2');
    await page.goto(`/#/deals/${deal.id}/show`);
    await page
      .getByRole('heading', { level: 1, name: `${deal.companyName} · ${deal.title}` })
      .waitFor();
    await page.getByRole('cell', { name: '实地考察 → 商务洽谈' }).waitFor();
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '移到阶段' }).count()).toBe(0);

    await page.goto('/#/board');
    await page.getByRole('combobox', { name: '负责人' }).click();
    await page.getByRole('option', { name: '全部项目' }).click();
    const card = column(page, '商务洽谈').getByRole('article', { name: cardLabel() });
    await card.getByRole('img', { name: '您无权移动此项目' }).waitFor();
    expect(await column(page, '商务洽谈').getByRole('button', { name: cardLabel() }).count()).toBe(
      0,
    );
    await screenshot(page, 'deals-board-other-promoter');
    await dragWithMouse(page, card, column(page, '签约'));
    await column(page, '商务洽谈').getByRole('article', { name: cardLabel() }).waitFor();
    expect(await stageOfDeal(deal.id)).toBe(stageIds.negotiation);
    await context.close();
  });

  it('shows the board in English', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl, { locale: 'en' });
    await signIn(page, 'promoter1');
    await page.goto('/#/board');
    await page.getByRole('heading', { level: 1, name: 'Pipeline board' }).waitFor();
    await column(page, 'Negotiation')
      .getByRole('button', { name: `${deal.companyName}: ${deal.title}` })
      .waitFor();
    await column(page, 'Site visit')
      .getByText(/^\d+ deals?$/)
      .waitFor();
    await screenshot(page, 'deals-board-en');
    await context.close();
  });

  it('keeps the board within the window: each column scrolls inside, the board sideways to its last stage', async () => {
    // A full first column: 20 cards, as many as the board shows of a stage.
    for (let i = 0; i < 20; i++) {
      const lead = await api('POST', '/leads', {
        source: 'event',
        company: { name: `看板高度测试${i}号智能科技有限公司` },
      });
      await api('POST', `/leads/${lead.id}/convert`, {}, { 'if-match': `"${lead.version}"` });
    }
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    await page.goto('/#/board');
    const board = page.getByRole('region', { name: '各阶段' });
    await column(page, '已入驻').waitFor();
    const viewport = page.viewportSize()!;
    const box = async (locator: Locator) => (await locator.boundingBox())!;
    // The board's own sideways scrollbar is in the window, not pages below it.
    expect((await box(board)).y + (await box(board)).height).toBeLessThanOrEqual(viewport.height);
    expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await board.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    for (const last of ['签约', '入驻办理', '已入驻', '未落地']) {
      const heading = column(page, last).getByRole('heading', { name: last });
      const { x, y, width, height } = await box(heading);
      expect([
        last,
        x >= 0 && x + width <= viewport.width,
        y >= 0 && y + height <= viewport.height,
      ]).toEqual([last, true, true]);
    }
    // A long column scrolls inside itself: its last card can be brought into view.
    const busiest = page.locator('[data-rfd-droppable-id]').first();
    expect(await busiest.locator('[data-rfd-draggable-id]').count()).toBe(20);
    expect(await busiest.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await screenshot(page, 'deals-board-last-stages');
    await context.close();
  });
});
