import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import { beijingToday } from '../src/common/time/beijing';
import { startTestApp, TestApp } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER_ROW = 3;

/** Each sheet and the English line of its column headers. */
const SHEETS: Record<string, string[]> = {
  '概览 Overview': ['Metric', 'Value', 'Basis'],
  '目标 Targets': [
    'Target',
    'Metric',
    'Start',
    'End (exclusive)',
    'Target value',
    'Actual',
    'Progress',
    'Needed per month',
    'On track',
  ],
  '漏斗 Funnel': [
    'Stage code',
    'Stage',
    'Reached',
    'Conversion to next',
    'Conversion from first',
    'Expected investment (yuan)',
    'Expected area (m²)',
    'Expected compute (card-h/month)',
  ],
  '周期 Velocity': [
    'Stage code',
    'Stage',
    'Stays ended',
    'Median days',
    'P90 days',
    'SLA days',
    'Open now',
    'Over SLA now',
  ],
  '预测 Forecast': [
    'Move-in month',
    'Deals',
    'Weighted signings',
    'Weighted move-ins',
    'Weighted area (m²)',
    'Weighted compute (card-h/month)',
    'Weighted investment (yuan)',
  ],
  '来源 Sources': [
    'Source',
    'Leads',
    'Qualified',
    'Converted',
    'Disqualified',
    'Conversion rate',
    'Signed',
  ],
  '带看 Site visits': [
    'Week of',
    'Host',
    'Place type',
    'Place',
    'Visits',
    'Completed',
    'No-shows',
    'Cancelled',
  ],
  '团队 Team': [
    'Promoter',
    'Leads',
    'Visits completed',
    'Stage moves',
    'Signings',
    'Overdue tasks (now)',
  ],
  '算力 Compute': [
    'Company',
    'Account status',
    'Subsidy allocated (card-h)',
    'Subsidy consumed (card-h)',
    'Subsidy remaining (card-h)',
    'Used in month (card-h)',
  ],
};

/** The Overview sheet's English metric names for the figures of GET reports/overview. */
const OVERVIEW_FIGURES: Record<string, string> = {
  'Open deals': 'openDeals',
  'Weighted pipeline (yuan)': 'weightedPipelineInvestment',
  'Signed this year': 'signedThisYear',
  Tenants: 'tenants',
  'Visits this month': 'visitsThisMonth',
  'Overdue tasks': 'overdueTasks',
  'Active compute accounts': 'activeComputeAccounts',
  'Card-hours this month': 'cardHoursThisMonth',
};

const rowValues = (sheet: Worksheet, row: number): CellValue[] =>
  (sheet.getRow(row).values as CellValue[]).slice(1);

const dataRows = (sheet: Worksheet): CellValue[][] =>
  Array.from({ length: sheet.rowCount - HEADER_ROW }, (_, i) =>
    rowValues(sheet, HEADER_ROW + 1 + i),
  );

describe('the monthly leadership pack (XLSX)', () => {
  let t: TestApp;
  let manager: string;
  const [year, month] = beijingToday().split('-').map(Number);
  const query = `year=${year}&month=${month}`;

  const download = (search: string, token?: string) =>
    fetch(`${t.baseUrl}/api/v1/reports/leadership-pack?${search}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.tokenFor('manager');
  });
  afterAll(() => t.close());

  it('is a workbook of the month’s reports whose figures are the API’s', async () => {
    const response = await download(query, manager);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    const file = `leadership-pack-${year}-${String(month).padStart(2, '0')}.xlsx`;
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
    const book = new Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.creator).toBe('Park Recruitment CRM');

    expect(book.worksheets.map((s) => s.name)).toEqual(Object.keys(SHEETS));
    for (const [name, headers] of Object.entries(SHEETS)) {
      const sheet = book.getWorksheet(name)!;
      const header = rowValues(sheet, HEADER_ROW).map((h) => (h as string).split('\n'));
      expect({ name, headers: header.map(([, en]) => en) }).toEqual({ name, headers });
      expect(header.every(([zh]) => /\p{Script=Han}/u.test(zh))).toBe(true);
      expect(sheet.getCell(1, 1).text).toMatch(
        new RegExp(`^门头沟园区招商月报 ${year}年${month}月 · `),
      );
      expect(sheet.pageSetup).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `1:${HEADER_ROW}`,
      });
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
      expect(sheet.headerFooter.oddFooter).toContain('&P');
    }

    const overview = await t.request('GET', '/api/v1/reports/overview', { token: manager });
    const figures = Object.fromEntries(
      dataRows(book.getWorksheet('概览 Overview')!).map(([metric, value]) => [
        /\((.+)\)$/.exec(metric as string)![1],
        value,
      ]),
    );
    for (const [label, key] of Object.entries(OVERVIEW_FIGURES))
      expect({ label, value: figures[label] }).toEqual({
        label,
        value: Number(overview.body[key]),
      });

    const funnel = await t.request('GET', `/api/v1/reports/funnel?${query}`, { token: manager });
    const funnelSheet = book.getWorksheet('漏斗 Funnel')!;
    const funnelRows = dataRows(funnelSheet);
    expect(funnelRows.map((row) => row[2])).toEqual(funnel.body.stages.map((s: any) => s.reached));
    expect(funnelRows.map((row) => row[0])).toEqual(funnel.body.stages.map((s: any) => s.code));
    expect(funnelSheet.getCell(HEADER_ROW + 1, 5).numFmt).toBe('0.0%');
    expect(funnelSheet.getCell(HEADER_ROW + 1, 6).numFmt).toBe('#,##0.00');
  });

  it('shows a promoter only its own row on the Team sheet, as the team report does', async () => {
    const response = await download(query, await t.tokenFor('promoter1'));
    expect(response.status).toBe(200);
    const book = new Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const team = dataRows(book.getWorksheet('团队 Team')!);
    expect(team.map(([name]) => name)).toEqual([expect.stringContaining('Promoter 1')]);
  });

  it('is readable by a viewer, needs a token and a valid month', async () => {
    expect((await download(query, await t.tokenFor('viewer'))).status).toBe(200);
    expect((await download(query)).status).toBe(401);

    const bad = await download(`year=${year}&month=13`, manager);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as any).errors).toEqual([
      expect.objectContaining({ field: 'month' }),
    ]);

    const missing = await download(`year=${year}`, manager);
    expect(missing.status).toBe(400);
  });
});
