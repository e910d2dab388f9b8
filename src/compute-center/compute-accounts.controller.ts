import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import { notFound } from '../common/errors/problem.exception';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { ComputeAccountsService } from './compute-accounts.service';
import { ComputeSyncService } from './compute-sync.service';
import {
  CreateComputeAccountDto,
  ListComputeAccountsQuery,
  UsageQuery,
} from './dto/compute-center.dto';
import {
  ComputeAccountDetailDto,
  ComputeAccountDto,
  ReconciliationDto,
  UsageReportDto,
} from './dto/compute-center-responses.dto';

@ApiTags('compute center')
@Controller('compute-accounts')
export class ComputeAccountsController {
  constructor(
    private readonly accounts: ComputeAccountsService,
    private readonly sync: ComputeSyncService,
  ) {}

  @Get()
  @Authorize('read', 'ComputeAccount')
  @ApiOperation({ summary: 'Tenants’ compute-center accounts: link status and quota' })
  @ApiPageResponse(ComputeAccountDto)
  list(@Query() query: ListComputeAccountsQuery): Promise<Page<ComputeAccountDto>> {
    return this.accounts.list(query);
  }

  @Post()
  @Authorize('create', 'ComputeAccount')
  @Idempotent()
  @ApiOperation({
    summary: 'Open an account at the compute center for a company (sent through the outbox)',
  })
  @ApiCreatedResponse({ type: ComputeAccountDetailDto })
  create(@Body() dto: CreateComputeAccountDto): Promise<ComputeAccountDetailDto> {
    return this.accounts.create(dto.companyId);
  }

  @Get('reconciliation')
  @Authorize('read', 'ComputeAccount')
  @ApiOperation({ summary: 'The latest comparison of both sides (nightly), with any drift' })
  @ApiOkResponse({ type: ReconciliationDto })
  @ApiNotFoundResponse({ description: 'No reconciliation has run yet' })
  async reconciliation(): Promise<ReconciliationDto> {
    const latest = await this.sync.latest();
    if (!latest) throw notFound('ComputeReconciliation', 'latest');
    return latest;
  }

  @Post('reconciliation')
  @Authorize('manage', 'Integration')
  @HttpCode(200)
  @ApiOperation({ summary: 'Compare both sides now (admins)' })
  @ApiOkResponse({ type: ReconciliationDto })
  reconcile(): Promise<ReconciliationDto> {
    return this.sync.reconcile();
  }

  @Get(':id')
  @Authorize('read', 'ComputeAccount')
  @ApiOkResponse({ type: ComputeAccountDetailDto })
  get(@UuidParam() id: string): Promise<ComputeAccountDetailDto> {
    return this.accounts.detail(id);
  }

  @Get(':id/usage')
  @Authorize('read', 'ComputeAccount')
  @ApiOperation({ summary: 'Card-hours used by day or month (Beijing) and resource type' })
  @ApiOkResponse({ type: UsageReportDto })
  usage(@UuidParam() id: string, @Query() query: UsageQuery): Promise<UsageReportDto> {
    return this.accounts.usage(id, query);
  }

  @Post(':id/resync')
  @Authorize('resync', 'ComputeAccount')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-read the account, its allocations and recent usage from the center',
  })
  @ApiOkResponse({ type: ComputeAccountDetailDto })
  resync(@UuidParam() id: string): Promise<ComputeAccountDetailDto> {
    return this.sync.resync(id);
  }
}
