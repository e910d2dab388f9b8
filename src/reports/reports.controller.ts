import { Controller, Get, Headers, Query, StreamableFile } from '@nestjs/common';
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
import { ReportCacheService } from '../common/report-cache/report-cache.service';
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

  private answer<R, T>(
    query: ReportQuery,
    accept: string | undefined,
    period: ReportPeriod,
    report: R,
    table: ReportTable<T>,
  ): R | StreamableFile | Promise<StreamableFile> {
    const format = reportFormat(query.format, accept);
    if (format === 'csv') return csvFile(table, period.from);
    if (format === 'xlsx') return xlsxFile(table, period.from);
    return report;
  }

  @Get('funnel')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'Deals reaching each stage in the period, conversions, value',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: FunnelReportDto })
  async funnel(@Query() query: ReportQuery, @Headers('accept') accept?: string) {
    const { period, filters } = await this.scope(query);
    const stages = await this.cache.remember('funnel', { period, filters }, () =>
      this.pipelineReports.funnel(period, filters),
    );
    const report = { from: period.from, to: period.to, pipelineId: filters.pipelineId, stages };
    return this.answer(query, accept, period, report, reportTables.funnel(stages));
  }

  @Get('velocity')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'Days in each stage (median, p90), deals over SLA, cycle times',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: VelocityReportDto })
  async velocity(@Query() query: ReportQuery, @Headers('accept') accept?: string) {
    const { period, filters } = await this.scope(query);
    const result = await this.cache.remember('velocity', { period, filters }, () =>
      this.pipelineReports.velocity(period, filters),
    );
    const report = { from: period.from, to: period.to, pipelineId: filters.pipelineId, ...result };
    return this.answer(query, accept, period, report, reportTables.velocity(result.stages));
  }

  @Get('forecast')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary:
      'Expected signings and move-ins by target move-in month, weighted by stage probability',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: ForecastReportDto })
  async forecast(@Query() query: ForecastQuery, @Headers('accept') accept?: string) {
    const { period, filters } = await this.scope(query);
    const granularity = query.granularity ?? 'month';
    const result = await this.cache.remember('forecast', { period, filters, granularity }, () =>
      this.pipelineReports.forecast(period, filters, granularity),
    );
    const report = { from: period.from, to: period.to, granularity, ...result };
    return this.answer(query, accept, period, report, reportTables.forecast(result.buckets));
  }

  @Get('sources')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'Leads created in the period and their conversions, by source',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: SourcesReportDto })
  async sources(@Query() query: ReportQuery, @Headers('accept') accept?: string) {
    const { period, filters } = await this.scope(query);
    const rows = await this.cache.remember('sources', { period, filters }, () =>
      this.activityReports.sources(period, filters),
    );
    const report = { from: period.from, to: period.to, rows };
    return this.answer(query, accept, period, report, reportTables.sources(rows));
  }

  @Get('site-visits')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary:
      'Visits per week by host and place, completion and no-show rates, visited deals signed',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: SiteVisitsReportDto })
  async siteVisits(@Query() query: ReportQuery, @Headers('accept') accept?: string) {
    const { period, filters } = await this.scope(query);
    const result = await this.cache.remember('site-visits', { period, filters }, () =>
      this.activityReports.siteVisits(period, filters),
    );
    const report = { from: period.from, to: period.to, ...result };
    return this.answer(query, accept, period, report, reportTables.siteVisits(result.weeks));
  }

  @Get('team')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary:
      'Per promoter: leads, visits, stage moves, signings, overdue tasks (promoters: their own)',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: TeamReportDto })
  async team(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    if (principal.role === 'promoter') {
      if (query.ownerId && query.ownerId !== principal.id)
        throw forbidden('A promoter sees the team report for itself only');
      query.ownerId = principal.id;
    }
    const { period, filters } = await this.scope(query);
    const rows = await this.cache.remember('team', { period, filters }, () =>
      this.activityReports.team(period, filters),
    );
    const report = { from: period.from, to: period.to, rows };
    return this.answer(query, accept, period, report, reportTables.team(rows));
  }

  @Get('targets')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'The park’s targets overlapping the period: actual, progress and the pace needed',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: TargetsReportDto })
  async targetsReport(@Query() query: ReportQuery, @Headers('accept') accept?: string) {
    const period = reportPeriod(query);
    const explicit = [query.from, query.year].some((v) => v !== undefined);
    const overlapping = explicit ? period : undefined;
    const rows = await this.cache.remember('targets', { overlapping }, () =>
      this.targets.progress(overlapping),
    );
    const report = { from: period.from, to: period.to, targets: rows };
    return this.answer(query, accept, period, report, reportTables.targets(rows));
  }

  @Get('compute-usage')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'Card-hours by tenant and month; subsidy allocated against consumed',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: ComputeUsageReportDto })
  async computeUsage(@Query() query: ReportQuery, @Headers('accept') accept?: string) {
    const period = reportPeriod(query);
    const result = await this.cache.remember('compute-usage', { period }, () =>
      this.parkReports.computeUsage(period),
    );
    const report = { from: period.from, to: period.to, ...result };
    return this.answer(query, accept, period, report, reportTables.computeUsage(result.months));
  }

  @Get('overview')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'The dashboard’s headline figures and the targets’ progress, in one call',
  })
  @ApiOkResponse({ type: OverviewDto })
  async overview(): Promise<OverviewDto> {
    const pipeline = await this.pipelines.defaultPipeline();
    return this.cache.remember('overview', { pipelineId: pipeline.id }, async () => {
      const figures = await this.parkReports.overview(pipeline.id);
      return { ...figures, targets: await this.targets.progress() };
    });
  }
}
