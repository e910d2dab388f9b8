import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { updateVersioned, versionMismatch } from '../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import {
  CreatePipelineDto,
  CreateStageDto,
  UpdatePipelineDto,
  UpdateStageDto,
} from './dto/pipeline.dto';
import { GateRegistry } from './gate-registry';
import { Pipeline } from './pipeline.entity';
import { Stage } from './stage.entity';

/** Pipelines and their stages, configured by admins. */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditService,
    private readonly gates: GateRegistry,
  ) {}

  private get pipelines() {
    return this.txHost.tx.getRepository(Pipeline);
  }

  private get stages() {
    return this.txHost.tx.getRepository(Stage);
  }

  list(): Promise<Pipeline[]> {
    return this.pipelines.find({ order: { isDefault: 'DESC', name: 'ASC' }, take: 200 });
  }

  async get(id: string): Promise<Pipeline> {
    const pipeline = await this.pipelines.findOneBy({ id });
    if (!pipeline) throw notFound('Pipeline', id);
    return pipeline;
  }

  async defaultPipeline(): Promise<Pipeline> {
    const pipeline = await this.pipelines.findOneBy({ isDefault: true });
    if (!pipeline) throw new ProblemException('NOT_FOUND', 'There is no default pipeline');
    return pipeline;
  }

  @Transactional()
  async create(dto: CreatePipelineDto): Promise<Pipeline> {
    const pipeline = await this.pipelines.save(this.pipelines.create(dto));
    await this.audit.record({
      entityType: 'Pipeline',
      entityId: pipeline.id,
      action: 'create',
      after: pipeline,
    });
    return this.get(pipeline.id);
  }

  @Transactional()
  async update(id: string, version: number, dto: UpdatePipelineDto): Promise<Pipeline> {
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Pipeline,
      'Pipeline',
      id,
      version,
      dto,
    );
    await this.audit.record({
      entityType: 'Pipeline',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  /** The stages of a pipeline in order; retired ones too when asked (they keep their history). */
  async stagesOf(pipelineId: string, withRetired = true): Promise<Stage[]> {
    await this.get(pipelineId);
    return this.stages.find({
      where: { pipelineId, ...(withRetired ? {} : { retiredAt: IsNull() }) },
      order: { position: 'ASC', id: 'ASC' },
    });
  }

  async stage(id: string): Promise<Stage> {
    const stage = await this.stages.findOneBy({ id });
    if (!stage) throw notFound('Stage', id);
    return stage;
  }

  /** Where new deals start: the first open, active stage. */
  async firstStage(pipelineId: string): Promise<Stage> {
    const stage = (await this.stagesOf(pipelineId, false)).find((s) => s.kind === 'open');
    if (!stage)
      throw new ProblemException(
        'CONFLICT',
        'The pipeline has no active open stage to start a deal in',
      );
    return stage;
  }

  @Transactional()
  async createStage(pipelineId: string, dto: CreateStageDto): Promise<Stage> {
    await this.lockPipeline(pipelineId);
    this.checkGates(dto.gates);
    const existing = await this.stagesOf(pipelineId);
    const position = Math.min(dto.position ?? existing.length + 1, existing.length + 1);
    await this.shiftFrom(pipelineId, position, 1);
    const stage = await this.stages.save(
      this.stages.create({ ...dto, pipelineId, position, gates: dto.gates ?? [] }),
    );
    await this.audit.record({
      entityType: 'Stage',
      entityId: stage.id,
      action: 'create',
      after: stage,
    });
    return this.stage(stage.id);
  }

  @Transactional()
  async updateStage(id: string, version: number, dto: UpdateStageDto): Promise<Stage> {
    await this.lockPipeline((await this.stage(id)).pipelineId);
    // Read again under the pipeline's lock: an edit that waited sees the one before it.
    const current = await this.stage(id);
    if (dto.position === null) {
      throw new ProblemException('VALIDATION_FAILED', 'position cannot be null', {
        errors: [{ field: 'position', code: 'isInt', message: 'must be a number' }],
      });
    }
    this.checkGates(dto.gates);
    if (current.version !== version) throw versionMismatch('Stage', id, current.version, version);
    const { retired, position, ...fields } = dto;
    if (position !== undefined && position !== current.position) {
      const count = (await this.stagesOf(current.pipelineId)).length;
      const target = Math.min(position, count);
      await this.shiftFrom(current.pipelineId, current.position + 1, -1);
      await this.shiftFrom(current.pipelineId, target, 1, id);
      (fields as Record<string, unknown>).position = target;
    }
    const changes = {
      ...fields,
      ...(retired === undefined
        ? {}
        : { retiredAt: retired ? (current.retiredAt ?? new Date()) : null }),
    };
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Stage,
      'Stage',
      id,
      version,
      changes,
    );
    await this.audit.record({ entityType: 'Stage', entityId: id, action: 'update', before, after });
    return after;
  }

  /** Deletes a stage nobody ever used; one with deals or history can only be retired. */
  @Transactional()
  async removeStage(id: string, version: number): Promise<void> {
    await this.lockPipeline((await this.stage(id)).pipelineId);
    // Read again under the pipeline's lock: a concurrent duplicate finds the stage gone (404)
    // instead of shifting the later stages up a second time.
    const stage = await this.stage(id);
    if (stage.version !== version) throw versionMismatch('Stage', id, stage.version, version);
    const [{ used }] = await this.txHost.tx.query<{ used: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM deals WHERE stage_id = $1)
           OR EXISTS (SELECT 1 FROM deal_stage_history WHERE to_stage_id = $1 OR from_stage_id = $1) AS used`,
      [id],
    );
    if (used)
      throw new ProblemException(
        'STAGE_IN_USE',
        'Deals are or were in this stage: retire it (PATCH retired=true) instead',
      );
    await this.stages.delete({ id });
    await this.shiftFrom(stage.pipelineId, stage.position + 1, -1);
    await this.audit.record({ entityType: 'Stage', entityId: id, action: 'delete', before: stage });
  }

  /** Stage edits of one pipeline run one at a time (positions are renumbered). */
  private async lockPipeline(pipelineId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM pipelines WHERE id = $1 FOR UPDATE`, [pipelineId]);
  }

  private checkGates(gates: string[] | null | undefined): void {
    const unknown = (gates ?? []).filter((gate) => !this.gates.knows(gate));
    if (unknown.length > 0) {
      throw new ProblemException(
        'VALIDATION_FAILED',
        `Unknown gate(s): ${unknown.join(', ')}; known: ${this.gates.codes.join(', ')}`,
        {
          errors: [fieldError('gates', 'unknown_gate', `unknown: ${unknown.join(', ')}`)],
        },
      );
    }
  }

  private async shiftFrom(
    pipelineId: string,
    position: number,
    by: 1 | -1,
    except?: string,
  ): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE stages SET position = position + $3, version = version + 1, updated_at = now()
        WHERE pipeline_id = $1 AND position >= $2 AND ($4::uuid IS NULL OR id <> $4)`,
      [pipelineId, position, by, except ?? null],
    );
  }
}
