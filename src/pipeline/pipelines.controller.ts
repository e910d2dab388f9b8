import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
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
import {
  CreatePipelineDto,
  CreateStageDto,
  PipelineDto,
  StageDto,
  UpdatePipelineDto,
  UpdateStageDto,
} from './dto/pipeline.dto';
import { PipelinesService } from './pipelines.service';

@ApiTags('pipeline')
@Controller()
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get('pipelines')
  @Authorize('read', 'Pipeline')
  @ApiOkResponse({ type: [PipelineDto] })
  async list(): Promise<PipelineDto[]> {
    return (await this.pipelines.list()).map(PipelineDto.from);
  }

  @Get('pipelines/:id')
  @Authorize('read', 'Pipeline')
  @ApiOkResponse({ type: PipelineDto })
  async get(@UuidParam() id: string): Promise<PipelineDto> {
    return PipelineDto.from(await this.pipelines.get(id));
  }

  @Post('pipelines')
  @Authorize('create', 'Pipeline')
  @Idempotent()
  @ApiCreatedResponse({ type: PipelineDto })
  async create(@Body() dto: CreatePipelineDto): Promise<PipelineDto> {
    return PipelineDto.from(await this.pipelines.create(dto));
  }

  @Patch('pipelines/:id')
  @Authorize('update', 'Pipeline')
  @ApiIfMatch()
  @ApiOkResponse({ type: PipelineDto })
  async update(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdatePipelineDto,
  ): Promise<PipelineDto> {
    return PipelineDto.from(await this.pipelines.update(id, version, dto));
  }

  @Get('pipelines/:id/stages')
  @Authorize('read', 'Pipeline')
  @ApiOperation({ summary: 'The stages in order, retired ones included (retiredAt set)' })
  @ApiOkResponse({ type: [StageDto] })
  async stages(@UuidParam() id: string): Promise<StageDto[]> {
    return (await this.pipelines.stagesOf(id)).map(StageDto.from);
  }

  @Post('pipelines/:id/stages')
  @Authorize('update', 'Pipeline')
  @Idempotent()
  @ApiCreatedResponse({ type: StageDto })
  async createStage(@UuidParam() id: string, @Body() dto: CreateStageDto): Promise<StageDto> {
    return StageDto.from(await this.pipelines.createStage(id, dto));
  }

  @Get('stages/:id')
  @Authorize('read', 'Pipeline')
  @ApiOkResponse({ type: StageDto })
  async stage(@UuidParam() id: string): Promise<StageDto> {
    return StageDto.from(await this.pipelines.stage(id));
  }

  @Patch('stages/:id')
  @Authorize('update', 'Pipeline')
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Rename, reorder, retire or configure a stage (probability, SLA, kind, gates)',
  })
  @ApiOkResponse({ type: StageDto })
  async updateStage(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateStageDto,
  ): Promise<StageDto> {
    return StageDto.from(await this.pipelines.updateStage(id, version, dto));
  }

  @Delete('stages/:id')
  @Authorize('update', 'Pipeline')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Delete a never-used stage; one with deals or history is 409 STAGE_IN_USE (retire it)',
  })
  @ApiNoContentResponse()
  async removeStage(@UuidParam() id: string, @IfMatch() version: number): Promise<void> {
    await this.pipelines.removeStage(id, version);
  }
}
