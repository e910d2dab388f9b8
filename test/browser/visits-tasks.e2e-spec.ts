import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

interface User {
  id: string;
  email: string;
  displayName: string;
}
interface Deal {
  id: string;
  title: string;
  companyName: string;
  ownerId: string;
}
interface Visit {
  id: string;
  dealId: string;
  startsAt: string;
  status: string;
  interest: number | null;
  version: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `YYYY-MM-DD` and `HH:mm` in Beijing of an instant. */
function beijing(instant: Date): { day: string; time: string } {
  const shifted = new Date(instant.getTime() + 8 * HOUR).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** Whole weeks (Monday to Sunday, as the Chinese calendar shows them) from `then` back to `now`. */
function weeksBetween(then: Date, now: Date): number {
  const monday = (instant: Date) => {
    const day = new Date(`${beijing(instant).day}T00:00:00Z`);
    return day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY;
  };
  return Math.round((monday(now) - monday(then)) / (7 * DAY));
}

/** The label the admin gives a deal: its company, and its title when that differs. */
const dealLabel = (deal: Deal) =>
  deal.title.includes(deal.companyName) ? deal.title : `${deal.companyName} · ${deal.title}`;

describe('web admin: site-visit calendar, my tasks and the notifications bell', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let promoter1: User;
  let promoter2: User;
  let deals: Deal[];
  let token: string;

  const api = async <T>(method: string, path: string, body?: unknown, as = token) => {
    const response = await app.request<T>(method, `/api/v1${path}`, { token: as, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.text}`);
    return response.body;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    token = await app.tokenFor('promoter1');
    const users = await api<{ data: User[] }>('GET', '/users?limit=200');
    promoter1 = users.data.find((user) => user.email === 'promoter1@demo.park')!;
    promoter2 = users.data.find((user) => user.email === 'promoter2@demo.park')!;
    deals = (await api<{ data: Deal[] }>('GET', `/deals?ownerId=${promoter1.id}&limit=50`)).data;
    expect(deals.length).toBeGreaterThanOrEqual(3);
    ({ page, context } = await openAdmin(browser, app.baseUrl));
    await signIn(page, 'promoter1');
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  it('shows the demo visits in the week view of the calendar', async () => {
    const latest = (
      await api<{ data: Visit[] }>(
        'GET',
        `/site-visits?hostId=${promoter1.id}&sort=-startsAt&limit=1`,
      )
    ).data[0];
    const deal = await api<Deal>('GET', `/deals/${latest.dealId}`);
    await page.goto('/#/calendar');
    await page.getByRole('heading', { level: 1, name: '带看日程' }).waitFor();
    await page.getByRole('button', { name: '周', exact: true }).waitFor();
    for (let week = weeksBetween(new Date(latest.startsAt), new Date()); week > 0; week--)
      await page.getByRole('button', { name: '上一页' }).click();
    const event = page.getByRole('button', { name: new RegExp(dealLabel(deal)) }).first();
    await event.waitFor();
    await expect(event.textContent()).resolves.toContain('昇腾人工智能计算中心');
    await screenshot(page, 'visits-calendar-week');
  });

  it('warns of a host who is already booked before saving, then books another time', async () => {
    const [booked, wanted] = deals;
    const day = beijing(new Date(Date.now() + 2 * DAY)).day;
    await api('POST', '/site-visits', {
      dealId: booked.id,
      startsAt: `${day}T10:00:00+08:00`,
      endsAt: `${day}T11:30:00+08:00`,
      placeType: 'other',
      placeLabel: '园区会议室',
      hostIds: [promoter2.id],
    });

    await page.getByRole('button', { name: '今天' }).click();
    await page.getByRole('button', { name: '安排带看' }).click();
    const form = page.getByRole('dialog', { name: '安排带看' });
    await form.getByLabel('招商项目').fill(wanted.companyName);
    await page
      .getByRole('option', { name: new RegExp(wanted.companyName) })
      .first()
      .click();
    await form.getByLabel('开始时间（北京时间）').fill(`${day}T11:00`);
    await form.getByLabel('结束时间（北京时间）').fill(`${day}T12:00`);
    await form.getByLabel('接待人员').fill(promoter2.displayName);
    await page.getByRole('option', { name: promoter2.displayName }).click();

    const clash = form.getByRole('alert').filter({ hasText: '时间冲突' });
    await clash.waitFor();
    await expect(clash.textContent()).resolves.toContain(promoter2.displayName);
    await expect(clash.textContent()).resolves.toContain(dealLabel(booked));
    await screenshot(page, 'visits-schedule-clash');

    await form.getByLabel('开始时间（北京时间）').fill(`${day}T14:00`);
    await form.getByLabel('结束时间（北京时间）').fill(`${day}T15:00`);
    await clash.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    await page
      .getByRole('button', { name: new RegExp(dealLabel(wanted)) })
      .first()
      .waitFor();

    const saved = await api<{ data: Visit[] }>(
      'GET',
      `/site-visits?dealId=${wanted.id}&status=scheduled&hostId=${promoter2.id}`,
    );
    expect(saved.data.map((visit) => beijing(new Date(visit.startsAt)))).toContainEqual({
      day,
      time: '14:00',
    });
    // Rescheduling PATCHes the visit with If-Match.
    await page
      .getByRole('button', { name: new RegExp(dealLabel(wanted)) })
      .first()
      .click();
    await page.getByRole('button', { name: '调整时间' }).click();
    const reschedule = page.getByRole('dialog', { name: '调整带看' });
    await reschedule.getByLabel('开始时间（北京时间）').fill(`${day}T15:00`);
    await reschedule.getByLabel('结束时间（北京时间）').fill(`${day}T16:30`);
    await reschedule.getByRole('button', { name: '保存' }).click();
    await reschedule.waitFor({ state: 'detached' });
    await page.getByText('带看已调整').waitFor();
    const moved = await api<Visit>('GET', `/site-visits/${saved.data[0].id}`);
    expect(beijing(new Date(moved.startsAt))).toEqual({ day, time: '15:00' });
    expect(moved.version).toBe(saved.data[0].version + 1);
  });

  it('completes a visit that has started with an interest rating', async () => {
    const deal = deals[2];
    const startOfToday = new Date(`${beijing(new Date()).day}T00:00:00+08:00`).getTime();
    const start = new Date(Math.max(Date.now() - 2 * HOUR, startOfToday));
    const visit = await api<Visit>('POST', '/site-visits', {
      dealId: deal.id,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + HOUR).toISOString(),
      placeType: 'other',
      placeLabel: '园区展厅',
      hostIds: [promoter1.id],
    });

    // Booked behind the calendar's back: reload it (the week shown may not have changed since the
    // last test, so going to today would not fetch again).
    await page.reload();
    await page.getByRole('button', { name: '今天' }).click();
    await page
      .getByRole('button', { name: new RegExp(dealLabel(deal)) })
      .first()
      .click();
    const detail = page.getByRole('dialog', { name: new RegExp(deal.companyName) });
    await detail.getByText('已安排').waitFor();
    await detail.getByRole('button', { name: '完成带看' }).click();
    const outcome = page.getByRole('dialog', { name: '完成带看' });
    await outcome.locator('label', { hasText: '4 星' }).click();
    await expect(outcome.getByLabel('4 星').isChecked()).resolves.toBe(true);
    await outcome.getByLabel('考察纪要').fill('对算力补贴很感兴趣');
    await outcome.getByLabel('下一步').fill('发送租赁方案');
    await outcome.getByRole('button', { name: '保存结果' }).click();
    await outcome.waitFor({ state: 'detached' });
    await page.getByText('带看已完成').waitFor();

    await page
      .getByRole('button', { name: new RegExp(dealLabel(deal)) })
      .first()
      .click();
    await page.getByRole('dialog', { name: new RegExp(`${deal.companyName}.*已完成`) }).waitFor();
    await page.getByRole('button', { name: '关闭' }).click();
    const completed = await api<Visit>('GET', `/site-visits/${visit.id}`);
    expect(completed).toMatchObject({ status: 'completed', interest: 4 });
  });

  it('lists my open tasks, overdue first, and checks one off', async () => {
    const due = (offset: number) => new Date(Date.now() + offset).toISOString();
    await api('POST', '/tasks', { title: '下周回访', dueAt: due(3 * DAY), dealId: deals[0].id });
    const soon = await api<{ id: string }>('POST', '/tasks', {
      title: '发送政策材料',
      dueAt: due(DAY),
      dealId: deals[1].id,
    });
    await api('POST', '/tasks', { title: '补交考察纪要', dueAt: due(-2 * DAY - HOUR) });

    await page.goto('/#/my-tasks');
    const list = page.getByRole('list', { name: '我的任务' });
    await list.getByText('下周回访').waitFor();
    const first = list.getByRole('listitem').first();
    await expect(first.textContent()).resolves.toMatch(/补交考察纪要.*逾期 2 天/);
    await list
      .getByRole('link', { name: new RegExp(deals[1].companyName) })
      .first()
      .waitFor();
    await screenshot(page, 'tasks-my-tasks');

    await list.getByLabel('完成任务：发送政策材料').click();
    await list.getByText('发送政策材料').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '新建任务' }).click();
    const form = page.getByRole('dialog', { name: '新建任务' });
    await form.getByLabel(/^任务/).fill('约见财务负责人');
    await form.getByLabel('招商项目').fill(deals[2].companyName);
    await page
      .getByRole('option', { name: new RegExp(deals[2].companyName) })
      .first()
      .click();
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    await list.getByText('约见财务负责人').waitFor();

    const done = await api<{ status: string }>(
      'GET',
      `/tasks?assigneeId=${promoter1.id}&status=done`,
    );
    expect(JSON.stringify(done)).toContain(soon.id);
  });

  it('shows unread notifications in the bell and marks one read', async () => {
    const manager = await app.tokenFor('manager');
    for (const title of ['准备入驻材料清单', '联系算力中心开通账号'])
      await api(
        'POST',
        '/tasks',
        { title, dueAt: new Date(Date.now() + DAY).toISOString(), assigneeId: promoter1.id },
        manager,
      );
    // The SLA job may add notifications at any quarter hour: counts are read from the bell itself.
    await page.goto('/#/');
    await page.reload();
    const bell = page.getByRole('button', { name: /^通知（[1-9]\d* 条未读）$/ });
    await bell.waitFor();
    const before = Number(/（(\d+) 条未读）/.exec((await bell.getAttribute('aria-label'))!)![1]);
    expect(before).toBeGreaterThanOrEqual(2);
    await bell.click();
    const popover = page.getByRole('dialog', { name: '通知' });
    // Both tasks are one line of the bell, naming the newest, which opens the group's page.
    const group = popover.getByRole('button', { name: /新任务：联系算力中心开通账号.*\d+ 条/ });
    await group.waitFor();
    await screenshot(page, 'notifications-bell-open');
    await group.click();
    await page.waitForURL(/#\/notifications\?/);
    const item = page
      .getByRole('list', { name: '通知' })
      .getByRole('button', { name: /新任务：联系算力中心开通账号/ });
    await item.click();
    await page.waitForURL(/#\/my-tasks$/);
    await page.getByRole('button', { name: `通知（${before - 1} 条未读）` }).waitFor();
    const latest = await api<{ data: { title: string; readAt: string | null }[] }>(
      'GET',
      '/notifications?limit=20',
    );
    expect(latest.data.find((n) => n.title.includes('联系算力中心开通账号'))?.readAt).toBeTruthy();
  });

  it('speaks English on request, and lists visits and tasks as resources', async () => {
    const english = await openAdmin(browser, app.baseUrl, { locale: 'en' });
    try {
      await signIn(english.page, 'promoter1');
      await english.page.goto('/#/calendar');
      await english.page.getByRole('heading', { level: 1, name: 'Site visits' }).waitFor();
      for (const name of ['Today', 'Back', 'Next', 'Week', 'Day', 'Agenda', 'Schedule visit'])
        await english.page.getByRole('button', { name, exact: true }).waitFor();
      await english.page.getByRole('button', { name: /Notifications \(\d+ unread\)/ }).waitFor();

      await english.page.goto('/#/site-visits');
      for (const name of ['Starts', 'Deal', 'Place type', 'Hosts', 'Status', 'Interest'])
        await english.page.getByRole('columnheader', { name }).first().waitFor();
      await english.page.getByText('Completed').first().waitFor();
      await screenshot(english.page, 'visits-list-en');

      await english.page.goto('/#/tasks');
      await english.page.getByRole('columnheader', { name: 'Due' }).waitFor();
      await english.page.getByText('下周回访').waitFor();
    } finally {
      await english.context.close();
    }
  });
});
