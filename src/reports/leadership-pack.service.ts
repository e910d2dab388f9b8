import { Transactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { Workbook, type AddWorksheetOptions, type PaperSize, type Worksheet } from 'exceljs';
import { PipelinesService } from '../pipeline/pipelines.service';
import {
  ActivityReportsService,
  type SourceRow,
  type TeamRow,
  type VisitSummary,
  type VisitHostRow,
  type VisitWeek,
} from './activity-reports.service';
import { ParkReportsService, type ComputeTenantRow, type Overview } from './park-reports.service';
import {
  PipelineReportsService,
  type CycleTime,
  type ForecastBucket,
  type FunnelStage,
  type StageVelocity,
} from './pipeline-reports.service';
import type { ReportTable } from './report-csv';
import { beijingDateTime, beijingToday } from '../common/time/beijing';
import { reportPeriod, type ReportPeriod } from './report-period';
import { reportTables, type VisitCell } from './report-tables';
import { BORDERS, displayWidth as textWidth, styleHeaderRow } from './sheet-style';
import { TargetsService, type TargetProgress } from './targets.service';

/** How a column's values are written: as text, or as numbers with a print format. */
type Kind = 'text' | 'count' | 'decimal' | 'money' | 'rate' | 'days';
const NUMBER_FORMATS: Record<Exclude<Kind, 'text'>, string> = {
  count: '#,##0',
  decimal: '#,##0.00',
  money: '#,##0.00',
  rate: '0.0%',
  days: '0.0',
};

interface Column<T> {
  zh: string;
  en: string;
  kind: Kind | ((row: T) => Kind);
  /** Display text for a code (a lead source, a status). */
  text?: (code: string) => string;
}
type Columns<T> = Partial<Record<keyof T & string, Column<T>>>;

interface SheetSpec<T> {
  tab: string;
  title: string;
  /** The line under the title when the sheet does not cover the pack's month. */
  note?: string;
  table: ReportTable<T>;
  columns: Columns<T>;
}

interface Heading {
  title: string;
  period: string;
}

interface OverviewLine {
  metric: string;
  value: number | string | null;
  kind: Kind;
  basis: string;
}

const col = (zh: string, en: string, kind: Kind = 'text', text?: (code: string) => string) => ({
  zh,
  en,
  kind,
  text,
});
const named = (names: Record<string, string>) => (code: string) => names[code] ?? code;

const STAGE = { code: col('阶段代码', 'Stage code'), name: col('阶段', 'Stage') };

const FUNNEL: Columns<FunnelStage> = {
  ...STAGE,
  reached: col('进入数', 'Reached', 'count'),
  conversionToNext: col('下一阶段转化率', 'Conversion to next', 'rate'),
  conversionFromFirst: col('累计转化率', 'Conversion from first', 'rate'),
  expectedInvestment: col('预计投资（元）', 'Expected investment (yuan)', 'money'),
  expectedArea: col('预计面积（㎡）', 'Expected area (m²)', 'decimal'),
  expectedComputeCardHours: col('预计算力（卡时/月）', 'Expected compute (card-h/month)', 'count'),
};

const VELOCITY: Columns<StageVelocity> = {
  ...STAGE,
  stays: col('本月结束停留', 'Stays ended', 'count'),
  medianDays: col('停留中位数（天）', 'Median days', 'days'),
  p90Days: col('停留P90（天）', 'P90 days', 'days'),
  slaDays: col('时限（天）', 'SLA days', 'count'),
  openNow: col('当前在办', 'Open now', 'count'),
  overSlaNow: col('当前超时', 'Over SLA now', 'count'),
};

const FORECAST: Columns<ForecastBucket> = {
  periodStart: col('预计入驻月份', 'Move-in month', 'text', (day) => day.slice(0, 7)),
  deals: col('项目数', 'Deals', 'count'),
  weightedSignings: col('加权签约', 'Weighted signings', 'decimal'),
  weightedMoveIns: col('加权入驻', 'Weighted move-ins', 'decimal'),
  weightedArea: col('加权面积（㎡）', 'Weighted area (m²)', 'decimal'),
  weightedComputeCardHours: col(
    '加权算力（卡时/月）',
    'Weighted compute (card-h/month)',
    'decimal',
  ),
  weightedInvestment: col('加权投资（元）', 'Weighted investment (yuan)', 'money'),
};

const SOURCES: Columns<SourceRow> = {
  source: col(
    '线索来源',
    'Source',
    'text',
    named({
      zgc_referral: '中关村集团推荐',
      huawei_ecosystem: '华为生态',
      event: '活动',
      inbound: '主动咨询',
      cold_outreach: '主动拜访',
      government_referral: '政府推荐',
      other: '其他',
    }),
  ),
  leads: col('新增线索', 'Leads', 'count'),
  qualified: col('已确认需求', 'Qualified', 'count'),
  converted: col('已转化', 'Converted', 'count'),
  disqualified: col('已排除', 'Disqualified', 'count'),
  conversionRate: col('转化率', 'Conversion rate', 'rate'),
  signed: col('已签约', 'Signed', 'count'),
};

const SITE_VISITS: Columns<VisitCell> = {
  weekStart: col('周（周一）', 'Week of'),
  hostName: col('接待人', 'Host'),
  placeType: col(
    '地点类型',
    'Place type',
    'text',
    named({ computing_center: '算力中心', building: '楼宇', unit: '房源', other: '其他' }),
  ),
  place: col('地点', 'Place'),
  visits: col('带看次数', 'Visits', 'count'),
  completed: col('已完成', 'Completed', 'count'),
  noShows: col('未到场', 'No-shows', 'count'),
  cancelled: col('已取消', 'Cancelled', 'count'),
};

const TEAM: Columns<TeamRow> = {
  displayName: col('招商专员', 'Promoter'),
  leads: col('新增线索', 'Leads', 'count'),
  visits: col('完成带看', 'Visits completed', 'count'),
  stageMoves: col('阶段推进', 'Stage moves', 'count'),
  signings: col('签约', 'Signings', 'count'),
  overdueTasks: col('逾期任务（当前）', 'Overdue tasks (now)', 'count'),
};

const targetKind = ({ metric }: TargetProgress): Kind =>
  metric === 'ai_revenue' ? 'money' : metric === 'card_hours_used' ? 'decimal' : 'count';

const TARGETS: Columns<TargetProgress> = {
  name: col('目标', 'Target'),
  metric: col(
    '指标',
    'Metric',
    'text',
    named({
      enterprises_signed: '签约企业数',
      tenants: '入驻企业数',
      listed_companies: '上市企业数',
      ai_revenue: 'AI营收（元）',
      compute_accounts_active: '活跃算力账户',
      card_hours_used: '算力用量（卡时）',
    }),
  ),
  periodStart: col('开始', 'Start'),
  periodEnd: col('截止（不含）', 'End (exclusive)'),
  value: { zh: '目标值', en: 'Target value', kind: targetKind },
  actual: { zh: '实际', en: 'Actual', kind: targetKind },
  progress: col('完成率', 'Progress', 'rate'),
  neededPerMonth: {
    zh: '每月需完成',
    en: 'Needed per month',
    kind: (t) => (t.metric === 'ai_revenue' ? 'money' : 'decimal'),
  },
  onTrack: col('进度正常', 'On track', 'text', named({ true: '是', false: '否' })),
};

const COMPUTE: Columns<ComputeTenantRow> = {
  companyName: col('企业', 'Company'),
  accountStatus: col(
    '账户状态',
    'Account status',
    'text',
    named({ pending: '待开通', active: '正常', suspended: '已暂停', closed: '已关闭' }),
  ),
  subsidyAllocated: col('补贴额度（卡时）', 'Subsidy allocated (card-h)', 'decimal'),
  subsidyConsumed: col('补贴已用（卡时）', 'Subsidy consumed (card-h)', 'decimal'),
  subsidyRemaining: col('补贴剩余（卡时）', 'Subsidy remaining (card-h)', 'decimal'),
  usedInPeriod: col('本月用量（卡时）', 'Used in month (card-h)', 'decimal'),
};

const OVERVIEW: Columns<OverviewLine> = {
  metric: col('指标', 'Metric'),
  value: { zh: '数值', en: 'Value', kind: (line) => line.kind },
  basis: col('口径', 'Basis'),
};

/** A table with no CSV twin: its columns are the labels' keys, in order. */
const ownTable = <T>(name: string, columns: Columns<T>, rows: T[]): ReportTable<T> => ({
  name,
  columns: (Object.keys(columns) as (keyof T & string)[]).map((key) => ({ key, header: key })),
  rows,
});

interface PackData {
  overview: Overview;
  targets: TargetProgress[];
  funnel: FunnelStage[];
  velocity: { stages: StageVelocity[]; cycleTimes: CycleTime[] };
  forecast: { buckets: ForecastBucket[]; availableArea: string; computeRemainingCardHours: string };
  sources: SourceRow[];
  siteVisits: { weeks: VisitWeek[]; hosts: VisitHostRow[]; summary: VisitSummary };
  team: TeamRow[];
  compute: { tenants: ComputeTenantRow[] };
}

function overviewLines(data: PackData, month: string): OverviewLine[] {
  const line = (zh: string, en: string, value: OverviewLine['value'], kind: Kind, basis: string) =>
    ({ metric: `${zh} (${en})`, value, kind, basis }) satisfies OverviewLine;
  const [now, ytd, current, pack] = [
    '当前 (Now)',
    '本年至今 (Year to date)',
    '本自然月 (Current month)',
    `报告月 (${month})`,
  ];
  const { overview: o, forecast: supply } = data;
  const visits = data.siteVisits.summary;
  const cycle = (to: CycleTime['to']) =>
    data.velocity.cycleTimes.find((c) => c.to === to)?.medianDays ?? null;
  return [
    line('在办项目', 'Open deals', o.openDeals, 'count', now),
    line(
      '加权在办投资（元）',
      'Weighted pipeline (yuan)',
      o.weightedPipelineInvestment,
      'money',
      now,
    ),
    line('本年签约企业', 'Signed this year', o.signedThisYear, 'count', ytd),
    line('在园企业', 'Tenants', o.tenants, 'count', now),
    line('本月完成带看', 'Visits this month', o.visitsThisMonth, 'count', current),
    line('逾期任务', 'Overdue tasks', o.overdueTasks, 'count', now),
    line('活跃算力账户', 'Active compute accounts', o.activeComputeAccounts, 'count', now),
    line('本月算力用量（卡时）', 'Card-hours this month', o.cardHoursThisMonth, 'decimal', current),
    line('带看次数', 'Site visits', visits.visits, 'count', pack),
    line('带看完成率', 'Visit completion rate', visits.completionRate, 'rate', pack),
    line('未到场率', 'No-show rate', visits.noShowRate, 'rate', pack),
    line('带看项目签约率', 'Visited deals signed', visits.visitedToSignedRate, 'rate', pack),
    line('签约周期中位数（天）', 'Median days to signing', cycle('signed'), 'days', pack),
    line('入驻周期中位数（天）', 'Median days to move-in', cycle('tenant'), 'days', pack),
    line('可招商面积（㎡）', 'Available area (m²)', supply.availableArea, 'decimal', now),
    line(
      '剩余补贴算力（卡时）',
      'Subsidy card-h left',
      supply.computeRemainingCardHours,
      'decimal',
      now,
    ),
  ];
}

/** What the pack writes into a cell. */
type Value = string | number | null;

const HEADER_ROW = 3;

const kindOf = <T>(column: Column<T>, row: T): Kind =>
  typeof column.kind === 'function' ? column.kind(row) : column.kind;

function cellValue<T>(row: T, key: keyof T & string, column: Column<T>): Value {
  const value = row[key];
  if (value === null || value === undefined) return null;
  if (column.text) return column.text(String(value));
  return kindOf(column, row) === 'text' ? String(value) : Number(value);
}

/** Columns as wide as their longest line, a CJK character counting twice. */
function displayWidth(value: Value): number {
  const text =
    typeof value === 'number'
      ? value.toLocaleString('en-US', { maximumFractionDigits: 2 })
      : (value ?? '');
  return textWidth(text);
}

function sheetOptions(heading: Heading, tab: string): Partial<AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9 as PaperSize, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `1:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: `&L${heading.title}&C第 &P 页 / 共 &N 页 (Page &P of &N)&R${tab}` },
  };
}

function writeTitle(sheet: Worksheet, title: string, subtitle: string, width: number) {
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getRow(1).height = 24;
  sheet.getCell(2, 1).value = subtitle;
  sheet.getCell(2, 1).font = { size: 10, color: { argb: 'FF595959' } };
  if (width > 1) [1, 2].forEach((row) => sheet.mergeCells(row, 1, row, width));
}

function writeHeader(sheet: Worksheet, headers: string[]) {
  const row = sheet.getRow(HEADER_ROW);
  row.values = headers;
  styleHeaderRow(row);
}

function writeRows(sheet: Worksheet, kinds: Kind[][], values: Value[][]) {
  values.forEach((cells, r) => {
    const row = sheet.getRow(HEADER_ROW + 1 + r);
    row.values = cells;
    cells.forEach((_, c) => {
      const cell = row.getCell(c + 1);
      const kind = kinds[r][c];
      cell.border = BORDERS;
      if (kind !== 'text') cell.numFmt = NUMBER_FORMATS[kind];
      else cell.alignment = { vertical: 'middle', wrapText: true };
    });
  });
}

function writeNoData(sheet: Worksheet, width: number) {
  const cell = sheet.getCell(HEADER_ROW + 1, 1);
  cell.value = '本月无数据 (No data for this period)';
  cell.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  if (width > 1) sheet.mergeCells(HEADER_ROW + 1, 1, HEADER_ROW + 1, width);
}

function fitWidths(sheet: Worksheet, headers: string[], values: Value[][]) {
  headers.forEach((header, c) => {
    const lines = [...header.split('\n'), ...values.map((cells) => cells[c])];
    const width = Math.max(...lines.map(displayWidth)) + 2;
    sheet.getColumn(c + 1).width = Math.min(Math.max(width, 10), 40);
  });
}

function addSheet<T>(book: Workbook, heading: Heading, spec: SheetSpec<T>): void {
  const columns = spec.table.columns.map(({ key, header }) => ({
    key,
    column: spec.columns[key] ?? col(header, header),
  }));
  const headers = columns.map(({ column }) => `${column.zh}\n${column.en}`);
  const rows = spec.table.rows;
  const values = rows.map((row) => columns.map(({ key, column }) => cellValue(row, key, column)));
  const kinds = rows.map((row) => columns.map(({ column }) => kindOf(column, row)));

  const sheet = book.addWorksheet(spec.tab, sheetOptions(heading, spec.tab));
  writeTitle(
    sheet,
    `${heading.title} · ${spec.title}`,
    spec.note ?? heading.period,
    headers.length,
  );
  writeHeader(sheet, headers);
  if (rows.length > 0) writeRows(sheet, kinds, values);
  else writeNoData(sheet, headers.length);
  fitWidths(sheet, headers, values);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The forecast looks ahead: the twelve months from the pack's month. */
const forecastWindow = (year: number, month: number): ReportPeriod =>
  reportPeriod({ from: `${year}-${pad(month)}-01`, to: `${year + 1}-${pad(month)}-01` });

/**
 * The monthly leadership pack: every report for one month as a sheet of one XLSX workbook,
 * formatted for printing on A4. Every figure comes from the report services' SQL.
 */
@Injectable()
export class LeadershipPackService {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly pipelineReports: PipelineReportsService,
    private readonly activityReports: ActivityReportsService,
    private readonly parkReports: ParkReportsService,
    private readonly targets: TargetsService,
  ) {}

  /** `teamOf`: the one promoter the team sheet shows (a promoter sees only itself). */
  async workbook(
    year: number,
    month: number,
    options: { teamOf?: string } = {},
    now = new Date(),
  ): Promise<Buffer> {
    const period = reportPeriod({ year, month });
    const data = await this.gather(year, month, period, options.teamOf);
    const yearMonth = `${year}-${pad(month)}`;
    const lastDay = beijingToday(new Date(period.end.getTime() - 1));
    const heading: Heading = {
      title: `门头沟园区招商月报 ${year}年${month}月`,
      period: `统计期间 ${period.from} 至 ${lastDay} · 生成于 ${beijingDateTime(now)} (Beijing)`,
    };
    const book = new Workbook();
    book.creator = 'Park Recruitment CRM';
    book.lastModifiedBy = 'Park Recruitment CRM';
    book.created = now;
    book.modified = now;
    book.title = heading.title;
    this.addSheets(book, heading, data, yearMonth);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /** One snapshot on one connection: the sheets agree with each other. */
  @Transactional<TransactionalAdapterTypeOrm>({ isolationLevel: 'REPEATABLE READ' })
  private async gather(
    year: number,
    month: number,
    period: ReportPeriod,
    teamOf?: string,
  ): Promise<PackData> {
    const pipelineId = (await this.pipelines.defaultPipeline()).id;
    const filters = { pipelineId };
    // In turn: a transaction's queries share one connection.
    return {
      overview: await this.parkReports.overview(pipelineId),
      targets: await this.targets.progress(period),
      funnel: await this.pipelineReports.funnel(period, filters),
      velocity: await this.pipelineReports.velocity(period, filters),
      forecast: await this.pipelineReports.forecast(forecastWindow(year, month), filters, 'month'),
      sources: await this.activityReports.sources(period, {}),
      siteVisits: await this.activityReports.siteVisits(period, filters),
      team: await this.activityReports.team(period, { pipelineId, ownerId: teamOf }),
      compute: await this.parkReports.computeUsage(period),
    };
  }

  private addSheets(book: Workbook, heading: Heading, data: PackData, yearMonth: string) {
    const overview = ownTable('overview', OVERVIEW, overviewLines(data, yearMonth));
    const forecastNote = `预测期间 ${yearMonth} 起 12 个月 (next 12 months) · 按目标入驻月份`;
    const add = <T>(
      tab: string,
      title: string,
      table: ReportTable<T>,
      columns: Columns<T>,
      note?: string,
    ) => addSheet(book, heading, { tab, title, table, columns, note });
    add('概览 Overview', '概览 Overview', overview, OVERVIEW);
    add('目标 Targets', '目标进度 Targets', reportTables.targets(data.targets), TARGETS);
    add('漏斗 Funnel', '招商漏斗 Funnel', reportTables.funnel(data.funnel), FUNNEL);
    const velocity = reportTables.velocity(data.velocity.stages);
    add('周期 Velocity', '阶段周期 Velocity', velocity, VELOCITY);
    const forecast = reportTables.forecast(data.forecast.buckets);
    add('预测 Forecast', '签约入驻预测 Forecast', forecast, FORECAST, forecastNote);
    add('来源 Sources', '线索来源 Sources', reportTables.sources(data.sources), SOURCES);
    const visits = reportTables.siteVisits(data.siteVisits);
    add('带看 Site visits', '实地带看 Site visits', visits, SITE_VISITS);
    add('团队 Team', '团队工作 Team', reportTables.team(data.team), TEAM);
    const compute = ownTable('compute', COMPUTE, data.compute.tenants);
    add('算力 Compute', '算力使用 Compute', compute, COMPUTE);
  }
}
