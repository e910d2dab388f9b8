import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { CompaniesService } from '../companies/companies.service';
import { updateVersioned } from '../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import { LeadsService } from '../leads/leads.service';
import { Activity } from './activity.entity';
import { DealsService } from './deals.service';
import { CreateActivityDto, ListActivitiesQuery, UpdateActivityDto } from './dto/activity.dto';

const ENTITY = 'Activity';

@Injectable()
export class ActivitiesService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deals: DealsService,
    private readonly companies: CompaniesService,
    private readonly leads: LeadsService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  private get activities() {
    return this.txHost.tx.getRepository(Activity);
  }

  list(query: ListActivitiesQuery): Promise<Page<Activity>> {
    const qb = this.activities.createQueryBuilder('a');
    if (query.companyId) qb.andWhere('a.companyId = :companyId', { companyId: query.companyId });
    if (query.dealId) qb.andWhere('a.dealId = :dealId', { dealId: query.dealId });
    if (query.type) qb.andWhere('a.type = :type', { type: query.type });
    return paginate(qb, query, {
      sortable: { occurredAt: { column: 'a.occurredAt', property: 'occurredAt' } },
      defaultSort: '-occurredAt',
      idColumn: 'a.id',
    });
  }

  async get(id: string): Promise<Activity> {
    const activity = await this.activities.findOneBy({ id });
    if (!activity) throw notFound(ENTITY, id);
    return activity;
  }

  /** Logs an activity; working a firm also restarts its leads' protection period (公海). */
  @Transactional()
  async create(principal: Principal, dto: CreateActivityDto): Promise<Activity> {
    let companyId = dto.companyId;
    if (dto.dealId) {
      const deal = await this.deals.get(dto.dealId);
      if (companyId && companyId !== deal.companyId) {
        throw new ProblemException('VALIDATION_FAILED', 'The deal belongs to another company', {
          errors: [fieldError('companyId', 'not_the_deals_company', 'must be the deal’s company')],
        });
      }
      companyId = deal.companyId;
    }
    if (!companyId) {
      throw new ProblemException('VALIDATION_FAILED', 'Say what the activity is about', {
        errors: [fieldError('companyId', 'company_or_deal_required', 'give companyId or dealId')],
      });
    }
    const company = await this.companies.get(companyId);
    this.policy.assert(principal, 'create', ENTITY, { companyOwnerId: company.ownerId });
    const saved = await this.activities.save(
      this.activities.create({
        type: dto.type,
        subject: dto.subject,
        body: dto.body ?? null,
        occurredAt: dto.occurredAt ? new Date(dto.occurredAt) : new Date(),
        companyId,
        dealId: dto.dealId ?? null,
        authorId: principal.id,
      }),
    );
    await this.leads.markWorkedByOwner(companyId, principal.id);
    const activity = await this.get(saved.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: activity.id,
      action: 'create',
      after: activity,
    });
    return activity;
  }

  @Transactional()
  async update(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateActivityDto,
  ): Promise<Activity> {
    this.policy.assert(principal, 'update', ENTITY, await this.get(id));
    const changes = { ...dto, ...(dto.occurredAt ? { occurredAt: new Date(dto.occurredAt) } : {}) };
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Activity,
      ENTITY,
      id,
      version,
      changes,
    );
    await this.audit.record({ entityType: ENTITY, entityId: id, action: 'update', before, after });
    return after;
  }

  @Transactional()
  async remove(principal: Principal, id: string, version: number): Promise<void> {
    this.policy.assert(principal, 'delete', ENTITY, await this.get(id));
    const { before, after } = await updateVersioned(this.txHost.tx, Activity, ENTITY, id, version, {
      deletedAt: () => 'now()',
    });
    await this.audit.record({ entityType: ENTITY, entityId: id, action: 'delete', before, after });
  }
}
