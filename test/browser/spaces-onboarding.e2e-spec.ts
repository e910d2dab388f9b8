import { axeViolations } from '../support/axe';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

interface Unit {
  id: string;
  code: string;
  floor: number;
  area: string;
  status: 'available' | 'reserved' | 'leased' | 'unavailable';
}
interface Occupancy {
  units: number;
  area: string;
  byStatus: Record<string, { units: number; area: string }>;
  occupancyRate: number;
}

const STATUS_ZH: Record<Unit['status'], string> = {
  available: '可租',
  reserved: '已预留',
  leased: '已出租',
  unavailable: '不可租',
};

/** "1,200 ㎡" as the admin writes an area in Chinese. */
const areaZh = (area: string) =>
  `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(Number(area))} ㎡`;

describe('web admin: spaces and onboarding', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: string;

  const api = async <T = any>(path: string, token = admin): Promise<T> => {
    const response = await app.request<T>('GET', `/api/v1${path}`, { token });
    if (response.status >= 400) throw new Error(`GET ${path}: ${response.text}`);
    return response.body;
  };
  const building = async (name: string) =>
    (await api<{ data: { id: string; name: string }[] }>('/buildings')).data.find(
      (b) => b.name === name,
    )!;
  const unitsOf = async (buildingId: string) =>
    (await api<{ data: Unit[] }>(`/units?buildingId=${buildingId}&limit=200`)).data;
  const tile = (page: Page, code: string) =>
    page.getByRole('button', { name: new RegExp(`^${code}，`) });

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    admin = await app.tokenFor('admin');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('draws a demo building floor by floor with each unit’s status as the API gives it', async () => {
    const tower = await building('京西智谷 A 座');
    const occupancy = await api<Occupancy>(`/buildings/${tower.id}/occupancy`);
    const units = await unitsOf(tower.id);
    const leases = (
      await api<{
        data: { unitId: string; companyId: string; companyName: string; dealId: string }[];
      }>(`/leases?buildingId=${tower.id}&status=active&limit=200`)
    ).data;
    const holds = (
      await api<{ data: { unitId: string; companyName: string }[] }>(
        `/reservations?buildingId=${tower.id}&status=active&limit=200`,
      )
    ).data;
    expect(units).toHaveLength(occupancy.units);
    // The demo leases and holds some units of tower A: the grid has more than one colour.
    expect(Object.keys(occupancy.byStatus).length).toBeGreaterThan(1);

    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');
    await page.goto(`/#/buildings/${tower.id}/show`);
    await page.getByRole('heading', { level: 1, name: tower.name }).waitFor();
    await page.getByRole('heading', { level: 2, name: '楼层房态图' }).waitFor();
    const tiles = page.locator('[data-unit-id]');
    await tiles.first().waitFor();
    expect(await tiles.count()).toBe(occupancy.units);
    for (const [status, figures] of Object.entries(occupancy.byStatus)) {
      expect(await page.locator(`[data-unit-id][data-status="${status}"]`).count()).toBe(
        figures.units,
      );
      await page
        .getByText(
          `${STATUS_ZH[status as Unit['status']]}：${figures.units} 间，${areaZh(figures.area)}`,
        )
        .waitFor();
    }
    // Floors top first.
    const floors = await page
      .locator('[data-floor]')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-floor'))));
    expect(floors).toEqual([...new Set(units.map((u) => u.floor))].sort((a, b) => b - a));

    // A leased, a held and a vacant tile: status (and tenant or holder) in the accessible name.
    const samples = (['leased', 'reserved', 'available'] as const)
      .map((status) => units.find((u) => u.status === status))
      .filter((u): u is Unit => !!u);
    expect(samples.length).toBeGreaterThanOrEqual(2);
    for (const unit of samples) {
      const holder =
        unit.status === 'leased'
          ? leases.find((l) => l.unitId === unit.id)?.companyName
          : unit.status === 'reserved'
            ? holds.find((h) => h.unitId === unit.id)?.companyName
            : undefined;
      const name = `${unit.code}，${areaZh(unit.area)}，${STATUS_ZH[unit.status]}${holder ? `：${holder}` : ''}`;
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    await screenshot(page, 'spaces-occupancy-grid');
    expect(await axeViolations(page)).toEqual([]);

    // A leased tile opens the unit: its lease with links to the company and the deal.
    const leased = samples.find((u) => u.status === 'leased');
    if (leased) {
      await tile(page, leased.code).click();
      const dialog = page.getByRole('dialog', { name: `房源 ${leased.code}` });
      await dialog.getByRole('heading', { name: '当前租约' }).waitFor();
      const lease = leases.find((l) => l.unitId === leased.id)!;
      await dialog
        .locator(`a[href="#/companies/${lease.companyId}/show"]`, { hasText: lease.companyName })
        .waitFor();
      await dialog.locator(`a[href="#/deals/${lease.dealId}/show"]`).waitFor();
      // A manager reads spaces but holds nothing.
      expect(await dialog.getByRole('button', { name: '预留房源' }).count()).toBe(0);
      await screenshot(page, 'spaces-unit-details');
      expect(await axeViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: '关闭' }).click();
    }
    await context.close();
  });

  it('places a hold from the grid, lists it, and releasing it frees the tile', async () => {
    const tower = await building('昇腾人工智能计算中心 配套楼');
    const unit = (await unitsOf(tower.id)).find((u) => u.status === 'available');
    expect(unit).toBeDefined();
    const { rows } = await app.db.query<{ id: string; title: string; company_name: string }>(
      `SELECT d.id, d.title, c.name AS company_name FROM deals d JOIN companies c ON c.id = d.company_id
         JOIN users u ON u.id = d.owner_id
        WHERE u.email = 'promoter1@demo.park' AND d.closed_at IS NULL AND d.deleted_at IS NULL
        ORDER BY c.name LIMIT 1`,
    );
    const deal = rows[0];

    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    await page.goto(`/#/buildings/${tower.id}/show`);
    await tile(page, unit!.code).click();
    const details = page.getByRole('dialog', { name: `房源 ${unit!.code}` });
    await details.getByRole('button', { name: '预留房源' }).click();
    const form = page.getByRole('dialog', { name: `预留房源 ${unit!.code}` });
    const dealBox = form.getByRole('combobox', { name: /招商项目/ });
    await dealBox.fill(deal.company_name.slice(0, 4));
    await page.getByRole('option', { name: `${deal.company_name} · ${deal.title}` }).click();
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已为 ${deal.company_name} 预留 ${unit!.code}`).waitFor();
    await details.getByRole('heading', { name: '当前预留' }).waitFor();
    await details.getByRole('button', { name: '关闭' }).click();
    await page
      .getByRole('button', {
        name: `${unit!.code}，${areaZh(unit!.area)}，已预留：${deal.company_name}`,
        exact: true,
      })
      .waitFor();
    expect((await api<Unit>(`/units/${unit!.id}`)).status).toBe('reserved');
    const held = await app.db.query(
      `SELECT id FROM reservations WHERE unit_id = $1 AND deal_id = $2 AND status = 'active'`,
      [unit!.id, deal.id],
    );
    expect(held.rows).toHaveLength(1);
    await screenshot(page, 'spaces-grid-held');

    // The holds list (active by default) shows it; release it from there.
    await page.goto('/#/reservations');
    const row = page.getByRole('row').filter({ hasText: unit!.code });
    await row.locator('a[href^="#/companies/"]', { hasText: deal.company_name }).waitFor();
    await row.locator(`a[href="#/deals/${deal.id}/show"]`, { hasText: deal.title }).waitFor();
    await screenshot(page, 'spaces-holds');
    expect(await axeViolations(page)).toEqual([]);
    await row.getByRole('button', { name: `释放预留 ${unit!.code}` }).click();
    const confirm = page.getByRole('dialog', { name: `释放 ${unit!.code} 的预留？` });
    await confirm.getByRole('button', { name: '释放预留' }).click();
    await page.getByText(`已释放 ${unit!.code} 的预留`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await api<Unit>(`/units/${unit!.id}`)).status).toBe('available');
    const released = await app.db.query(`SELECT status FROM reservations WHERE id = $1`, [
      held.rows[0].id,
    ]);
    expect(released.rows[0].status).toBe('released');

    await page.goto(`/#/buildings/${tower.id}/show`);
    await page
      .getByRole('button', { name: `${unit!.code}，${areaZh(unit!.area)}，可租`, exact: true })
      .waitFor();
    await context.close();
  });

  it('takes a deal to Tenant when its owner ticks the rest of its onboarding checklist', async () => {
    const { rows } = await app.db.query<{
      id: string;
      deal_id: string;
      company_id: string;
      company_name: string;
    }>(
      `SELECT t.id, t.deal_id, t.company_id, c.name AS company_name FROM onboarding_tracks t
         JOIN deals d ON d.id = t.deal_id JOIN companies c ON c.id = t.company_id
         JOIN users u ON u.id = d.owner_id
        WHERE t.status = 'open' AND d.closed_at IS NULL AND u.email = 'promoter1@demo.park'
        ORDER BY (SELECT count(*) FROM onboarding_tasks k WHERE k.track_id = t.id AND k.status = 'done') DESC
        LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const track = rows[0];
    const before = await api<{ tasks: { name: string; required: boolean; status: string }[] }>(
      `/onboarding-tracks/${track.id}`,
    );
    const remaining = before.tasks.filter((t) => t.required && t.status !== 'done');
    expect(remaining.length).toBeGreaterThan(0);
    const required = before.tasks.filter((t) => t.required).length;

    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    await page.goto('/#/onboarding-tracks');
    await page
      .locator(`a[href="#/onboarding-tracks/${track.id}/show"]`, { hasText: track.company_name })
      .click();
    await page
      .getByRole('heading', { level: 1, name: `${track.company_name} · 入驻跟踪` })
      .waitFor();
    await page.getByRole('progressbar', { name: '入驻进度' }).waitFor();
    await screenshot(page, 'onboarding-track');
    expect(await axeViolations(page)).toEqual([]);
    for (const [i, task] of remaining.entries()) {
      await page.getByRole('button', { name: `标记完成：${task.name}` }).click();
      await page.getByRole('button', { name: `标记完成：${task.name}` }).waitFor({
        state: 'detached',
      });
      const done = required - remaining.length + i + 1;
      const percent = Math.round((done / required) * 100);
      await page.getByText(`必办事项完成 ${done}/${required}（${percent}%）`).waitFor();
    }
    await page.getByText(`必办事项完成 ${required}/${required}（100%）`).waitFor();
    await page.getByText('入驻已完成').waitFor();
    await page.getByText('项目已进入“已入驻”阶段').waitFor();
    expect(
      await page.getByRole('progressbar', { name: '入驻进度' }).getAttribute('aria-valuenow'),
    ).toBe('100');
    await screenshot(page, 'onboarding-track-complete');
    expect(await axeViolations(page)).toEqual([]);

    const deal = await api<{ stageId: string; pipelineId: string; closedAt: string | null }>(
      `/deals/${track.deal_id}`,
    );
    const stages = await api<{ id: string; code: string }[]>(
      `/pipelines/${deal.pipelineId}/stages`,
    );
    expect(stages.find((s) => s.id === deal.stageId)?.code).toBe('tenant');
    expect(deal.closedAt).not.toBeNull();
    expect((await api<{ status: string }>(`/companies/${track.company_id}`)).status).toBe('tenant');
    const trackNow = await api<{ status: string }>(`/onboarding-tracks/${track.id}`);
    expect(trackNow.status).toBe('completed');

    // The deal page says so too, and links back to the completed checklist.
    await page.goto(`/#/deals/${track.deal_id}/show`);
    await page.getByText(/^已入驻 · 100%/).waitFor();
    await page
      .getByRole('link', { name: `查看入驻清单（${required}/${required}，100%）` })
      .waitFor();
    await screenshot(page, 'onboarding-deal-tenant');
    await context.close();
  });

  it('pages the leases and tracks lists with the API’s cursors', async () => {
    type Row = { unitCode?: string; companyName: string };
    const firstPages = async (path: string) => {
      const one = await api<{ data: Row[]; nextCursor: string }>(`${path}&limit=1`);
      const two = await api<{ data: Row[] }>(`${path}&limit=1&cursor=${one.nextCursor}`);
      expect(two.data.length).toBeGreaterThan(0);
      return [one.data, two.data];
    };
    const shown = async (page: Page) => {
      const rows = page.locator('tbody tr');
      await rows.first().waitFor();
      return rows.evaluateAll((trs) =>
        trs.map((tr) => tr.querySelector('td')?.textContent?.trim() ?? ''),
      );
    };
    const { page, context } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'manager');

    const leases = await firstPages('/leases?sort=-startDate');
    await page.goto('/#/leases?sort=startDate&order=DESC&page=1&perPage=1');
    expect(await shown(page)).toEqual(leases[0].map((l) => l.unitCode));
    // Page 2 opened directly: the data provider walks page 1's cursor first.
    await page.goto('/#/leases?sort=startDate&order=DESC&page=2&perPage=1');
    await page.reload();
    expect(await shown(page)).toEqual(leases[1].map((l) => l.unitCode));

    const tracks = await firstPages('/onboarding-tracks?sort=companyName');
    await page.goto('/#/onboarding-tracks?sort=companyName&order=ASC&page=2&perPage=1');
    await page.reload();
    expect(await shown(page)).toEqual(tracks[1].map((t) => t.companyName));
    await screenshot(page, 'onboarding-tracks-page-2');
    await context.close();
  });

  it('speaks English when asked', async () => {
    const tower = await building('京西智谷 A 座');
    const occupancy = await api<Occupancy>(`/buildings/${tower.id}/occupancy`);
    const { page, context } = await openAdmin(browser, app.baseUrl, { locale: 'en' });
    await signIn(page, 'viewer');
    await page.goto(`/#/buildings/${tower.id}/show`);
    await page.getByRole('heading', { level: 1, name: 'Jingxi AI Valley, Tower A' }).waitFor();
    await page.getByRole('heading', { name: 'Occupancy by floor' }).waitFor();
    const leased = occupancy.byStatus.leased;
    if (leased) await page.getByText(new RegExp(`^Leased: ${leased.units} units, `)).waitFor();
    await page.getByText('Leased area').waitFor();
    await screenshot(page, 'spaces-grid-en');
    await page.goto('/#/buildings');
    for (const header of ['Name', 'Units', 'Leased area', 'Occupancy'])
      await page.getByRole('columnheader', { name: header }).waitFor();
    await page
      .getByRole('meter', { name: `Occupancy ${Math.round(occupancy.occupancyRate * 1000) / 10}%` })
      .waitFor();
    await screenshot(page, 'spaces-buildings-en');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto('/#/onboarding-tracks');
    for (const header of ['Company', 'Deal', 'Template', 'Progress', 'Status'])
      await page.getByRole('columnheader', { name: header }).waitFor();
    await screenshot(page, 'onboarding-tracks-en');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
