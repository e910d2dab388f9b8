import {
  ApplicationDto,
  CompanySupportDto,
  FundDto,
  ProgramDto,
} from './dto/incentives-responses.dto';
import { ApiPageResponse } from '../common/pagination/page';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { Page } from '../common/pagination/page';
import type { Application } from './application.entity';
import {
  ApproveApplicationDto,
  CreateApplicationDto,
  CreateProgramDto,
  DisburseApplicationDto,
  ListApplicationsQuery,
  ListProgramsQuery,
  RejectApplicationDto,
  UpdateApplicationDto,
  UpdateProgramDto,
} from './dto/incentives.dto';
import { CompanySupport, FundView, IncentivesService, ProgramBudget } from './incentives.service';

@ApiTags('support measures')
@Controller()
export class IncentivesController {
  constructor(private readonly incentives: IncentivesService) {}

  @Get('programs')
  @Authorize('read', 'Program')
  @ApiOperation({
    summary:
      'Programs with their budgets (allocated, approved, disbursed, remaining), by name unless sorted otherwise',
  })
  @ApiPageResponse(ProgramDto)
  programs(@Query() query: ListProgramsQuery): Promise<Page<ProgramBudget>> {
    return this.incentives.listPrograms(query);
  }

  @Get('programs/fund')
  @Authorize('read', 'Program')
  @ApiOperation({
    summary: 'The park fund: total, allocated to programs, approved, disbursed, unallocated',
  })
  @ApiOkResponse({ type: FundDto })
  fund(): Promise<FundView> {
    return this.incentives.fund();
  }

  @Get('programs/:id')
  @Authorize('read', 'Program')
  @ApiOkResponse({ type: ProgramDto })
  program(@UuidParam() id: string): Promise<ProgramBudget> {
    return this.incentives.program(id);
  }

  @Post('programs')
  @Authorize('manage', 'Program')
  @Idempotent()
  @ApiCreatedResponse({ type: ProgramDto })
  createProgram(@Body() dto: CreateProgramDto): Promise<ProgramBudget> {
    return this.incentives.createProgram(dto);
  }

  @Patch('programs/:id')
  @Authorize('manage', 'Program')
  @ApiIfMatch()
  @ApiOkResponse({ type: ProgramDto })
  updateProgram(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateProgramDto,
  ): Promise<ProgramBudget> {
    return this.incentives.updateProgram(id, version, dto);
  }

  @Get('applications')
  @Authorize('read', 'Application')
  @ApiPageResponse(ApplicationDto)
  applications(@Query() query: ListApplicationsQuery): Promise<Page<Application>> {
    return this.incentives.listApplications(query);
  }

  @Get('applications/:id')
  @Authorize('read', 'Application')
  @ApiOkResponse({ type: ApplicationDto })
  application(@UuidParam() id: string): Promise<Application> {
    return this.incentives.application(id);
  }

  @Post('applications')
  @Authorize('create', 'Application')
  @Idempotent()
  @ApiOperation({ summary: 'Draft an application for a company you own' })
  @ApiCreatedResponse({ type: ApplicationDto })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateApplicationDto,
  ): Promise<Application> {
    return this.incentives.createApplication(principal, dto);
  }

  @Patch('applications/:id')
  @Authorize('update', 'Application')
  @ApiIfMatch()
  @ApiOkResponse({ type: ApplicationDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateApplicationDto,
  ): Promise<Application> {
    return this.incentives.updateApplication(principal, id, version, dto);
  }

  @Post('applications/:id/submit')
  @Authorize('submit', 'Application')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: ApplicationDto })
  submit(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
  ): Promise<Application> {
    return this.incentives.submit(principal, id, version);
  }

  @Post('applications/:id/approve')
  @Authorize('approve', 'Application')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOperation({
    summary:
      'Approve within the program’s remaining budget (409 BUDGET_EXCEEDED otherwise); managers',
  })
  @ApiOkResponse({ type: ApplicationDto })
  approve(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: ApproveApplicationDto,
  ): Promise<Application> {
    return this.incentives.approve(principal, id, version, dto);
  }

  @Post('applications/:id/reject')
  @Authorize('reject', 'Application')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: ApplicationDto })
  reject(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: RejectApplicationDto,
  ): Promise<Application> {
    return this.incentives.reject(principal, id, version, dto);
  }

  @Post('applications/:id/disburse')
  @Authorize('disburse', 'Application')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: ApplicationDto })
  disburse(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: DisburseApplicationDto,
  ): Promise<Application> {
    return this.incentives.disburse(principal, id, version, dto);
  }

  @Get('companies/:id/support')
  @Authorize('read', 'Application')
  @ApiOperation({
    summary:
      'What the park has granted the company, beside the investment and revenue its deals expect',
  })
  @ApiOkResponse({ type: CompanySupportDto })
  support(@UuidParam() id: string): Promise<CompanySupport> {
    return this.incentives.supportOf(id);
  }
}
