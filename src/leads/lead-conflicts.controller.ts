import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import type { LeadConflict } from './lead-conflict.entity';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { ApiPageResponse, mapPage, Page } from '../common/pagination/page';
import { LeadConflictDto, ListConflictsQuery, ResolveConflictDto } from './dto/lead-conflict.dto';
import { LeadConflictsService } from './lead-conflicts.service';

@ApiTags('leads')
@Controller('lead-conflicts')
export class LeadConflictsController {
  constructor(
    private readonly conflicts: LeadConflictsService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  private dto = (conflict: LeadConflict): LeadConflictDto =>
    LeadConflictDto.from(conflict, this.config.get('LEAD_PROTECTION_DAYS', { infer: true }));

  @Get()
  @Authorize('read', 'LeadConflict')
  @ApiOperation({ summary: 'Ownership conflicts (撞单), newest first' })
  @ApiPageResponse(LeadConflictDto)
  async list(@Query() query: ListConflictsQuery): Promise<Page<LeadConflictDto>> {
    return mapPage(await this.conflicts.list(query), this.dto);
  }

  @Get(':id')
  @Authorize('read', 'LeadConflict')
  @ApiOkResponse({ type: LeadConflictDto })
  async get(@UuidParam() id: string): Promise<LeadConflictDto> {
    return this.dto(await this.conflicts.get(id));
  }

  @Post(':id/resolve')
  @Authorize('resolve', 'LeadConflict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide a conflict: keep_existing, transfer or merge (managers)' })
  @ApiOkResponse({ type: LeadConflictDto })
  async resolve(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @Body() dto: ResolveConflictDto,
  ): Promise<LeadConflictDto> {
    return this.dto(await this.conflicts.resolve(principal, id, dto));
  }
}
