import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { DeleteReasonQuery } from '../common/http/delete-reason.query';
import { jsonText } from '../common/http/json-text';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiPageResponse } from '../common/pagination/page';
import { DealsService } from './deals.service';
import {
  BoardDto,
  BoardQuery,
  ConvertLeadDto,
  CreateDealDto,
  DealDto,
  ListDealsQuery,
  MoveDealDto,
  StageHistoryDto,
  UpdateDealDto,
} from './dto/deal.dto';
import { LeadConversionService } from './lead-conversion.service';

@ApiTags('pipeline')
@Controller()
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly conversion: LeadConversionService,
  ) {}

  @Get('deals')
  @Authorize('read', 'Deal')
  @ApiPageResponse(DealDto)
  async list(
    @Query() query: ListDealsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return jsonText(reply, await this.deals.list(query));
  }

  @Get('deals/board')
  @Authorize('read', 'Deal')
  @ApiOperation({
    summary:
      'Kanban columns of a pipeline with counts, sums and the first cards, in a constant number of queries',
  })
  @ApiOkResponse({ type: BoardDto })
  async board(
    @Query() query: BoardQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return jsonText(reply, (await this.deals.board(query)).json);
  }

  @Get('deals/:id')
  @Authorize('read', 'Deal')
  @ApiOkResponse({ type: DealDto })
  async get(@UuidParam() id: string): Promise<DealDto> {
    return DealDto.from(await this.deals.get(id));
  }

  @Post('deals')
  @Authorize('create', 'Deal')
  @Idempotent()
  @ApiOperation({
    summary: 'Open a deal on a company in the first stage (usually done by converting a lead)',
  })
  @ApiCreatedResponse({ type: DealDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateDealDto,
  ): Promise<DealDto> {
    return DealDto.from(await this.deals.create(principal, dto));
  }

  @Patch('deals/:id')
  @Authorize('update', 'Deal')
  @ApiIfMatch()
  @ApiOkResponse({ type: DealDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateDealDto,
  ): Promise<DealDto> {
    return DealDto.from(await this.deals.update(principal, id, version, dto));
  }

  @Delete('deals/:id')
  @Authorize('delete', 'Deal')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  async remove(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Query() query: DeleteReasonQuery,
  ): Promise<void> {
    await this.deals.remove(principal, id, version, query.reason);
  }

  @Post('deals/:id/move')
  @Authorize('move', 'Deal')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Move the deal to a stage; 409 STAGE_GATE_UNMET lists every requirement not met',
  })
  @ApiOkResponse({ type: DealDto })
  async move(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: MoveDealDto,
  ): Promise<DealDto> {
    return DealDto.from(await this.deals.move(principal, id, version, dto));
  }

  @Get('deals/:id/history')
  @Authorize('read', 'Deal')
  @ApiOperation({ summary: 'Every stage move of the deal, newest first' })
  @ApiOkResponse({ type: [StageHistoryDto] })
  async history(@UuidParam() id: string): Promise<StageHistoryDto[]> {
    return (await this.deals.history(id)).map(StageHistoryDto.from);
  }

  @Post('leads/:id/convert')
  @Authorize('convert', 'Lead')
  @Idempotent()
  @ApiIfMatch()
  @ApiOperation({
    summary:
      'Convert the lead: a deal in the first stage of the pipeline, the lead marked converted',
  })
  @ApiCreatedResponse({ type: DealDto })
  async convert(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: ConvertLeadDto,
  ): Promise<DealDto> {
    return DealDto.from(await this.conversion.convert(principal, id, version, dto));
  }
}
