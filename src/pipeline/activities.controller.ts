import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseEnumPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { ProblemException } from '../common/errors/problem.exception';
import { jsonText } from '../common/http/json-text';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ListQueryDto } from '../common/pagination/list-query.dto';
import { ApiPageResponse, mapPage, Page } from '../common/pagination/page';
import { ActivitiesService } from './activities.service';
import {
  ActivityDto,
  CreateActivityDto,
  CreateTaskDto,
  ListActivitiesQuery,
  ListTasksQuery,
  TaskDto,
  TimelineItemDto,
  UpdateActivityDto,
  UpdateTaskDto,
} from './dto/activity.dto';
import { TasksService } from './tasks.service';
import {
  TIMELINE_ENTITY_TYPES,
  type TimelineEntityType,
  TimelineService,
} from './timeline.service';

@ApiTags('pipeline')
@Controller()
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly tasks: TasksService,
    private readonly timeline: TimelineService,
  ) {}

  @Get('activities')
  @Authorize('read', 'Activity')
  @ApiPageResponse(ActivityDto)
  async list(@Query() query: ListActivitiesQuery): Promise<Page<ActivityDto>> {
    return mapPage(await this.activities.list(query), ActivityDto.from);
  }

  @Post('activities')
  @Authorize('create', 'Activity')
  @Idempotent()
  @ApiOperation({
    summary:
      'Log a call, meeting or note on a company or deal (it restarts your leads’ protection period)',
  })
  @ApiCreatedResponse({ type: ActivityDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateActivityDto,
  ): Promise<ActivityDto> {
    return ActivityDto.from(await this.activities.create(principal, dto));
  }

  @Patch('activities/:id')
  @Authorize('update', 'Activity')
  @ApiIfMatch()
  @ApiOkResponse({ type: ActivityDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateActivityDto,
  ): Promise<ActivityDto> {
    return ActivityDto.from(await this.activities.update(principal, id, version, dto));
  }

  @Delete('activities/:id')
  @Authorize('delete', 'Activity')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  async remove(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
  ): Promise<void> {
    await this.activities.remove(principal, id, version);
  }

  @Get('tasks')
  @Authorize('read', 'Task')
  @ApiPageResponse(TaskDto)
  async listTasks(@Query() query: ListTasksQuery): Promise<Page<TaskDto>> {
    return mapPage(await this.tasks.list(query), TaskDto.from);
  }

  @Post('tasks')
  @Authorize('create', 'Task')
  @Idempotent()
  @ApiCreatedResponse({ type: TaskDto })
  async createTask(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateTaskDto,
  ): Promise<TaskDto> {
    return TaskDto.from(await this.tasks.create(principal, dto));
  }

  @Patch('tasks/:id')
  @Authorize('update', 'Task')
  @ApiIfMatch()
  @ApiOkResponse({ type: TaskDto })
  async updateTask(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateTaskDto,
  ): Promise<TaskDto> {
    return TaskDto.from(await this.tasks.update(principal, id, version, dto));
  }

  @Delete('tasks/:id')
  @Authorize('delete', 'Task')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  async removeTask(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
  ): Promise<void> {
    await this.tasks.remove(principal, id, version);
  }

  @Get('timeline/:entityType/:id')
  @Authorize('read', 'Deal')
  @ApiOperation({
    summary:
      'Activities, stage moves, visits and audit entries of a company, deal or lead, newest first',
  })
  @ApiParam({ name: 'entityType', enum: TIMELINE_ENTITY_TYPES })
  @ApiPageResponse(TimelineItemDto)
  async timelineOf(
    @Param(
      'entityType',
      new ParseEnumPipe(TIMELINE_ENTITY_TYPES, {
        exceptionFactory: () =>
          new ProblemException(
            'VALIDATION_FAILED',
            `entityType must be one of ${TIMELINE_ENTITY_TYPES.join(', ')}`,
            {
              errors: [
                {
                  field: 'entityType',
                  code: 'isIn',
                  message: `must be one of ${TIMELINE_ENTITY_TYPES.join(', ')}`,
                },
              ],
            },
          ),
      }),
    )
    entityType: TimelineEntityType,
    @UuidParam() id: string,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return jsonText(reply, await this.timeline.list(entityType, id, query.limit, query.cursor));
  }
}
