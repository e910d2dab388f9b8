import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { UsersService } from '../auth/users/users.service';
import { updateVersioned, versionMismatch } from '../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import { DealsService } from '../pipeline/deals.service';
import { TasksService } from '../pipeline/tasks.service';
import { SpacesService } from '../spaces/spaces.service';
import {
  CancelSiteVisitDto,
  CompleteSiteVisitDto,
  CreateSiteVisitDto,
  ListSiteVisitsQuery,
  UpdateSiteVisitDto,
} from './dto/site-visit.dto';
import { SiteVisitHost } from './site-visit-host.entity';
import { SiteVisit } from './site-visit.entity';

const ENTITY = 'SiteVisit';
const MAX_HOURS = 12;

export interface VisitWithHosts {
  visit: SiteVisit;
  hostIds: string[];
}

@Injectable()
export class SiteVisitsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deals: DealsService,
    private readonly tasks: TasksService,
    private readonly users: UsersService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly spaces: SpacesService,
  ) {}

  private get visits() {
    return this.txHost.tx.getRepository(SiteVisit);
  }

  private get hosts() {
    return this.txHost.tx.getRepository(SiteVisitHost);
  }

  async list(query: ListSiteVisitsQuery): Promise<Page<VisitWithHosts>> {
    const qb = this.visits.createQueryBuilder('v');
    if (query.from) qb.andWhere('v.startsAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('v.startsAt < :to', { to: query.to });
    if (query.dealId) qb.andWhere('v.dealId = :dealId', { dealId: query.dealId });
    if (query.status) qb.andWhere('v.status = :status', { status: query.status });
    if (query.hostId)
      qb.andWhere('v.id IN (SELECT visit_id FROM site_visit_hosts WHERE user_id = :hostId)', {
        hostId: query.hostId,
      });
    const page = await paginate(qb, query, {
      sortable: { startsAt: { column: 'v.startsAt', property: 'startsAt' } },
      defaultSort: 'startsAt',
      idColumn: 'v.id',
    });
    const hosts = page.data.length
      ? await this.hosts.findBy(page.data.map((v) => ({ visitId: v.id })))
      : [];
    return {
      ...page,
      data: page.data.map((visit) => ({
        visit,
        hostIds: hosts.filter((h) => h.visitId === visit.id).map((h) => h.userId),
      })),
    };
  }

  async get(id: string): Promise<VisitWithHosts> {
    const visit = await this.visits.findOneBy({ id });
    if (!visit) throw notFound(ENTITY, id);
    const hosts = await this.hosts.findBy({ visitId: id });
    return { visit, hostIds: hosts.map((h) => h.userId) };
  }

  /** Books a visit; a host or a place already booked for an overlapping time is a 409 OVERLAP. */
  @Transactional()
  async create(principal: Principal, dto: CreateSiteVisitDto): Promise<VisitWithHosts> {
    const deal = await this.deals.get(dto.dealId);
    this.policy.assert(principal, 'update', 'Deal', deal);
    const { startsAt, endsAt } = this.checkTimes(dto.startsAt, dto.endsAt);
    await this.checkPlace(dto.placeType, dto.placeId);
    for (const hostId of dto.hostIds)
      await this.users.requireActive(hostId, ['promoter', 'manager', 'admin'], 'hostIds');
    const id = await this.booking(async () => {
      const saved = await this.visits.save(
        this.visits.create({
          dealId: deal.id,
          startsAt,
          endsAt,
          placeType: dto.placeType,
          placeId: dto.placeId ?? null,
          placeLabel: dto.placeLabel ?? null,
          visitors: dto.visitors ?? [],
          createdById: principal.id,
        }),
      );
      await this.hosts.insert(
        dto.hostIds.map((userId) => ({ visitId: saved.id, userId, startsAt, endsAt })),
      );
      return saved.id;
    });
    const created = await this.get(id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'create',
      after: { ...created.visit, hostIds: created.hostIds },
    });
    return created;
  }

  @Transactional()
  async reschedule(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateSiteVisitDto,
  ): Promise<VisitWithHosts> {
    const current = await this.scheduled(principal, id, version);
    const { startsAt, endsAt } = this.checkTimes(
      dto.startsAt ?? current.visit.startsAt.toISOString(),
      dto.endsAt ?? current.visit.endsAt.toISOString(),
    );
    await this.checkPlace(
      dto.placeType ?? current.visit.placeType,
      dto.placeId === undefined ? current.visit.placeId : dto.placeId,
    );
    const hostIds = dto.hostIds ?? current.hostIds;
    for (const hostId of dto.hostIds ?? [])
      await this.users.requireActive(hostId, ['promoter', 'manager', 'admin'], 'hostIds');
    const { hostIds: _h, startsAt: _s, endsAt: _e, ...fields } = dto;
    await this.booking(async () => {
      await updateVersioned(this.txHost.tx, SiteVisit, ENTITY, id, version, {
        ...fields,
        startsAt,
        endsAt,
      });
      await this.hosts.delete({ visitId: id });
      await this.hosts.insert(hostIds.map((userId) => ({ visitId: id, userId, startsAt, endsAt })));
      return id;
    });
    const after = await this.get(id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'update',
      before: { ...current.visit, hostIds: current.hostIds },
      after: { ...after.visit, hostIds: after.hostIds },
    });
    return after;
  }

  /** Records the outcome; optionally opens a follow-up task for the deal's owner. */
  @Transactional()
  async complete(
    principal: Principal,
    id: string,
    version: number,
    dto: CompleteSiteVisitDto,
  ): Promise<VisitWithHosts> {
    const current = await this.scheduled(principal, id, version);
    this.assertStarted(current.visit);
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      SiteVisit,
      ENTITY,
      id,
      version,
      {
        status: 'completed',
        interest: dto.interest,
        outcomeNotes: dto.notes ?? null,
        nextStep: dto.nextStep ?? null,
      },
    );
    if (dto.followUpTask) {
      const deal = await this.deals.get(current.visit.dealId);
      await this.tasks.create(principal, {
        ...dto.followUpTask,
        dealId: deal.id,
        assigneeId: deal.ownerId,
      });
    }
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'complete',
      before,
      after,
    });
    return this.get(id);
  }

  @Transactional()
  async cancel(
    principal: Principal,
    id: string,
    version: number,
    dto: CancelSiteVisitDto,
  ): Promise<VisitWithHosts> {
    return this.close(principal, id, version, 'cancelled', dto.reason);
  }

  @Transactional()
  async noShow(principal: Principal, id: string, version: number): Promise<VisitWithHosts> {
    // Who may change it first: a caller without the right learns nothing of the visit's state.
    this.assertStarted((await this.scheduled(principal, id, version)).visit);
    return this.close(principal, id, version, 'no_show', null);
  }

  /** A cancelled or missed visit frees its hosts and its place. */
  private async close(
    principal: Principal,
    id: string,
    version: number,
    status: 'cancelled' | 'no_show',
    reason: string | null,
  ) {
    await this.scheduled(principal, id, version);
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      SiteVisit,
      ENTITY,
      id,
      version,
      { status, cancelReason: reason },
    );
    await this.hosts.update({ visitId: id }, { active: false });
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: status === 'cancelled' ? 'cancel' : 'no_show',
      before,
      after,
      reason,
    });
    return this.get(id);
  }

  private async scheduled(
    principal: Principal,
    id: string,
    version: number,
  ): Promise<VisitWithHosts> {
    const current = await this.get(id);
    const deal = await this.deals.get(current.visit.dealId);
    const isHost = current.hostIds.includes(principal.id);
    if (!isHost) this.policy.assert(principal, 'update', 'Deal', deal);
    if (current.visit.version !== version)
      throw versionMismatch(ENTITY, id, current.visit.version, version);
    if (current.visit.status !== 'scheduled') {
      throw new ProblemException(
        'VISIT_NOT_SCHEDULED',
        `The visit is ${current.visit.status}; only a scheduled visit can change`,
      );
    }
    return current;
  }

  private assertStarted(visit: SiteVisit): void {
    if (visit.startsAt.getTime() > Date.now()) {
      throw new ProblemException(
        'VISIT_NOT_STARTED',
        'The visit has not started yet: record its outcome once it has taken place',
      );
    }
  }

  /** A building or unit is named by its id: without one, every such visit would share one "place". */
  private async checkPlace(placeType: string, placeId: string | null | undefined): Promise<void> {
    if ((placeType === 'building' || placeType === 'unit') && !placeId) {
      throw new ProblemException('VALIDATION_FAILED', `A visit to a ${placeType} names it`, {
        errors: [fieldError('placeId', 'place_required', `is required for a ${placeType}`)],
      });
    }
    const lookup =
      placeType === 'unit'
        ? this.spaces.unit(placeId!)
        : placeType === 'building'
          ? this.spaces.building(placeId!)
          : null;
    if (lookup) {
      await lookup.catch(() => {
        throw new ProblemException('REFERENCE_NOT_FOUND', `No ${placeType} ${placeId}`, {
          errors: [fieldError('placeId', 'not_found', `is not a ${placeType} of the park`)],
        });
      });
    }
  }

  private checkTimes(start: string, end: string): { startsAt: Date; endsAt: Date } {
    const startsAt = new Date(start);
    const endsAt = new Date(end);
    const hours = (endsAt.getTime() - startsAt.getTime()) / 3_600_000;
    if (!(hours > 0) || hours > MAX_HOURS) {
      throw new ProblemException(
        'VALIDATION_FAILED',
        `A visit ends after it starts and lasts at most ${MAX_HOURS} hours`,
        {
          errors: [
            fieldError(
              'endsAt',
              'visit_too_long',
              `must be after startsAt and within ${MAX_HOURS} hours`,
            ),
          ],
        },
      );
    }
    return { startsAt, endsAt };
  }

  /** Runs the writes of a booking, turning the exclusion constraints' refusals into clear 409s. */
  private async booking(write: () => Promise<string>): Promise<string> {
    try {
      return await write();
    } catch (error) {
      const constraint = (
        error instanceof QueryFailedError
          ? (error.driverError as { constraint?: string })
          : undefined
      )?.constraint;
      if (constraint === 'ex_site_visit_hosts_overlap') {
        throw new ProblemException('OVERLAP', 'A host already has a visit at that time', {
          errors: [
            fieldError(
              'hostIds',
              'host_booked',
              'a host is already booked for an overlapping time',
            ),
          ],
        });
      }
      if (constraint === 'ex_site_visits_place') {
        throw new ProblemException('OVERLAP', 'The place is already booked at that time', {
          errors: [
            fieldError(
              'placeId',
              'place_booked',
              'the place is already booked for an overlapping time',
            ),
          ],
        });
      }
      throw error;
    }
  }
}
