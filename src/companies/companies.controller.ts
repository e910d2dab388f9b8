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
import { DeleteReasonQuery } from '../common/http/delete-reason.query';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiPageResponse, mapPage, Page } from '../common/pagination/page';
import { CompaniesService } from './companies.service';
import { CompanyRevenuesService } from './company-revenues.service';
import { ContactsService } from './contacts.service';
import {
  CompanyDto,
  CompanyMatchDto,
  CompanyMatchesQuery,
  CreateCompanyDto,
  ListCompaniesQuery,
  ChurnCompanyDto,
  MergeCompaniesDto,
  UpdateCompanyDto,
} from './dto/company.dto';
import { ContactDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto';
import { CreateRevenueDto, RevenueDto, UpdateRevenueDto } from './dto/revenue.dto';

@ApiTags('companies')
@Controller()
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
    private readonly revenues: CompanyRevenuesService,
  ) {}

  @Get('companies')
  @Authorize('read', 'Company')
  @ApiOperation({
    summary: 'Companies; q searches Chinese and English names, credit code and contact names',
  })
  @ApiPageResponse(CompanyDto)
  async list(@Query() query: ListCompaniesQuery): Promise<Page<CompanyDto>> {
    return mapPage(await this.companies.list(query), CompanyDto.from);
  }

  @Get('companies/matches')
  @Authorize('read', 'Company')
  @ApiOperation({
    summary: 'Existing companies that may be this firm (for a live duplicate warning while typing)',
  })
  @ApiOkResponse({ type: [CompanyMatchDto] })
  async matches(@Query() query: CompanyMatchesQuery): Promise<CompanyMatchDto[]> {
    const matches = await this.companies.matches(query);
    return matches.map((m) => ({
      company: CompanyDto.from(m.company),
      match: m.match,
      similarity: m.similarity,
    }));
  }

  @Get('companies/export')
  @Authorize('read', 'Company')
  @ApiOperation({
    summary: 'The companies matching the filters as CSV (UTF-8 with BOM, for Excel)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file', schema: { type: 'string', format: 'binary' } })
  export(@Query() query: ListCompaniesQuery): Promise<StreamableFile> {
    return csvDownload(
      'companies',
      [
        '企业名称',
        '英文名称',
        '统一社会信用代码',
        'AI领域',
        '融资阶段',
        '人数',
        '注册资本',
        '城市',
        '网站',
        '状态',
        '上市状态',
        '股票代码',
        '安全评估',
        '企业ID',
      ],
      this.companies.exportPages(query),
      (c) => [
        c.name,
        c.nameEn,
        c.creditCode,
        c.aiSegment,
        c.fundingStage,
        c.headcount,
        c.registeredCapital,
        c.hqCity,
        c.website,
        c.status,
        c.listingStatus,
        c.ticker,
        c.aiSafetyStatus,
        c.id,
      ],
    );
  }

  @Get('companies/:id')
  @Authorize('read', 'Company')
  @ApiOkResponse({ type: CompanyDto })
  async get(@UuidParam() id: string): Promise<CompanyDto> {
    return CompanyDto.from(await this.companies.get(id));
  }

  @Post('companies')
  @Authorize('create', 'Company')
  @Idempotent()
  @ApiOperation({
    summary: 'Create a company (admins; promoters create companies with their leads)',
  })
  @ApiCreatedResponse({ type: CompanyDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateCompanyDto,
  ): Promise<CompanyDto> {
    return CompanyDto.from(await this.companies.create(dto, null, principal.id));
  }

  @Patch('companies/:id')
  @Authorize('update', 'Company')
  @ApiIfMatch()
  @ApiOkResponse({ type: CompanyDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateCompanyDto,
  ): Promise<CompanyDto> {
    return CompanyDto.from(await this.companies.update(principal, id, version, dto));
  }

  @Delete('companies/:id')
  @Authorize('delete', 'Company')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  async remove(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Query() query: DeleteReasonQuery,
  ): Promise<void> {
    await this.companies.remove(id, version, query.reason);
  }

  @Post('companies/:id/merge')
  @Authorize('merge', 'Company')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Fold a duplicate (sourceId) into this company: every child record moves here',
  })
  @ApiOkResponse({ type: CompanyDto })
  async merge(@UuidParam() id: string, @Body() dto: MergeCompaniesDto): Promise<CompanyDto> {
    return CompanyDto.from(await this.companies.merge(id, dto.sourceId));
  }

  @Post('companies/:id/churn')
  @Authorize('churn', 'Company')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOperation({
    summary:
      'A signed firm or tenant leaves the park (churned); its compute-center account is suspended',
  })
  @ApiOkResponse({ type: CompanyDto })
  async churn(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: ChurnCompanyDto,
  ): Promise<CompanyDto> {
    return CompanyDto.from(await this.companies.churn(id, version, dto.reason));
  }

  @Get('companies/:id/contacts')
  @Authorize('read', 'Company')
  @ApiOkResponse({ type: [ContactDto] })
  async listContacts(@UuidParam() id: string): Promise<ContactDto[]> {
    return (await this.contacts.listFor(id)).map(ContactDto.from);
  }

  @Post('companies/:id/contacts')
  @Authorize('update', 'Company')
  @Idempotent()
  @ApiCreatedResponse({ type: ContactDto })
  async createContact(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @Body() dto: CreateContactDto,
  ): Promise<ContactDto> {
    return ContactDto.from(await this.contacts.create(principal, id, dto));
  }

  @Get('contacts/:id')
  @Authorize('read', 'Company')
  @ApiOkResponse({ type: ContactDto })
  async getContact(@UuidParam() id: string): Promise<ContactDto> {
    return ContactDto.from(await this.contacts.get(id));
  }

  @Patch('contacts/:id')
  @Authorize('update', 'Company')
  @ApiIfMatch()
  @ApiOkResponse({ type: ContactDto })
  async updateContact(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateContactDto,
  ): Promise<ContactDto> {
    return ContactDto.from(await this.contacts.update(principal, id, version, dto));
  }

  @Delete('contacts/:id')
  @Authorize('update', 'Company')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  async removeContact(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Query() query: DeleteReasonQuery,
  ): Promise<void> {
    await this.contacts.remove(principal, id, version, query.reason);
  }

  @Get('companies/:id/revenues')
  @Authorize('read', 'Company')
  @ApiOkResponse({ type: [RevenueDto] })
  async listRevenues(@UuidParam() id: string): Promise<RevenueDto[]> {
    return (await this.revenues.listFor(id)).map(RevenueDto.from);
  }

  @Post('companies/:id/revenues')
  @Authorize('update', 'Company')
  @Idempotent()
  @ApiCreatedResponse({ type: RevenueDto })
  async createRevenue(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @Body() dto: CreateRevenueDto,
  ): Promise<RevenueDto> {
    return RevenueDto.from(await this.revenues.create(principal, id, dto));
  }

  @Patch('companies/:id/revenues/:revenueId')
  @Authorize('update', 'Company')
  @ApiIfMatch()
  @ApiOkResponse({ type: RevenueDto })
  async updateRevenue(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @UuidParam('revenueId') revenueId: string,
    @IfMatch() version: number,
    @Body() dto: UpdateRevenueDto,
  ): Promise<RevenueDto> {
    return RevenueDto.from(await this.revenues.update(principal, id, revenueId, version, dto));
  }

  @Delete('companies/:id/revenues/:revenueId')
  @Authorize('update', 'Company')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  async removeRevenue(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @UuidParam('revenueId') revenueId: string,
    @IfMatch() version: number,
  ): Promise<void> {
    await this.revenues.remove(principal, id, revenueId, version);
  }
}
