import { Controller, Get, Headers, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { forbidden } from '../common/errors/problem.exception';
import { jsonText } from '../common/http/json-text';
import { PipelinesService } from '../pipeline/pipelines.service';
import { ActivityReportsService } from './activity-reports.service';
import { ReportQuery } from './dto/report-query.dto';
import {
  ComputeUsageReportDto,
  ForecastReportDto,
  FunnelReportDto,
  OverviewDto,
  SiteVisitsReportDto,
  SourcesReportDto,
  TargetsReportDto,
  TeamReportDto,
  VelocityReportDto,
} from './dto/report-responses.dto';
import { ParkReportsService } from './park-reports.service';
import { PipelineReportsService } from './pipeline-reports.service';
import { csvFile, reportFormat, type ReportTable } from './report-csv';
import { ReportCacheService, type ReportAnswer } from '../common/report-cache/report-cache.service';
import { reportPeriod, type ReportPeriod } from './report-period';
import type { DealFilters } from './report-sql';
import { reportTables } from './report-tables';
import { XLSX_TYPE, xlsxFile } from './report-xlsx';
import { TargetsService } from './targets.service';

export class ForecastQuery extends ReportQuery {
  @ApiPropertyOptional({ enum: ['month', 'quarter'], default: 'month' })
  @IsOptional()
  @IsIn(['month', 'quarter'])
  granularity?: 'month' | 'quarter';
}

const CSV_NOTE =
  'JSON; or CSV (UTF-8 with BOM) with Accept: text/csv or ?format=csv; or the same table as an ' +
  `XLSX worksheet with Accept: ${XLSX_TYPE} or ?format=xlsx`;

const ANSWER_HEADERS = {
  'Report-Computed-At': {
    description: 'When the figures were computed',
    schema: { type: 'string', format: 'date-time' },
  },
  'Report-Outdated': {
    description:
      'true: data have changed since, and the report is being computed again (REPORT_STALE_SECONDS)',
    schema: { type: 'string', enum: ['true', 'false'] },
  },
};

/** The managers' reports: SQL aggregates over a period of Beijing days, as JSON or CSV. */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly pipelineReports: PipelineReportsService,
    private readonly activityReports: ActivityReportsService,
    private readonly parkReports: ParkReportsService,
    private readonly targets: TargetsService,
    private readonly cache: ReportCacheService,
  ) {}

  private async scope(query: ReportQuery): Promise<{ period: ReportPeriod; filters: DealFilters }> {
    const period = reportPeriod(query);
    const pipelineId = query.pipelineId ?? (await this.pipelines.defaultPipeline()).id;
    if (query.pipelineId) await this.pipelines.get(query.pipelineId);
    return {
      period,
      filters: {
        pipelineId,
        ownerId: query.ownerId,
        source: query.source,
        aiSegment: query.aiSegment,
      },
    };
  }

  /**
   * The report computed by `build`, or kept in the report cache (src/common/report-cache), keyed
   * by `input`: as JSON, its cached text goes out as is; CSV and XLSX are drawn from it.
   */
  private async answer<R extends { from: string }, T>(
    name: string,
    input: object,
    query: ReportQuery,
    accept: string | undefined,
    reply: FastifyReply,
    build: () => Promise<R>,
    table: (report: R) => ReportTable<T>,
  ): Promise<Buffer | StreamableFile> {
    const answer = await this.cache.rememberJson(name, input, build);
    describeAnswer(reply, answer);
    const format = reportFormat(query.format, accept);
    if (format === 'json') return jsonText(reply, answer.json);
    const report = JSON.parse(answer.json.toString()) as R & { from: string };
    return format === 'csv'
      ? csvFile(table(report), report.from)
      : xlsxFile(table(report), report.from);
  }

  @Get('funnel')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'Deals reaching each stage in the period, conversions, value',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: FunnelReportDto, headers: ANSWER_HEADERS })
  async funnel(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ) {
    const { period, filters } = await this.scope(query);
    return this.answer(
      'funnel',
      { period, filters },
      query,
      accept,
      reply,
      async () => ({
        from: period.from,
        to: period.to,
        pipelineId: filters.pipelineId,
        stages: await this.pipelineReports.funnel(period, filters),
      }),
      (report) => reportTables.funnel(report.stages),
    );
  }

  @Get('velocity')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'Days in each stage (median, p90), deals over SLA, cycle times',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: VelocityReportDto, headers: ANSWER_HEADERS })
  async velocity(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ) {
    const { period, filters } = await this.scope(query);
    return this.answer(
      'velocity',
      { period, filters },
      query,
      accept,
      reply,
      async () => ({
        from: period.from,
        to: period.to,
        pipelineId: filters.pipelineId,
        ...(await this.pipelineReports.velocity(period, filters)),
      }),
      (report) => reportTables.velocity(report.stages),
    );
  }

  @Get('forecast')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary:
      'Expected signings and move-ins by target move-in month, weighted by stage probability',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: ForecastReportDto, headers: ANSWER_HEADERS })
  async forecast(
    @Query() query: ForecastQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ) {
    const { period, filters } = await this.scope(query);
    const granularity = query.granularity ?? 'month';
    return this.answer(
      'forecast',
      { period, filters, granularity },
      query,
      accept,
      reply,
      async () => ({
        from: period.from,
        to: period.to,
        granularity,
        ...(await this.pipelineReports.forecast(period, filters, granularity)),
      }),
      (report) => reportTables.forecast(report.buckets),
    );
  }

  @Get('sources')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'Leads created in the period and their conversions, by source',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: SourcesReportDto, headers: ANSWER_HEADERS })
  async sources(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ) {
    const { period, filters } = await this.scope(query);
    return this.answer(
      'sources',
      { period, filters },
      query,
      accept,
      reply,
      async () => ({
        from: period.from,
        to: period.to,
        rows: await this.activityReports.sources(period, filters),
      }),
      (report) => reportTables.sources(report.rows),
    );
  }

  @Get('site-visits')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary:
      'Visits per week by host and place, completion and no-show rates, visited deals signed',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: SiteVisitsReportDto, headers: ANSWER_HEADERS })
  async siteVisits(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ) {
    const { period, filters } = await this.scope(query);
    return this.answer(
      'site-visits',
      { period, filters },
      query,
      accept,
      reply,
      async () => ({
        from: period.from,
        to: period.to,
        ...(await this.activityReports.siteVisits(period, filters)),
      }),
      (report) => reportTables.siteVisits(report),
    );
  }

  @Get('team')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary:
      'Per promoter: leads, visits, stage moves, signings, overdue tasks (promoters: their own)',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: TeamReportDto, headers: ANSWER_HEADERS })
  async team(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ) {
    if (principal.role === 'promoter') {
      if (query.ownerId && query.ownerId !== principal.id)
        throw forbidden('A promoter sees the team report for itself only');
      query.ownerId = principal.id;
    }
    const { period, filters } = await this.scope(query);
    return this.answer(
      'team',
      { period, filters },
      query,
      accept,
      reply,
      async () => ({
        from: period.from,
        to: period.to,
        rows: await this.activityReports.team(period, filters),
      }),
      (report) => reportTables.team(report.rows),
    );
  }

  @Get('targets')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'The park’s targets overlapping the period: actual, progress and the pace needed',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: TargetsReportDto, headers: ANSWER_HEADERS })
  async targetsReport(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ) {
    const period = reportPeriod(query);
    const explicit = [query.from, query.year].some((v) => v !== undefined);
    const overlapping = explicit ? period : undefined;
    return this.answer(
      'targets',
      { period, overlapping },
      query,
      accept,
      reply,
      async () => ({
        from: period.from,
        to: period.to,
        targets: await this.targets.progress(overlapping),
      }),
      (report) => reportTables.targets(report.targets),
    );
  }

  @Get('compute-usage')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'Card-hours by tenant and month; subsidy allocated against consumed',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: ComputeUsageReportDto, headers: ANSWER_HEADERS })
  async computeUsage(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ) {
    const period = reportPeriod(query);
    return this.answer(
      'compute-usage',
      { period },
      query,
      accept,
      reply,
      async () => ({
        from: period.from,
        to: period.to,
        ...(await this.parkReports.computeUsage(period)),
      }),
      (report) => reportTables.computeUsage(report),
    );
  }

  @Get('overview')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'The dashboard’s headline figures and the targets’ progress, in one call',
  })
  @ApiOkResponse({ type: OverviewDto, headers: ANSWER_HEADERS })
  async overview(@Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const pipeline = await this.pipelines.defaultPipeline();
    const answer = await this.cache.rememberJson(
      'overview',
      { pipelineId: pipeline.id },
      async (): Promise<OverviewDto> => ({
        ...(await this.parkReports.overview(pipeline.id)),
        targets: await this.targets.progress(),
      }),
    );
    describeAnswer(reply, answer);
    return jsonText(reply, answer.json);
  }
}

/**
 * When the figures were computed, and whether data have changed since (the result is then being
 * computed again: see REPORT_STALE_SECONDS).
 */
function describeAnswer(reply: FastifyReply, answer: ReportAnswer): void {
  void reply.header('report-computed-at', answer.computedAt.toISOString());
  void reply.header('report-outdated', String(answer.outdated));
}
