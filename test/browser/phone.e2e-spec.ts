import type { Browser, Page } from 'playwright-core';
import {
  horizontalOverflow,
  launchBrowser,
  menuScreens,
  openScreen,
  openAdmin,
  screenshot,
  signIn,
} from '../support/browser';
import { newCompanyName, newCreditCode } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The web admin on a phone (390 × 844): every menu screen and the record pages a promoter opens
 * on a visit fit the screen's width, with nothing to scroll sideways; a visit's outcome is
 * recorded in a few taps, and a mistyped phone number is refused before it is sent.
 */
describe('web admin on a phone', () => {
  let app: TestApp;
  let browser: Browser;

  const overflowing = async (user: string, paths: string[]) => {
    const { page, context } = await openAdmin(browser, app.baseUrl, { phone: true });
    const wide: string[] = [];
    try {
      await signIn(page, user);
      for (const path of paths) {
        await openScreen(page, path);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) wide.push(`${path} (${overflow} px): ${await widest(page)}`);
        const name = path.replace(/[0-9a-f-]{36}/, 'record').replace(/\W+/g, '-');
        await screenshot(page, `phone-${user}${name}`);
      }
    } finally {
      await context.close();
    }
    return wide;
  };

  /** The outermost elements that reach past the screen's right edge, to name in a failure. */
  const widest = (page: Page) =>
    page.locator('body').evaluate((body) => {
      const right = body.ownerDocument.documentElement.clientWidth;
      const past = [...body.querySelectorAll('*')].filter(
        (el) => el.getBoundingClientRect().right > right + 1,
      );
      const outermost = past.filter((el) => !past.includes(el.parentElement));
      return outermost
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')}`)
        .join(', ');
    });

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ JOBS_ENABLED: 'false' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.each(['admin', 'promoter1'])('fits every menu screen of %s', async (user) => {
    const screens = await menuScreens(browser, app.baseUrl, user);
    expect(screens).toEqual(expect.arrayContaining(['/deals', '/calendar', '/my-tasks']));
    expect(await overflowing(user, screens)).toEqual([]);
  });

  it('fits the record pages a promoter opens', async () => {
    const { rows } = await app.db.query<{ deal: string; company: string; lead: string }>(
      `SELECT d.id AS deal, d.company_id AS company, l.id AS lead
         FROM deals d JOIN users u ON u.id = d.owner_id
         JOIN leads l ON l.company_id = d.company_id
        WHERE u.email = 'promoter1@demo.park' AND d.deleted_at IS NULL LIMIT 1`,
    );
    const { deal, company, lead } = rows[0];
    expect(
      await overflowing('promoter1', [
        `/deals/${deal}/show`,
        `/companies/${company}/show`,
        `/leads/${lead}/show`,
        '/board',
      ]),
    ).toEqual([]);
  });

  it('records a visit’s outcome in a few taps', async () => {
    const promoter = await app.tokenFor('promoter1');
    const me = (await app.request('GET', '/api/v1/auth/me', { token: promoter })).body;
    const deal = (
      await app.request('GET', `/api/v1/deals?ownerId=${me.id}&limit=1`, { token: promoter })
    ).body.data[0];
    const startOfToday = new Date(
      `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+08:00`,
    ).getTime();
    const start = new Date(Math.max(Date.now() - 2 * 3_600_000, startOfToday));
    const visit = await app.request('POST', '/api/v1/site-visits', {
      token: promoter,
      body: {
        dealId: deal.id,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        placeType: 'other',
        placeLabel: '园区展厅',
        hostIds: [me.id],
      },
    });
    expect(visit.status).toBe(201);

    const { page, context } = await openAdmin(browser, app.baseUrl, { phone: true });
    try {
      await signIn(page, 'promoter1');
      await page.goto('/#/calendar');
      // The agenda is the phone's view: the visit is a line to tap.
      await page.locator('.rbc-agenda-view').waitFor();
      await page
        .getByRole('button', { name: new RegExp(deal.companyName) })
        .first()
        .tap();
      const detail = page.getByRole('dialog', { name: new RegExp(deal.companyName) });
      await detail.getByRole('button', { name: '完成带看' }).tap();
      const outcome = page.getByRole('dialog', { name: '完成带看' });
      await outcome.locator('label', { hasText: '5 星' }).tap();
      expect(await horizontalOverflow(page)).toBe(0);
      await screenshot(page, 'phone-visit-outcome');
      await outcome.getByRole('button', { name: '保存结果' }).tap();
      await outcome.waitFor({ state: 'detached' });
      await page.getByText('带看已完成').waitFor();
    } finally {
      await context.close();
    }
    const done = await app.request('GET', `/api/v1/site-visits/${visit.body.id}`, {
      token: promoter,
    });
    expect(done.body).toMatchObject({ status: 'completed', interest: 5 });
  });

  it('refuses a mistyped phone number on the lead form before sending, saves a good one and shows it on the lead', async () => {
    const { page, context } = await openAdmin(browser, app.baseUrl, { phone: true });
    const firm = `${newCompanyName()}手机录入`;
    const creditCode = newCreditCode();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/leads'))
        posts.push(request.url());
    });
    try {
      await signIn(page, 'promoter1');
      await page.goto('/#/leads/create');
      await page.getByRole('textbox', { name: /^企业名称/ }).fill(firm);
      await page.getByRole('textbox', { name: '联系人姓名' }).fill('张伟');
      const phone = page.getByRole('textbox', { name: '电话' });
      await phone.fill('12345');
      await page.getByRole('button', { name: '保存' }).tap();
      await page
        .getByText(/请输入有效的电话号码/)
        .first()
        .waitFor();
      expect(posts).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      await screenshot(page, 'phone-lead-bad-phone');
      await phone.fill('138 0000 0000');
      await page.getByRole('textbox', { name: '统一社会信用代码' }).fill(creditCode);
      await page.getByRole('button', { name: '保存' }).tap();
      await page.waitForURL(/#\/leads\/[0-9a-f-]+\/show$/);
      // The lead's page shows what was entered: the firm's credit code and its contact.
      await page.getByText(creditCode).waitFor();
      await page.getByText('张伟 · 138 0000 0000').waitFor();
      // A new lead is its owner's for LEAD_PROTECTION_DAYS (30) without activity.
      await page.getByText(/ · 剩 30 天$/).waitFor();
      await screenshot(page, 'phone-lead-created');
    } finally {
      await context.close();
    }
    expect(posts).toHaveLength(1);
    const { rows } = await app.db.query(
      `SELECT ct.phone FROM contacts ct JOIN companies c ON c.id = ct.company_id WHERE c.name = $1`,
      [firm],
    );
    expect(rows).toEqual([{ phone: '138 0000 0000' }]);
  });
});
