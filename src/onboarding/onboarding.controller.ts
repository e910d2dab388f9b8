import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiPageResponse, type Page } from '../common/pagination/page';
import {
  CreateTemplateDto,
  ListTemplatesQuery,
  TrackFilter,
  UpdateOnboardingTaskDto,
  UpdateTemplateDto,
} from './dto/onboarding.dto';
import type { OnboardingTemplate } from './onboarding-template.entity';
import { OnboardingService, TrackWithTasks } from './onboarding.service';
import { OnboardingTemplateDto, OnboardingTrackDto } from './dto/onboarding-responses.dto';

@ApiTags('onboarding')
@Controller()
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get('onboarding-templates')
  @Authorize('read', 'Onboarding')
  @ApiOperation({ summary: 'Onboarding templates, by name unless sorted otherwise' })
  @ApiPageResponse(OnboardingTemplateDto)
  templates(@Query() query: ListTemplatesQuery): Promise<Page<OnboardingTemplate>> {
    return this.onboarding.templates(query);
  }

  @Get('onboarding-templates/:id')
  @Authorize('read', 'Onboarding')
  @ApiOkResponse({ type: OnboardingTemplateDto })
  template(@UuidParam() id: string): Promise<OnboardingTemplate> {
    return this.onboarding.template(id);
  }

  @Post('onboarding-templates')
  @Authorize('manage', 'Onboarding')
  @Idempotent()
  @ApiCreatedResponse({ type: OnboardingTemplateDto })
  createTemplate(@Body() dto: CreateTemplateDto): Promise<OnboardingTemplate> {
    return this.onboarding.createTemplate(dto);
  }

  @Patch('onboarding-templates/:id')
  @Authorize('manage', 'Onboarding')
  @ApiIfMatch()
  @ApiOkResponse({ type: OnboardingTemplateDto })
  updateTemplate(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateTemplateDto,
  ): Promise<OnboardingTemplate> {
    return this.onboarding.updateTemplate(id, version, dto);
  }

  @Get('onboarding-tracks')
  @Authorize('read', 'Onboarding')
  @ApiOperation({
    summary: 'Onboarding tracks with their tasks, newest first unless sorted otherwise',
  })
  @ApiPageResponse(OnboardingTrackDto)
  tracks(@Query() filter: TrackFilter): Promise<Page<TrackWithTasks>> {
    return this.onboarding.tracks(filter);
  }

  @Get('onboarding-tracks/:id')
  @Authorize('read', 'Onboarding')
  @ApiOkResponse({ type: OnboardingTrackDto })
  track(@UuidParam() id: string): Promise<TrackWithTasks> {
    return this.onboarding.track(id);
  }

  @Patch('onboarding-tracks/:id/tasks/:taskId')
  @Authorize('update', 'Onboarding')
  @ApiIfMatch()
  @ApiOperation({
    summary:
      'Update a task (done, assignee, due date); the deal moves to Onboarding, then Tenant, by itself',
  })
  @ApiOkResponse({ type: OnboardingTrackDto })
  updateTask(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @UuidParam('taskId') taskId: string,
    @IfMatch() version: number,
    @Body() dto: UpdateOnboardingTaskDto,
  ): Promise<TrackWithTasks> {
    return this.onboarding.updateTask(principal, id, taskId, version, dto);
  }
}
