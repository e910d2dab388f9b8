import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiPageResponse, type Page } from '../common/pagination/page';
import { TargetDto } from './dto/report-responses.dto';
import { CreateTargetDto, ListTargetsQuery, UpdateTargetDto } from './dto/target.dto';
import type { Target } from './target.entity';
import { TargetsService } from './targets.service';

/** The park's targets (admins keep them); their progress is `reports/targets`. */
@ApiTags('reports')
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @Authorize('read', 'Target')
  @ApiOperation({ summary: 'Targets, the period ending soonest first unless sorted otherwise' })
  @ApiPageResponse(TargetDto)
  list(@Query() query: ListTargetsQuery): Promise<Page<Target>> {
    return this.targets.list(query);
  }

  @Get(':id')
  @Authorize('read', 'Target')
  @ApiOkResponse({ type: TargetDto })
  get(@UuidParam() id: string): Promise<Target> {
    return this.targets.get(id);
  }

  @Post()
  @Authorize('manage', 'Target')
  @Idempotent()
  @ApiCreatedResponse({ type: TargetDto })
  create(@Body() dto: CreateTargetDto): Promise<Target> {
    return this.targets.create(dto);
  }

  @Patch(':id')
  @Authorize('manage', 'Target')
  @ApiIfMatch()
  @ApiOkResponse({ type: TargetDto })
  update(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateTargetDto,
  ): Promise<Target> {
    return this.targets.update(id, version, dto);
  }

  @Delete(':id')
  @Authorize('manage', 'Target')
  @ApiIfMatch()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@UuidParam() id: string, @IfMatch() version: number): Promise<void> {
    return this.targets.remove(id, version);
  }
}
