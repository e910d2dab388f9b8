import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SelectQueryBuilder } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { CompaniesService } from '../companies/companies.service';
import { escapeLike } from '../common/sql/like';
import { updateVersioned, versionMismatch } from '../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import { paginateJson } from '../common/pagination/keyset';
import { LeadsService } from '../leads/leads.service';
import { Deal } from './deal.entity';
import {
  BoardCardDto,
  BoardColumnDto,
  BoardDto,
  BoardQuery,
  CreateDealDto,
  DealDto,
  DealTermsDto,
  ListDealsQuery,
  MoveDealDto,
  UpdateDealDto,
} from './dto/deal.dto';
import { GateRegistry, StageHooks } from './gate-registry';
import { ReportAnswer, ReportCacheService } from '../common/report-cache/report-cache.service';
import { PipelinesService } from './pipelines.service';
import { StageHistory } from './stage-history.entity';
import type { Stage } from './stage.entity';

const ENTITY = 'Deal';

@Injectable()
export class DealsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly pipelines: PipelinesService,
    private readonly companies: CompaniesService,
    private readonly gates: GateRegistry,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly leads: LeadsService,
    private readonly stageHooks: StageHooks,
    private readonly reportCache: ReportCacheService,
  ) {}

  private get deals() {
    return this.txHost.tx.getRepository(Deal);
  }

  /**
   * A deal's answer shows its firm's name only: the firm's other columns are not read. Lists
   * leave out the deals of deleted firms (`inner`); a deal by id is found all the same.
   */
  private withCompanyName(
    qb: SelectQueryBuilder<Deal>,
    join: 'inner' | 'left' = 'inner',
  ): SelectQueryBuilder<Deal> {
    return (
      join === 'inner' ? qb.innerJoin('d.company', 'company') : qb.leftJoin('d.company', 'company')
    ).addSelect(['company.id', 'company.name']);
  }

  /** A page of deals as the JSON text of `Page<DealDto>`. */
  list(query: ListDealsQuery): Promise<string> {
    const qb = this.deals.createQueryBuilder('d').innerJoin('d.company', 'company');
    if (query.pipelineId)
      qb.andWhere('d.pipelineId = :pipelineId', { pipelineId: query.pipelineId });
    if (query.stageId) qb.andWhere('d.stageId = :stageId', { stageId: query.stageId });
    if (query.ownerId) qb.andWhere('d.ownerId = :ownerId', { ownerId: query.ownerId });
    if (query.companyId) qb.andWhere('d.companyId = :companyId', { companyId: query.companyId });
    if (query.q)
      qb.andWhere('(d.title ILIKE :q OR company.name ILIKE :q)', { q: escapeLike(query.q) });
    return paginateJson(
      qb,
      query,
      {
        sortable: {
          updatedAt: { column: 'd.updatedAt', property: 'updatedAt' },
          createdAt: { column: 'd.createdAt', property: 'createdAt' },
          stageEnteredAt: { column: 'd.stageEnteredAt', property: 'stageEnteredAt' },
        },
        defaultSort: '-updatedAt',
        idColumn: 'd.id',
      },
      DealDto.sqlJson,
    );
  }

  async get(id: string): Promise<Deal> {
    // Not findOne with relations: its LIMIT 1 with a join takes two statements (ids, then rows).
    const deal = await this.withCompanyName(this.deals.createQueryBuilder('d'), 'left')
      .where('d.id = :id', { id })
      .getOne();
    if (!deal) throw notFound(ENTITY, id);
    return deal;
  }

  /** Opens a deal in the first stage of a pipeline, owned by the principal, with its first history row. */
  @Transactional()
  async open(
    principal: Principal,
    input: DealTermsDto & {
      companyId: string;
      pipelineId?: string;
      title?: string;
      leadId?: string | null;
      ownerId?: string;
    },
  ): Promise<Deal> {
    const company = await this.companies.get(input.companyId);
    const ownerId = input.ownerId ?? principal.id;
    const pipeline = input.pipelineId
      ? await this.pipelines.get(input.pipelineId)
      : await this.pipelines.defaultPipeline();
    const stage = await this.pipelines.firstStage(pipeline.id);
    const { companyId: _c, pipelineId: _p, title, leadId, ownerId: _o, ...terms } = input;
    const saved = await this.deals.save(
      this.deals.create({
        ...terms,
        title: title ?? company.name,
        companyId: company.id,
        leadId: leadId ?? null,
        pipelineId: pipeline.id,
        stageId: stage.id,
        ownerId,
      }),
    );
    await this.txHost.tx.getRepository(StageHistory).insert({
      dealId: saved.id,
      fromStageId: null,
      toStageId: stage.id,
      movedById: principal.id,
    });
    const deal = await this.get(saved.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: deal.id,
      action: 'create',
      after: { ...deal, company: undefined },
    });
    return deal;
  }

  /**
   * Opens a deal without a prior lead: a converted lead is recorded for it, so that the firm counts
   * as worked by the deal's owner in every later conflict check. Refused while another promoter
   * works the firm.
   */
  @Transactional()
  async create(principal: Principal, dto: CreateDealDto): Promise<Deal> {
    await this.companies.lockForClaim([dto.companyId]);
    const rival = await this.leads.existingClaim(dto.companyId, [], principal.id);
    if (rival) {
      throw new ProblemException(
        'LEAD_CONFLICT',
        'Another promoter already works this firm: ask a manager',
        {
          existingLeadId: rival.lead.id,
        },
      );
    }
    const leadId = await this.leads.recordDirectDeal(principal.id, dto.companyId);
    return this.open(principal, { ...dto, leadId });
  }

  /** An open deal on this company owned by someone else, if any (for conflicts on conversion). */
  async openDealOfAnother(companyId: string, ownerId: string): Promise<Deal | null> {
    return this.deals
      .createQueryBuilder('d')
      .innerJoin('d.stage', 'stage')
      .where('d.companyId = :companyId AND d.ownerId <> :ownerId AND stage.kind = :open', {
        companyId,
        ownerId,
        open: 'open',
      })
      .getOne();
  }

  @Transactional()
  async update(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateDealDto,
  ): Promise<Deal> {
    const deal = await this.get(id);
    this.policy.assert(principal, 'update', ENTITY, deal);
    const { before, after } = await updateVersioned(this.txHost.tx, Deal, ENTITY, id, version, dto);
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return this.get(id);
  }

  @Transactional()
  async remove(principal: Principal, id: string, version: number, reason?: string): Promise<void> {
    const deal = await this.get(id);
    this.policy.assert(principal, 'delete', ENTITY, deal);
    const { before, after } = await updateVersioned(this.txHost.tx, Deal, ENTITY, id, version, {
      deletedAt: () => 'now()',
    });
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'delete',
      before,
      after,
      reason,
    });
  }

  /**
   * Moves a deal to another stage of its pipeline if the stage's gates hold (409 STAGE_GATE_UNMET
   * lists every unmet one), writing the stage history in the same transaction.
   */
  @Transactional()
  async move(principal: Principal, id: string, version: number, dto: MoveDealDto): Promise<Deal> {
    const deal = await this.get(id);
    this.policy.assert(principal, 'move', ENTITY, deal);
    if (deal.version !== version) throw versionMismatch(ENTITY, id, deal.version, version);
    const target = await this.pipelines.stage(dto.stageId);
    if (target.pipelineId !== deal.pipelineId) {
      throw new ProblemException('VALIDATION_FAILED', 'The stage belongs to another pipeline', {
        errors: [
          fieldError(
            'stageId',
            'stage_of_other_pipeline',
            'must be a stage of the deal’s pipeline',
          ),
        ],
      });
    }
    if (target.retiredAt)
      throw new ProblemException('STAGE_RETIRED', `The stage ${target.name} is retired`);
    if (target.id === deal.stageId) return deal;
    const unmet = await this.gates.unmet(await this.gatesOnTheWay(deal.stageId, target), {
      deal,
      lostReason: dto.lostReason,
      tx: this.txHost.tx,
    });
    if (unmet.length > 0) {
      throw new ProblemException(
        'STAGE_GATE_UNMET',
        `To enter ${target.nameEn} (${target.name}): ${unmet.map((u) => u.message).join('; ')}`,
        {
          unmet,
        },
      );
    }
    const { before, after } = await updateVersioned(this.txHost.tx, Deal, ENTITY, id, version, {
      stageId: target.id,
      stageEnteredAt: () => 'now()',
      closedAt: target.kind === 'open' ? null : () => 'now()',
      ...(target.kind === 'lost' ? { lostReason: dto.lostReason ?? deal.lostReason } : {}),
    });
    await this.txHost.tx.getRepository(StageHistory).insert({
      dealId: id,
      fromStageId: deal.stageId,
      toStageId: target.id,
      movedById: principal.id,
    });
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'move',
      before,
      after,
    });
    await this.stageHooks.entered(target.code, after);
    return this.get(id);
  }

  /**
   * Moves a deal to the stage with this code on behalf of the system (onboarding completing), in
   * the caller's transaction: no gates, no version check, history and audit as any move.
   */
  async advance(dealId: string, code: string, reason: string): Promise<void> {
    const deal = await this.get(dealId);
    const target = (await this.pipelines.stagesOf(deal.pipelineId, false)).find(
      (stage) => stage.code === code,
    );
    const current = await this.pipelines.stage(deal.stageId);
    // Only forward, and only for a deal still open: a lost or later deal is never pulled back.
    if (!target || current.kind !== 'open' || target.position <= current.position) return;
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Deal,
      ENTITY,
      dealId,
      deal.version,
      {
        stageId: target.id,
        stageEnteredAt: () => 'now()',
        closedAt: target.kind === 'open' ? null : () => 'now()',
      },
    );
    await this.txHost.tx
      .getRepository(StageHistory)
      .insert({ dealId, fromStageId: deal.stageId, toStageId: target.id, movedById: null });
    await this.audit.record({
      entityType: ENTITY,
      entityId: dealId,
      action: 'move',
      before,
      after,
      reason,
    });
    await this.stageHooks.entered(target.code, after);
  }

  /**
   * The gates a move must pass: a forward move passes the gates of every open stage it skips as
   * well as the target's (a deal cannot jump to Signed past Negotiation's site-visit gate); a move
   * back, or to a lost stage, only the target's.
   */
  private async gatesOnTheWay(fromStageId: string, target: Stage): Promise<string[]> {
    const from = await this.pipelines.stage(fromStageId);
    if (target.kind === 'lost' || target.position <= from.position) return target.gates;
    const passed = (await this.pipelines.stagesOf(target.pipelineId, false)).filter(
      (stage) =>
        stage.kind !== 'lost' &&
        stage.position > from.position &&
        stage.position <= target.position,
    );
    return [...new Set([...passed.flatMap((stage) => stage.gates), ...target.gates])];
  }

  async history(id: string): Promise<StageHistory[]> {
    await this.get(id);
    return this.txHost.tx.getRepository(StageHistory).find({
      where: { dealId: id },
      relations: { fromStage: true, toStage: true },
      // Moves in one transaction share a time (a seeded deal, Signed → Onboarding → Tenant at once).
      order: { movedAt: 'DESC', toStage: { position: 'DESC' }, id: 'DESC' },
    });
  }

  /**
   * The kanban board in three queries whatever the number of deals: the stages, the per-stage
   * aggregates, and the first cards of every column (one index range per stage). It is the same
   * for every reader and read far more often than deals change, so it is kept, as JSON, in the
   * report cache until a deal, a firm or a stage changes; never served outdated.
   */
  async board(query: BoardQuery): Promise<ReportAnswer> {
    const pipelineId = query.pipelineId ?? (await this.pipelines.defaultPipeline()).id;
    const perColumn = query.cards ?? 20;
    const owner = query.ownerId ?? null;
    return this.reportCache.rememberJson(
      'board',
      { pipelineId, owner, perColumn },
      () => this.computeBoard(pipelineId, owner, perColumn),
      { staleSeconds: 0 },
    );
  }

  private async computeBoard(
    pipelineId: string,
    owner: string | null,
    perColumn: number,
  ): Promise<BoardDto> {
    const stages = await this.pipelines.stagesOf(pipelineId);
    const sums = await this.txHost.tx.query<
      { stage_id: string; count: number; investment: string; area: string; compute: number }[]
    >(
      `SELECT stage_id, count(*)::int AS count, coalesce(sum(expected_investment), 0)::text AS investment,
              coalesce(sum(expected_area), 0)::text AS area, coalesce(sum(expected_compute_card_hours), 0)::int AS compute
         FROM deals WHERE pipeline_id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR owner_id = $2)
        GROUP BY stage_id`,
      [pipelineId, owner],
    );
    const cards = await this.withCompanyName(this.deals.createQueryBuilder('d'))
      .where(
        // The first cards of each column: one index range (stage, updated_at, id) per stage.
        `d.id IN (SELECT top.id FROM stages s CROSS JOIN LATERAL (
           SELECT id FROM deals WHERE stage_id = s.id AND deleted_at IS NULL AND (CAST(:owner AS uuid) IS NULL OR owner_id = :owner)
            ORDER BY updated_at DESC, id DESC LIMIT :perColumn) top
           WHERE s.pipeline_id = :pipelineId)`,
        { pipelineId, owner, perColumn },
      )
      .orderBy('d.updatedAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .getMany();
    const columns = stages
      .filter((stage) => !stage.retiredAt || sums.some((s) => s.stage_id === stage.id))
      .map((stage): BoardColumnDto => {
        const sum = sums.find((s) => s.stage_id === stage.id);
        return {
          stageId: stage.id,
          name: stage.name,
          nameEn: stage.nameEn,
          kind: stage.kind,
          probability: stage.probability,
          slaDays: stage.slaDays,
          retired: Boolean(stage.retiredAt),
          count: sum?.count ?? 0,
          expectedInvestment: sum?.investment ?? '0',
          expectedArea: sum?.area ?? '0',
          expectedComputeCardHours: sum?.compute ?? 0,
          cards: cards.filter((card) => card.stageId === stage.id).map(BoardCardDto.from),
        };
      });
    return { pipelineId, columns };
  }
}
