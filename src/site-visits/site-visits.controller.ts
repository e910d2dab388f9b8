import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiPageResponse, mapPage, Page } from '../common/pagination/page';
import {
  CancelSiteVisitDto,
  CompleteSiteVisitDto,
  CreateSiteVisitDto,
  ListSiteVisitsQuery,
  SiteVisitDto,
  UpdateSiteVisitDto,
} from './dto/site-visit.dto';
import { SiteVisitsService, VisitWithHosts } from './site-visits.service';

const toDto = ({ visit, hostIds }: VisitWithHosts) => SiteVisitDto.from(visit, hostIds);

@ApiTags('site-visits')
@Controller('site-visits')
export class SiteVisitsController {
  constructor(private readonly visits: SiteVisitsService) {}

  @Get()
  @Authorize('read', 'SiteVisit')
  @ApiOperation({ summary: 'Visits by time range (a calendar day or week), host, deal or status' })
  @ApiPageResponse(SiteVisitDto)
  async list(@Query() query: ListSiteVisitsQuery): Promise<Page<SiteVisitDto>> {
    return mapPage(await this.visits.list(query), toDto);
  }

  @Get(':id')
  @Authorize('read', 'SiteVisit')
  @ApiOkResponse({ type: SiteVisitDto })
  async get(@UuidParam() id: string): Promise<SiteVisitDto> {
    return toDto(await this.visits.get(id));
  }

  @Post()
  @Authorize('create', 'SiteVisit')
  @Idempotent()
  @ApiOperation({
    summary: 'Book a visit; a host or place booked for an overlapping time is 409 OVERLAP',
  })
  @ApiCreatedResponse({ type: SiteVisitDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateSiteVisitDto,
  ): Promise<SiteVisitDto> {
    return toDto(await this.visits.create(principal, dto));
  }

  @Patch(':id')
  @Authorize('read', 'SiteVisit')
  @ApiIfMatch()
  @ApiOperation({
    summary:
      'Reschedule a scheduled visit (time, place, hosts, visitors): the deal owner or a host',
  })
  @ApiOkResponse({ type: SiteVisitDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateSiteVisitDto,
  ): Promise<SiteVisitDto> {
    return toDto(await this.visits.reschedule(principal, id, version, dto));
  }

  @Post(':id/complete')
  @Authorize('read', 'SiteVisit')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Record the outcome (interest 1–5, notes, next step, optional follow-up task)',
  })
  @ApiOkResponse({ type: SiteVisitDto })
  async complete(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: CompleteSiteVisitDto,
  ): Promise<SiteVisitDto> {
    return toDto(await this.visits.complete(principal, id, version, dto));
  }

  @Post(':id/cancel')
  @Authorize('read', 'SiteVisit')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: SiteVisitDto })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: CancelSiteVisitDto,
  ): Promise<SiteVisitDto> {
    return toDto(await this.visits.cancel(principal, id, version, dto));
  }

  @Post(':id/no-show')
  @Authorize('read', 'SiteVisit')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: SiteVisitDto })
  async noShow(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
  ): Promise<SiteVisitDto> {
    return toDto(await this.visits.noShow(principal, id, version));
  }
}
