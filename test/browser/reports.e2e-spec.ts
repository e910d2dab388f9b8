import { axeViolations } from '../support/axe';
import { readFile } from 'node:fs/promises';
import { Workbook } from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { formatMoney, formatNumber } from '../../web/src/common/format';
import { formatDateTime } from '../../web/src/common/format';
import { formatTargetFigure } from '../../web/src/reports/format';
import { parseCsv } from '../../src/common/csv/csv';
import { beijingToday } from '../../src/common/time/beijing';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

interface TargetRow {
  id: string;
  name: string;
  metric: string;
  value: string;
  actual: string;
  periodEnd: string;
  version: number;
}

/** The managers' view: the dashboard's figures, the reports' screens and downloads, targets admin. */
describe('web admin: reports, dashboard and targets', () => {
  let app: TestApp;
  let browser: Browser;
  const year = Number(beijingToday(new Date()).slice(0, 4));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(
    user: string,
    locale: 'zh' | 'en' = 'zh',
  ): Promise<{ page: Page; close: () => Promise<void> }> {
    const { page, context } = await openAdmin(browser, app.baseUrl, { locale });
    await signIn(page, user);
    return { page, close: () => context.close() };
  }

  const api = async <T = any>(path: string, user = 'manager'): Promise<T> => {
    const response = await app.request<T>('GET', `/api/v1${path}`, {
      token: await app.tokenFor(user),
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  /** The figure's text inside the labelled group (the label comes first). */
  const figureIn = async (page: Page, name: string) =>
    (await page.getByRole('group', { name, exact: true }).locator('p').nth(1).textContent()) ?? '';

  /** The cells of a table's rows, the header first. */
  const tableCells = async (page: Page, name: string): Promise<string[][]> => {
    const rows = page.getByRole('table', { name }).locator('tr');
    const cells: string[][] = [];
    for (let i = 0, n = await rows.count(); i < n; i++)
      cells.push(await rows.nth(i).locator('th,td').allTextContents());
    return cells;
  };

  /** Waits until `read()` gives `expected` (the page re-renders after a fetch). */
  const eventually = async <T>(read: () => Promise<T>, expected: T, timeout = 10_000) => {
    const until = Date.now() + timeout;
    let last = await read();
    while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      last = await read();
    }
    expect(last).toEqual(expected);
  };

  const saved = async (download: Download) => readFile(await download.path());

  it('shows on the dashboard the headline figures and targets the API gives', async () => {
    const overview = await api('/reports/overview');
    const { targets } = await api<{ targets: TargetRow[] }>('/reports/targets');
    const { page, close } = await signedIn('manager');
    await page.getByRole('heading', { name: '园区概况' }).waitFor();
    // The manager's own work stays: the pipeline, overdue tasks and today's visits.
    await page.getByRole('heading', { name: '全园区招商项目' }).waitFor();
    await page.getByRole('heading', { name: /^逾期任务/ }).waitFor();
    await page.getByRole('heading', { name: /^今日带看/ }).waitFor();

    const expected: [string, string][] = [
      ['在办项目', formatNumber(overview.openDeals, 'zh')],
      ['加权在办投资', formatMoney(overview.weightedPipelineInvestment, 'zh')],
      ['本年签约企业', formatNumber(overview.signedThisYear, 'zh')],
      ['在园企业', formatNumber(overview.tenants, 'zh')],
      ['本月完成带看', formatNumber(overview.visitsThisMonth, 'zh')],
      ['全园逾期任务', formatNumber(overview.overdueTasks, 'zh')],
      ['活跃算力账户', formatNumber(overview.activeComputeAccounts, 'zh')],
      ['本月算力用量（卡时）', formatNumber(overview.cardHoursThisMonth, 'zh', 2)],
    ];
    const shown: [string, string][] = [];
    for (const [label] of expected) shown.push([label, await figureIn(page, label)]);
    expect(shown).toEqual(expected);
    // The demo has open deals and signings: the figures are not all zero.
    expect(overview.openDeals).toBeGreaterThan(0);

    // The targets still running: actual / target as the API computes them.
    const today = beijingToday(new Date());
    const running = targets.filter((t) => t.periodEnd > today);
    expect(running.length).toBeGreaterThanOrEqual(2);
    const card = page.getByRole('region', { name: '园区目标进度' });
    for (const target of running) {
      const text = await card.getByRole('group', { name: target.name }).textContent();
      expect(text).toContain(
        `实际 ${formatTargetFigure(target.metric, target.actual, 'zh')} / 目标 ${formatTargetFigure(target.metric, target.value, 'zh')}`,
      );
    }
    // A goal whose period is over is in the targets report, not on the dashboard.
    const over = targets.find((t) => t.periodEnd <= today);
    expect(over).toBeDefined();
    await expect(card.getByRole('group', { name: over!.name }).count()).resolves.toBe(0);
    await page.getByRole('img', { name: /^招商漏斗/ }).waitFor();
    await page.getByRole('img', { name: /^加权预计入驻/ }).waitFor();
    await screenshot(page, 'reports-dashboard-manager');
    await close();
  });

  it('downloads a report as CSV (BOM, the API’s header and rows) and as XLSX', async () => {
    const { page, close } = await signedIn('manager');
    await page.goto('/#/reports');
    await page.getByRole('heading', { level: 1, name: '报表' }).waitFor();
    await page.getByRole('heading', { name: '月度领导简报' }).waitFor();
    await screenshot(page, 'reports-index');
    await page.getByRole('link', { name: /^招商漏斗/ }).click();
    await page.waitForURL(/#\/reports\/funnel/);
    const table = '招商漏斗数据明细';
    await page.getByRole('table', { name: table }).waitFor();
    // When the server computed the figures (its Report-Computed-At), in Beijing time.
    const kept = await app.db.query<{ computed_at: Date }>(
      `SELECT computed_at FROM report_cache WHERE key LIKE 'funnel:%' ORDER BY computed_at DESC LIMIT 1`,
    );
    await page
      .getByText(`数据截至 ${formatDateTime(kept.rows[0].computed_at, 'zh')}`, { exact: true })
      .waitFor();
    await screenshot(page, 'reports-funnel');

    const api = await app.request('GET', `/api/v1/reports/funnel?year=${year}`, {
      token: await app.tokenFor('manager'),
      headers: { accept: 'text/csv' },
    });
    expect(api.status).toBe(200);
    const apiLines = api.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`funnel-${year}-01-01.csv`);
    const bytes = await saved(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(apiLines[0]);
    expect(lines[0]).toBe(
      'stage,name,reached,conversion_to_next,conversion_from_first,expected_investment_yuan,expected_area_m2,expected_compute_card_hours',
    );
    expect(lines).toHaveLength(apiLines.length);
    expect(lines).toEqual(apiLines);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 XLSX' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`funnel-${year}-01-01.xlsx`);
    const book = new Workbook();
    await book.xlsx.load((await saved(xlsx)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = parseCsv(apiLines[0])[0];
    expect(header.map((_, c) => sheet.getRow(1).getCell(c + 1).value)).toEqual(header);
    expect(sheet.actualRowCount).toBe(apiLines.length);

    // The table shows the same figures: each stage's deals reached.
    const rows = await tableCells(page, table);
    const reached = apiLines.slice(1).map((line) => parseCsv(line)[0][2]);
    expect(rows.slice(1).map((cells) => cells[1])).toEqual(reached);
    await close();
  });

  it('keeps the filters in the URL and shows the API’s figures for them', async () => {
    const { page, close } = await signedIn('manager');
    await page.goto(`/#/reports/funnel?year=${year}`);
    const table = '招商漏斗数据明细';
    await page.getByRole('table', { name: table }).waitFor();
    const reachedOf = async (query: string) =>
      (await api<{ stages: { reached: number }[] }>(`/reports/funnel?${query}`)).stages.map((s) =>
        String(s.reached),
      );
    const shownReached = async () =>
      (await tableCells(page, table)).slice(1).map((cells) => cells[1]);

    await page.getByRole('combobox', { name: '期间' }).click();
    await page.getByRole('option', { name: '季度' }).click();
    await page.getByRole('combobox', { name: '季度' }).click();
    await page.getByRole('option', { name: '第 4 季度' }).click();
    await page.waitForURL((url) => url.hash.includes(`year=${year}&quarter=4`));
    const q4 = await reachedOf(`year=${year}&quarter=4`);
    await eventually(shownReached, q4);

    await page.getByRole('combobox', { name: '季度' }).click();
    await page.getByRole('option', { name: '第 1 季度' }).click();
    await page.waitForURL((url) => url.hash.includes(`year=${year}&quarter=1`));
    const q1 = await reachedOf(`year=${year}&quarter=1`);
    // The demo's firms moved this autumn: the two quarters differ.
    expect(q1).not.toEqual(q4);
    await eventually(shownReached, q1);

    // An AI segment filter: in the URL and in the API's query.
    await page.getByRole('combobox', { name: 'AI 领域' }).click();
    await page.getByRole('option', { name: '基础大模型' }).click();
    await page.waitForURL((url) => url.hash.includes('aiSegment=foundation_models'));
    const segment = await reachedOf(`year=${year}&quarter=1&aiSegment=foundation_models`);
    await eventually(shownReached, segment);

    // The link is the view: opened afresh, it shows the same period and filter.
    const link = page.url();
    const other = await signedIn('viewer');
    await other.page.goto(link);
    await other.page.getByRole('heading', { level: 1, name: `招商漏斗 · ${year} Q1` }).waitFor();
    await eventually(
      async () => (await tableCells(other.page, table)).slice(1).map((cells) => cells[1]),
      segment,
    );
    await other.close();

    // The forecast by quarter of next year (the demo's move-ins), its chart and its buckets.
    await page.goto(`/#/reports/forecast?year=${year + 1}&granularity=quarter`);
    await page.getByRole('img', { name: /^加权预计入驻/ }).waitFor();
    const forecast = await api<{ buckets: { periodStart: string; deals: number }[] }>(
      `/reports/forecast?year=${year + 1}&granularity=quarter`,
    );
    expect(forecast.buckets.length).toBeGreaterThan(1);
    await eventually(
      async () => (await tableCells(page, '签约入驻预测数据明细')).slice(1).map((c) => c[1]),
      forecast.buckets.map((b) => String(b.deals)),
    );
    await screenshot(page, 'reports-forecast');
    await close();
  });

  it('lets an admin edit a target, which the dashboard and the targets report then show; a manager cannot', async () => {
    const { targets } = await api<{ targets: TargetRow[] }>('/reports/targets');
    const listed = targets.find((t) => t.metric === 'listed_companies')!;

    const manager = await signedIn('manager');
    await manager.page.goto('/#/targets');
    await manager.page.getByRole('table', { name: '园区目标' }).getByRole('row').nth(1).waitFor();
    await manager.page.getByRole('cell', { name: listed.name }).waitFor();
    await expect(manager.page.getByRole('link', { name: /^编辑/ }).count()).resolves.toBe(0);
    await expect(manager.page.getByRole('link', { name: '创建' }).count()).resolves.toBe(0);
    await screenshot(manager.page, 'reports-targets-manager');

    const admin = await signedIn('admin');
    await admin.page.goto('/#/targets');
    await admin.page.getByRole('link', { name: `编辑 ${listed.name}` }).click();
    await admin.page.waitForURL(new RegExp(`#/targets/${listed.id}$`));
    const value = admin.page.getByRole('textbox', { name: '目标值' });
    await eventually(() => value.inputValue(), '4.00');
    // Bad input is refused in the form.
    const end = admin.page.getByLabel(/^截止日期/);
    await value.fill('-3');
    await end.fill('2022-12-31');
    await admin.page.getByRole('button', { name: '保存' }).click();
    await admin.page.getByText('请输入非负数，最多两位小数').waitFor();
    await admin.page.getByText('截止日期须晚于开始日期').waitFor();
    expect((await api<TargetRow>(`/targets/${listed.id}`)).version).toBe(listed.version);
    await value.fill('7');
    await end.fill('2031-01-01');
    await screenshot(admin.page, 'reports-target-edit');
    await admin.page.getByRole('button', { name: '保存' }).click();
    await admin.page.waitForURL(/#\/targets$/);
    await admin.page.getByRole('cell', { name: '多于 7' }).waitFor();
    const after = await api<TargetRow>(`/targets/${listed.id}`);
    expect(after).toMatchObject({ value: '7.00', version: listed.version + 1 });

    // The manager's dashboard and targets report show the new goal.
    await manager.page.goto('/#/');
    const group = manager.page
      .getByRole('region', { name: '园区目标进度' })
      .getByRole('group', { name: listed.name });
    const goal = `/ 目标 ${formatTargetFigure('listed_companies', '7.00', 'zh')}`;
    await eventually(async () => (await group.textContent())?.includes(goal), true);
    await manager.page.goto('/#/reports/targets');
    const row = manager.page
      .getByRole('table', { name: '目标进度数据明细' })
      .getByRole('row')
      .filter({ hasText: listed.name });
    await eventually(() => row.getByRole('cell').nth(3).textContent(), '7');
    await screenshot(manager.page, 'reports-targets-report');
    await manager.close();
    await admin.close();
  });

  it('speaks English on the reports screens, and downloads the leadership pack', async () => {
    const { page, close } = await signedIn('manager', 'en');
    await page.goto('/#/reports');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    for (const name of ['Funnel', 'Velocity', 'Forecast', 'Lead sources', 'Site visits', 'Team'])
      await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Monthly leadership pack' }).waitFor();
    await page.getByRole('combobox', { name: 'Month' }).click();
    await page.getByRole('option', { name: 'Month 10' }).click();
    const [pack] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download leadership pack' }).click(),
    ]);
    const packMonth = beijingToday(new Date()).slice(5, 7) === '01' ? year - 1 : year;
    expect(pack.suggestedFilename()).toBe(`leadership-pack-${packMonth}-10.xlsx`);
    const book = new Workbook();
    await book.xlsx.load((await saved(pack)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toContain('漏斗 Funnel');

    await page.getByRole('link', { name: /^Velocity/ }).click();
    await page.getByRole('heading', { level: 1, name: `Velocity · ${year}` }).waitFor();
    await page.getByRole('button', { name: 'Download CSV' }).waitFor();
    await page.getByRole('columnheader', { name: 'Median (days)' }).first().waitFor();
    await page.getByRole('combobox', { name: 'Period' }).waitFor();
    await page.getByRole('combobox', { name: 'AI segment' }).waitFor();
    await page
      .getByRole('heading', { name: 'Days to signing and to move-in (from first contact)' })
      .waitFor();
    await screenshot(page, 'reports-velocity-en');
    await page.goto('/#/reports/targets');
    await page.getByRole('columnheader', { name: 'Needed per month' }).waitFor();
    await page.getByRole('combobox', { name: 'Period' }).waitFor();
    await close();
  });

  it('passes axe (WCAG 2.1 AA, serious and critical) on the dashboard, the reports and the targets', async () => {
    const { page, close } = await signedIn('admin');
    const failures: string[] = [];
    const screens: [string, string][] = [
      ['/', '园区概况'],
      ['/reports', '月度领导简报'],
      ...[
        'funnel',
        'velocity',
        'forecast',
        'sources',
        'site-visits',
        'team',
        'targets',
        'compute-usage',
      ].map((key) => [`/reports/${key}`, '数据明细'] as [string, string]),
      ['/targets', '园区目标'],
      ['/targets/create', '目标名称'],
    ];
    for (const [path, text] of screens) {
      await page.goto(`/#${path}`);
      await page.getByText(text).first().waitFor();
      await page.waitForLoadState('networkidle');
      for (const violation of await axeViolations(page)) failures.push(`${path} ${violation}`);
    }
    expect(failures).toEqual([]);
    await close();
  }, 120_000);
});
