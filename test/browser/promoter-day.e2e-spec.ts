import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

interface User {
  id: string;
  email: string;
  displayName: string;
}
interface Lead {
  id: string;
  status: string;
  onHold: boolean;
  ownerId: string | null;
  companyId: string;
  version: number;
}
interface Deal {
  id: string;
  title: string;
  companyName: string;
  ownerId: string;
  stageId: string;
  leadId: string | null;
  expectedInvestment: string | null;
  expectedArea: string | null;
  version: number;
}
interface Visit {
  id: string;
  dealId: string;
  startsAt: string;
  status: string;
  interest: number | null;
  hostIds: string[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `YYYY-MM-DD` in Beijing of an instant. */
const beijingDay = (instant: Date) =>
  new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 10);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The label the admin gives a deal: its company, and its title when that differs. */
const dealLabel = (deal: Pick<Deal, 'title' | 'companyName'>) =>
  deal.title.includes(deal.companyName) ? deal.title : `${deal.companyName} · ${deal.title}`;

/** Polls a condition of the page (an input's value) until it holds; no fixed sleep. */
async function until(condition: () => Promise<boolean>, what: string, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A firm promoter2 already works: promoter1 typing its name meets the duplicate warning. */
const FIRM_OF_PROMOTER2 = '北京百花山多模态感知科技有限公司';
/** A firm nobody has on file: promoter1's clean lead, converted and worked through the day. */
const NEW_FIRM = '灵山量子光电芯片研究院';
const DEAL_TITLE = '算力中心入驻一期';

describe("web admin: a promoter's day across the screens", () => {
  let app: TestApp;
  let browser: Browser;
  let promoter1: User;
  let promoter2: User;
  let stageIds: Record<string, string>;

  const api = async <T = any>(
    method: string,
    path: string,
    options: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await app.request<T>(method, `/api/v1${path}`, {
      token: await app.tokenFor(options.as ?? 'promoter1'),
      body: options.body,
      headers: options.headers,
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.text}`);
    return response.body;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const users = await api<{ data: User[] }>('GET', '/users?limit=200');
    promoter1 = users.data.find((user) => user.email === 'promoter1@demo.park')!;
    promoter2 = users.data.find((user) => user.email === 'promoter2@demo.park')!;
    const pipeline = (await api<{ id: string; isDefault: boolean }[]>('GET', '/pipelines')).find(
      (p) => p.isDefault,
    )!;
    const stages = await api<{ id: string; code: string }[]>(
      'GET',
      `/pipelines/${pipeline.id}/stages`,
    );
    stageIds = Object.fromEntries(stages.map((stage) => [stage.code, stage.id]));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  /** A mouse drag as a person does it: press, nudge past the drag threshold, travel, release. */
  async function dragWithMouse(page: Page, card: Locator, target: Locator) {
    await card.scrollIntoViewIfNeeded();
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

  it('walks a promoter through leads, conversion, the board, the calendar and the languages', async () => {
    // Setup the UI cannot do: the firm promoter2 already works, and a visit booked for promoter2.
    const rival = await api<Lead>('POST', '/leads', {
      as: 'promoter2',
      body: { source: 'event', company: { name: FIRM_OF_PROMOTER2 } },
    });
    expect(rival.onHold).toBe(false);
    const yesterday = beijingDay(new Date(Date.now() - DAY));
    const promoter2Deal = (
      await api<{ data: Deal[] }>('GET', `/deals?ownerId=${promoter2.id}&limit=1`, {
        as: 'promoter2',
      })
    ).data[0];
    await api('POST', '/site-visits', {
      as: 'promoter2',
      body: {
        dealId: promoter2Deal.id,
        startsAt: `${yesterday}T10:00:00+08:00`,
        endsAt: `${yesterday}T11:30:00+08:00`,
        placeType: 'other',
        placeLabel: '园区会议室',
        hostIds: [promoter2.id],
      },
    });

    // 1. Log in as promoter1.
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    await page.getByRole('heading', { name: /您好/ }).waitFor();

    // 2. A lead for promoter2's firm: the form warns while typing, saving puts it on hold (撞单).
    await page.getByRole('menuitem', { name: '线索', exact: true }).click();
    await page.getByRole('columnheader', { name: '企业名称' }).waitFor();
    await page.getByRole('link', { name: '创建' }).click();
    await page.waitForURL(/#\/leads\/create$/);
    await page.getByRole('textbox', { name: /^企业名称/ }).fill(FIRM_OF_PROMOTER2);
    const warning = page.getByRole('status').filter({ hasText: '可能相同的企业' });
    await warning.waitFor();
    await warning.getByRole('link', { name: FIRM_OF_PROMOTER2 }).waitFor();
    await warning.getByText('名称相同').first().waitFor();
    await warning.getByText(promoter2.displayName).first().waitFor();
    await warning.getByText('保存后将产生撞单').waitFor();
    await screenshot(page, 'day-01-lead-warning');

    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已产生撞单').first().waitFor();
    await page.waitForURL(/#\/leads\/[0-9a-f-]+\/show$/);
    await page.getByText('撞单待处理，线索已冻结').waitFor();
    const heldId = /leads\/([0-9a-f-]+)\/show/.exec(page.url())![1];
    // A lead on hold can be neither edited nor converted.
    expect(await page.getByRole('button', { name: '转为项目' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0);
    const held = await api<Lead>('GET', `/leads/${heldId}`);
    expect(held).toMatchObject({ onHold: true, ownerId: promoter1.id });

    // 3. A clean lead through the same form, converted into a deal.
    await page.getByRole('menuitem', { name: '线索', exact: true }).click();
    await page.getByRole('link', { name: '创建' }).click();
    await page.waitForURL(/#\/leads\/create$/);
    await page.getByRole('textbox', { name: /^企业名称/ }).fill(NEW_FIRM);
    await page.getByRole('textbox', { name: '联系人姓名' }).fill('李明');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('线索已创建').waitFor();
    await page.waitForURL(/#\/leads\/[0-9a-f-]+\/show$/);
    const leadId = /leads\/([0-9a-f-]+)\/show/.exec(page.url())![1];
    expect(await page.getByText('撞单待处理，线索已冻结').count()).toBe(0);

    await page.getByRole('button', { name: '转为项目' }).click();
    const convert = page.getByRole('dialog', { name: `将「${NEW_FIRM}」转为招商项目` });
    await convert.getByRole('textbox', { name: '项目名称' }).fill(DEAL_TITLE);
    await convert.getByRole('textbox', { name: '意向面积（㎡）' }).fill('1200');
    await convert.getByRole('button', { name: '转为项目' }).click();
    await page.waitForURL(/#\/deals\/[0-9a-f-]+\/show$/);
    const dealId = /deals\/([0-9a-f-]+)\/show/.exec(page.url())![1];
    await page.getByText(`已创建招商项目「${DEAL_TITLE}」`).waitFor();
    await page.getByRole('heading', { level: 1, name: `${NEW_FIRM} · ${DEAL_TITLE}` }).waitFor();
    await page.getByText('初步接洽').first().waitFor();
    await screenshot(page, 'day-02-deal');

    const lead = await api<Lead>('GET', `/leads/${leadId}`);
    expect(lead).toMatchObject({ status: 'converted', onHold: false });
    let deal = await api<Deal>('GET', `/deals/${dealId}`);
    expect(deal).toMatchObject({
      leadId,
      title: DEAL_TITLE,
      companyName: NEW_FIRM,
      ownerId: promoter1.id,
      stageId: stageIds.first_contact,
      expectedArea: '1200.00',
    });
    const cardLabel = `${NEW_FIRM}：${DEAL_TITLE}`;

    // 4. The board: straight from 初步接洽 to 商务洽谈 meets the site-visit gate, and rolls back.
    await page.getByRole('menuitem', { name: '项目看板' }).click();
    await page.getByRole('heading', { level: 1, name: '项目看板' }).waitFor();
    const card = column(page, '初步接洽').getByRole('button', { name: cardLabel });
    await card.waitFor();
    await dragWithMouse(page, card, column(page, '商务洽谈'));

    const refusal = page.getByRole('dialog', { name: '暂不能进入「商务洽谈」' });
    await refusal.waitFor();
    const unmet = refusal.getByRole('list', { name: '未满足的条件' }).getByRole('listitem');
    await unmet.first().waitFor();
    await expect(unmet.allTextContents()).resolves.toEqual([
      expect.stringContaining('需先完成一次实地考察（带看）'),
    ]);
    expect(await refusal.getByRole('link', { name: '安排带看' }).getAttribute('href')).toBe(
      '#/calendar',
    );
    await screenshot(page, 'day-03-board-refused');
    await refusal.getByRole('button', { name: '关闭' }).click();
    await refusal.waitFor({ state: 'detached' });
    await column(page, '初步接洽').getByRole('button', { name: cardLabel }).waitFor();
    expect(await column(page, '商务洽谈').getByRole('button', { name: cardLabel }).count()).toBe(0);
    expect((await api<Deal>('GET', `/deals/${dealId}`)).stageId).toBe(stageIds.first_contact);

    // 5. The calendar: book the visit (it took place yesterday), meet promoter2's clash on the way.
    await page.getByRole('menuitem', { name: '带看日程' }).click();
    await page.getByRole('heading', { level: 1, name: '带看日程' }).waitFor();
    await page.getByRole('button', { name: '安排带看' }).click();
    const form = page.getByRole('dialog', { name: '安排带看' });
    await form.getByLabel('招商项目').fill(NEW_FIRM);
    await page
      .getByRole('option', { name: new RegExp(escapeRegExp(NEW_FIRM)) })
      .first()
      .click();
    await form.getByLabel('开始时间（北京时间）').fill(`${yesterday}T10:30`);
    await form.getByLabel('结束时间（北京时间）').fill(`${yesterday}T11:30`);
    await form.getByLabel('接待人员').fill(promoter2.displayName);
    await page.getByRole('option', { name: promoter2.displayName }).click();
    await form.getByLabel('来访人员').fill('王总 CEO');

    const clash = form.getByRole('alert').filter({ hasText: '时间冲突' });
    await clash.waitFor();
    await clash.getByText(new RegExp(`^${escapeRegExp(promoter2.displayName)} 在 `)).waitFor();
    // The clashing visit's deal is named once its label has loaded ("…" until then).
    await clash.getByText(dealLabel(promoter2Deal)).waitFor();
    await expect(clash.textContent()).resolves.toContain(dealLabel(promoter2Deal));
    await screenshot(page, 'day-04-calendar-clash');

    await form.getByLabel('开始时间（北京时间）').fill(`${yesterday}T14:00`);
    await form.getByLabel('结束时间（北京时间）').fill(`${yesterday}T15:00`);
    await clash.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('带看已安排').waitFor();
    const label = dealLabel({ title: DEAL_TITLE, companyName: NEW_FIRM });
    const event = page.getByRole('button', { name: new RegExp(escapeRegExp(label)) }).first();
    await event.waitFor();

    const booked = await api<{ data: Visit[] }>('GET', `/site-visits?dealId=${dealId}`);
    expect(booked.data).toHaveLength(1);
    const [visit] = booked.data;
    expect(visit.status).toBe('scheduled');
    expect(new Date(visit.startsAt).toISOString()).toBe(
      new Date(`${yesterday}T14:00:00+08:00`).toISOString(),
    );
    expect([...visit.hostIds].sort()).toEqual([promoter1.id, promoter2.id].sort());

    // ... and record its outcome.
    await event.click();
    const detail = page.getByRole('dialog', { name: new RegExp(escapeRegExp(NEW_FIRM)) });
    await detail.getByText('已安排').waitFor();
    await detail.getByRole('button', { name: '完成带看' }).click();
    const outcome = page.getByRole('dialog', { name: '完成带看' });
    await outcome.locator('label', { hasText: '4 星' }).click();
    await expect(outcome.getByLabel('4 星').isChecked()).resolves.toBe(true);
    await outcome.getByLabel('考察纪要').fill('看了算力中心机房，对 A 区意向明确');
    await outcome.getByLabel('下一步').fill('发送租赁方案，约商务洽谈');
    await outcome.getByRole('button', { name: '保存结果' }).click();
    await outcome.waitFor({ state: 'detached' });
    await page.getByText('带看已完成').waitFor();
    await event.click();
    const done = page.getByRole('dialog', {
      name: new RegExp(`${escapeRegExp(NEW_FIRM)}.*已完成`),
    });
    await done.waitFor();
    await done.getByText('看了算力中心机房，对 A 区意向明确').waitFor();
    await screenshot(page, 'day-05-visit-completed');
    await done.getByRole('button', { name: '关闭' }).click();
    await done.waitFor({ state: 'detached' });
    expect(await api<Visit>('GET', `/site-visits/${visit.id}`)).toMatchObject({
      status: 'completed',
      interest: 4,
    });

    // 6. Back on the board, the same drag now succeeds.
    await page.getByRole('menuitem', { name: '项目看板' }).click();
    await page.getByRole('heading', { level: 1, name: '项目看板' }).waitFor();
    const again = column(page, '初步接洽').getByRole('button', { name: cardLabel });
    await again.waitFor();
    await dragWithMouse(page, again, column(page, '商务洽谈'));
    await page.getByText(`项目「${DEAL_TITLE}」已移到「商务洽谈」`).waitFor();
    await column(page, '商务洽谈').getByRole('button', { name: cardLabel }).waitFor();
    expect(await column(page, '初步接洽').getByRole('button', { name: cardLabel }).count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await screenshot(page, 'day-06-board-moved');
    deal = await api<Deal>('GET', `/deals/${dealId}`);
    expect(deal.stageId).toBe(stageIds.negotiation);

    // 7. English, and back to Chinese.
    await page.getByRole('button', { name: '界面语言：中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pipeline board' }).waitFor();
    await page.getByRole('menuitem', { name: 'Site visits' }).waitFor();
    await column(page, 'Negotiation')
      .getByRole('button', { name: `${NEW_FIRM}: ${DEAL_TITLE}` })
      .waitFor();
    await screenshot(page, 'day-07-english');
    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '项目看板' }).waitFor();
    await column(page, '商务洽谈').getByRole('button', { name: cardLabel }).waitFor();
    await context.close();

    // 8. promoter2 sees promoter1's deal, with no edit or move buttons, and a locked card.
    const other = await openAdmin(browser, app.baseUrl);
    try {
      await signIn(other.page, 'promoter2');
      await other.page.goto(`/#/deals/${dealId}/show`);
      await other.page
        .getByRole('heading', { level: 1, name: `${NEW_FIRM} · ${DEAL_TITLE}` })
        .waitFor();
      await other.page.getByRole('cell', { name: '初步接洽 → 商务洽谈' }).waitFor();
      expect(await other.page.getByRole('link', { name: '编辑' }).count()).toBe(0);
      expect(await other.page.getByRole('button', { name: '移到阶段' }).count()).toBe(0);
      await screenshot(other.page, 'day-08-other-promoter');

      await other.page.getByRole('menuitem', { name: '项目看板' }).click();
      await other.page.getByRole('combobox', { name: '负责人' }).click();
      await other.page.getByRole('option', { name: '全部项目' }).click();
      const locked = column(other.page, '商务洽谈').getByRole('article', { name: cardLabel });
      await locked.getByRole('img', { name: '您无权移动此项目' }).waitFor();
      expect(
        await column(other.page, '商务洽谈').getByRole('button', { name: cardLabel }).count(),
      ).toBe(0);
    } finally {
      await other.context.close();
    }
  }, 120_000);

  it('shows who changed what when a deal was saved meanwhile, reloads it, and saves again', async () => {
    // One of promoter1's deals, opened for the test through the API, with a compute need that
    // is no round number (a form that insisted on steps of 100 once refused to save such deals).
    const lead = await api<Lead>('POST', '/leads', {
      body: { source: 'inbound', company: { name: '北京潭柘寺版本冲突验证科技有限公司' } },
    });
    const opened = await api<Deal>('POST', `/leads/${lead.id}/convert`, {
      body: {
        title: '并发编辑验证项目',
        expectedInvestment: '50000000',
        expectedArea: '800',
        expectedComputeCardHours: 11110,
      },
      headers: { 'if-match': `"${lead.version}"` },
    });
    const before = await api<Deal>('GET', `/deals/${opened.id}`);
    expect(before).toMatchObject({ ownerId: promoter1.id, expectedInvestment: '50000000.00' });
    const { page, context } = await openAdmin(browser, app.baseUrl);
    try {
      await signIn(page, 'promoter1');
      await page.goto(`/#/deals/${before.id}`);
      const investment = page.getByRole('textbox', { name: '预计投资（元）' });
      await page.getByRole('textbox', { name: '项目名称' }).waitFor();
      await until(
        async () => (await investment.inputValue()) === (before.expectedInvestment ?? ''),
        'the loaded investment',
      );
      await investment.fill('80000000');
      await page.getByText('8,000 万元').waitFor();

      // Meanwhile a colleague's change reaches the API first.
      const patched = await app.request<Deal>('PATCH', `/api/v1/deals/${before.id}`, {
        token: await app.tokenFor('promoter1'),
        headers: { 'if-match': `"${before.version}"` },
        body: { expectedInvestment: '95000000' },
      });
      expect(patched.status).toBe(200);
      const theirs = patched.body;
      expect(theirs.version).toBe(before.version + 1);

      await page.getByRole('button', { name: '保存' }).click();
      const dialog = page.getByRole('dialog', { name: '记录已被他人修改' });
      await dialog.waitFor();
      await dialog
        .getByText(`（版本 ${theirs.version}，您编辑的是版本 ${before.version}）`, { exact: false })
        .waitFor();
      const row = dialog.locator('tbody tr').filter({ hasText: '预计投资（元）' });
      await row.waitFor();
      await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
        '预计投资（元）',
        before.expectedInvestment ?? '—',
        theirs.expectedInvestment,
      ]);
      await screenshot(page, 'day-09-version-conflict');

      await dialog.getByRole('button', { name: '载入最新版本' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('9,500 万元').waitFor();
      await until(
        async () => (await investment.inputValue()) === theirs.expectedInvestment,
        "the colleague's investment in the reloaded form",
      );
      const area = page.getByRole('textbox', { name: '预计面积' });
      await area.fill('1500');
      await page.getByRole('button', { name: '保存' }).click();
      await page.waitForURL(new RegExp(`#/deals/${before.id}/show$`));
      await page
        .getByRole('heading', { level: 1, name: `${before.companyName} · ${before.title}` })
        .waitFor();
      expect(await page.getByRole('dialog', { name: '记录已被他人修改' }).count()).toBe(0);

      const after = await api<Deal>('GET', `/deals/${before.id}`);
      expect(after).toMatchObject({
        expectedInvestment: theirs.expectedInvestment,
        expectedArea: '1500.00',
        version: theirs.version + 1,
      });
    } finally {
      await context.close();
    }
  });
});
