import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import type { Lead } from './lead.entity';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { csvDownload } from '../common/csv/csv-download';
import { ProblemException } from '../common/errors/problem.exception';
import { DeleteReasonQuery } from '../common/http/delete-reason.query';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiPageResponse, mapPage, Page } from '../common/pagination/page';
import {
  AssignLeadDto,
  CreatedLeadDto,
  CreateLeadDto,
  ImportLeadsQuery,
  LeadDto,
  ListLeadsQuery,
  UpdateLeadDto,
} from './dto/lead.dto';
import { LeadImportService, MAX_IMPORT_BYTES } from './import/lead-import.service';
import { Upload } from '../common/http/upload';
import { ImportReport, ImportReportDto } from './import/lead-import.report';
import { LeadsService } from './leads.service';

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly importer: LeadImportService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Maps a lead to its answer, with the end of its owner's protection. */
  private dto = (lead: Lead): LeadDto =>
    LeadDto.from(lead, this.config.get('LEAD_PROTECTION_DAYS', { infer: true }));

  @Get()
  @Authorize('read', 'Lead')
  @ApiOperation({ summary: 'Leads; pool=true lists the pool (公海) of unowned leads' })
  @ApiPageResponse(LeadDto)
  async list(@Query() query: ListLeadsQuery): Promise<Page<LeadDto>> {
    return mapPage(await this.leads.list(query), this.dto);
  }

  @Get('export')
  @Authorize('read', 'Lead')
  @ApiOperation({ summary: 'The leads matching the filters as CSV (UTF-8 with BOM, for Excel)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file', schema: { type: 'string', format: 'binary' } })
  export(@Query() query: ListLeadsQuery): Promise<StreamableFile> {
    return csvDownload(
      'leads',
      [
        '企业名称',
        '英文名称',
        '统一社会信用代码',
        '来源',
        '来源说明',
        '状态',
        '负责人',
        '备注',
        '创建时间',
        '线索ID',
      ],
      this.leads.exportPages(query),
      (lead) => [
        lead.company?.name,
        lead.company?.nameEn,
        lead.company?.creditCode,
        lead.source,
        lead.sourceDetail,
        lead.status,
        lead.owner?.email,
        lead.notes,
        lead.createdAt,
        lead.id,
      ],
    );
  }

  @Post('import')
  @Authorize('import', 'Lead')
  @Upload({ contentType: 'text/csv', limitBytes: MAX_IMPORT_BYTES })
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import leads from a CSV (UTF-8 or GB18030, Chinese or English headers) sent as text/csv; dryRun=true reports without writing',
  })
  @ApiOkResponse({ type: ImportReportDto })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ImportLeadsQuery,
    @Body() body: unknown,
  ): Promise<ImportReport> {
    if (!Buffer.isBuffer(body)) {
      throw new ProblemException(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the CSV file as the request body with Content-Type: text/csv',
      );
    }
    return this.importer.import(principal, body, query.dryRun ?? false);
  }

  @Get(':id')
  @Authorize('read', 'Lead')
  @ApiOkResponse({ type: LeadDto })
  async get(@UuidParam() id: string): Promise<LeadDto> {
    return this.dto(await this.leads.get(id));
  }

  @Post()
  @Authorize('create', 'Lead')
  @Idempotent()
  @ApiOperation({
    summary:
      'Create a lead you own, on an existing company or one typed inline; held as a conflict if another promoter works the firm',
  })
  @ApiCreatedResponse({ type: CreatedLeadDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateLeadDto,
  ): Promise<CreatedLeadDto> {
    const { lead, conflict } = await this.leads.create(principal, dto);
    return Object.assign(new CreatedLeadDto(), this.dto(lead), {
      conflictId: conflict?.id ?? null,
    });
  }

  @Patch(':id')
  @Authorize('update', 'Lead')
  @ApiIfMatch()
  @ApiOperation({
    summary:
      'Change your lead: source, notes, status (new → contacted → qualified; disqualified with a reason)',
  })
  @ApiOkResponse({ type: LeadDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateLeadDto,
  ): Promise<LeadDto> {
    return this.dto(await this.leads.update(principal, id, version, dto));
  }

  @Delete(':id')
  @Authorize('delete', 'Lead')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  async remove(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Query() query: DeleteReasonQuery,
  ): Promise<void> {
    await this.leads.remove(principal, id, version, query.reason);
  }

  @Post(':id/claim')
  @Authorize('claim', 'Lead')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Take an unowned lead from the pool (公海); of concurrent claims one wins, the others get 409',
  })
  @ApiOkResponse({ type: LeadDto })
  async claim(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<LeadDto> {
    return this.dto(await this.leads.claim(principal, id));
  }

  @Post(':id/assign')
  @Authorize('assign', 'Lead')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOperation({ summary: 'Hand the lead to another owner (managers)' })
  @ApiOkResponse({ type: LeadDto })
  async assign(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: AssignLeadDto,
  ): Promise<LeadDto> {
    return this.dto(await this.leads.assign(id, version, dto));
  }
}
