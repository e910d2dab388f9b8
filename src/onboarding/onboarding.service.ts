import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { UsersService } from '../auth/users/users.service';
import { CompaniesService } from '../companies/companies.service';
import { updateVersioned } from '../common/concurrency/versioned-update';
import { notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate, type ListSpec } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import type { Deal } from '../pipeline/deal.entity';
import { DealsService } from '../pipeline/deals.service';
import {
  CreateTemplateDto,
  ListTemplatesQuery,
  TrackFilter,
  UpdateOnboardingTaskDto,
  UpdateTemplateDto,
} from './dto/onboarding.dto';
import { OnboardingTask } from './onboarding-task.entity';
import { OnboardingTemplate } from './onboarding-template.entity';
import { OnboardingTrack } from './onboarding-track.entity';
import { ONBOARDING_TASK_STARTED, type OnboardingTaskStarted } from './onboarding.events';

export interface TrackWithTasks extends OnboardingTrack {
  tasks: OnboardingTask[];
  companyName: string;
  dealTitle: string;
  dealOwnerId: string;
  templateName: string | null;
}

const TEMPLATE_LIST: ListSpec = {
  sortable: {
    name: { column: 'tp.name', property: 'name' },
    isDefault: { column: 'tp.isDefault', property: 'isDefault' },
    createdAt: { column: 'tp.createdAt', property: 'createdAt' },
    updatedAt: { column: 'tp.updatedAt', property: 'updatedAt' },
  },
  defaultSort: 'name',
  idColumn: 'tp.id',
};

/** Tracks: newest first unless asked otherwise (index on created_at, id). */
const TRACK_LIST: ListSpec = {
  sortable: {
    createdAt: { column: 't.createdAt', property: 'createdAt' },
    updatedAt: { column: 't.updatedAt', property: 'updatedAt' },
    status: { column: 't.status', property: 'status' },
    companyName: { column: 'c.name', property: 'company.name' },
    dealTitle: { column: 'd.title', property: 'deal.title' },
  },
  defaultSort: '-createdAt',
  idColumn: 't.id',
};

/**
 * Onboarding (入驻): a signed deal gets a track of tasks from the default template; its first task
 * done moves the deal to Onboarding, every required task done moves it to Tenant and makes the
 * company a tenant, in the same transaction.
 */
@Injectable()
export class OnboardingService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deals: DealsService,
    private readonly companies: CompaniesService,
    private readonly users: UsersService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  private repo<T extends object>(entity: new () => T) {
    return this.txHost.tx.getRepository(entity);
  }

  templates(query: ListTemplatesQuery = {}): Promise<Page<OnboardingTemplate>> {
    return paginate(this.repo(OnboardingTemplate).createQueryBuilder('tp'), query, TEMPLATE_LIST);
  }

  async template(id: string): Promise<OnboardingTemplate> {
    const template = await this.repo(OnboardingTemplate).findOneBy({ id });
    if (!template) throw notFound('OnboardingTemplate', id);
    return template;
  }

  @Transactional()
  async createTemplate(dto: CreateTemplateDto): Promise<OnboardingTemplate> {
    const saved = await this.repo(OnboardingTemplate).save(
      this.repo(OnboardingTemplate).create({ name: dto.name, tasks: dto.tasks }),
    );
    await this.audit.record({
      entityType: 'OnboardingTemplate',
      entityId: saved.id,
      action: 'create',
      after: saved,
    });
    return saved;
  }

  @Transactional()
  async updateTemplate(
    id: string,
    version: number,
    dto: UpdateTemplateDto,
  ): Promise<OnboardingTemplate> {
    const changes = {
      ...(dto.name ? { name: dto.name } : {}),
      ...(dto.tasks ? { tasks: dto.tasks as never } : {}),
    };
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      OnboardingTemplate,
      'OnboardingTemplate',
      id,
      version,
      changes,
    );
    await this.audit.record({
      entityType: 'OnboardingTemplate',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  /** A page of tracks, newest first unless sorted otherwise, each with its tasks. */
  async tracks(filter: TrackFilter): Promise<Page<TrackWithTasks>> {
    const qb = this.repo(OnboardingTrack)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.deal', 'd')
      .innerJoinAndSelect('t.company', 'c');
    if (filter.dealId) qb.andWhere('t.dealId = :dealId', { dealId: filter.dealId });
    if (filter.companyId) qb.andWhere('t.companyId = :companyId', { companyId: filter.companyId });
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    const page = await paginate(qb, filter, TRACK_LIST);
    return { ...page, data: await this.withTasks(page.data) };
  }

  async track(id: string): Promise<TrackWithTasks> {
    const track = await this.repo(OnboardingTrack).findOne({
      where: { id },
      relations: { deal: true, company: true },
    });
    if (!track) throw notFound('OnboardingTrack', id);
    const [withTasks] = await this.withTasks([track]);
    return withTasks;
  }

  /** Tracks with their tasks in order, and the deal, company and template named: two more queries. */
  private async withTasks(tracks: OnboardingTrack[]): Promise<TrackWithTasks[]> {
    if (tracks.length === 0) return [];
    const tasks = await this.repo(OnboardingTask).find({
      where: { trackId: In(tracks.map((t) => t.id)) },
      order: { position: 'ASC' },
    });
    const templateIds = [...new Set(tracks.map((t) => t.templateId).filter((id) => id !== null))];
    const templates = templateIds.length
      ? await this.repo(OnboardingTemplate).find({
          where: { id: In(templateIds) },
          select: { id: true, name: true },
        })
      : [];
    return tracks.map(({ deal, company, ...track }) => ({
      ...track,
      tasks: tasks.filter((task) => task.trackId === track.id),
      companyName: company?.name ?? '',
      dealTitle: deal?.title ?? '',
      dealOwnerId: deal?.ownerId ?? '',
      templateName: templates.find((t) => t.id === track.templateId)?.name ?? null,
    }));
  }

  /** Whether a deal's onboarding has begun (a task done) and is complete (every required task done). */
  async progress(dealId: string): Promise<{ started: boolean; complete: boolean }> {
    const [row] = await this.txHost.tx.query<{ started: boolean; complete: boolean }[]>(
      `SELECT bool_or(k.status = 'done') AS started, bool_and(k.status = 'done') FILTER (WHERE k.required) AS complete
         FROM onboarding_tracks t JOIN onboarding_tasks k ON k.track_id = t.id WHERE t.deal_id = $1`,
      [dealId],
    );
    return { started: Boolean(row?.started), complete: Boolean(row?.complete) };
  }

  /** Opens the track of a deal that entered Signed (once), and marks the company signed. */
  async open(deal: Deal): Promise<void> {
    const exists = await this.repo(OnboardingTrack).existsBy({ dealId: deal.id });
    await this.companies.promote(deal.companyId, 'signed', `deal ${deal.id} signed`);
    if (exists) return;
    const template = await this.repo(OnboardingTemplate).findOneBy({ isDefault: true });
    const track = await this.repo(OnboardingTrack).save(
      this.repo(OnboardingTrack).create({
        dealId: deal.id,
        companyId: deal.companyId,
        templateId: template?.id ?? null,
      }),
    );
    const due = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    await this.repo(OnboardingTask).insert(
      (template?.tasks ?? []).map((task, position) => ({
        trackId: track.id,
        position: position + 1,
        code: task.code,
        name: task.name,
        nameEn: task.nameEn,
        required: task.required,
        dueDate: due(task.dueDays),
        assigneeId: deal.ownerId,
      })),
    );
    await this.audit.record({
      entityType: 'OnboardingTrack',
      entityId: track.id,
      action: 'open',
      after: track,
    });
  }

  @Transactional()
  async updateTask(
    principal: Principal,
    trackId: string,
    taskId: string,
    version: number,
    dto: UpdateOnboardingTaskDto,
  ): Promise<TrackWithTasks> {
    await this.txHost.tx.query(`SELECT 1 FROM onboarding_tracks WHERE id = $1 FOR UPDATE`, [
      trackId,
    ]);
    const track = await this.track(trackId);
    const deal = await this.deals.get(track.dealId);
    this.policy.assert(principal, 'update', 'Onboarding', { dealOwnerId: deal.ownerId });
    const task = track.tasks.find((t) => t.id === taskId);
    if (!task) throw notFound('OnboardingTask', taskId);
    if (deal.closedAt)
      throw new ProblemException(
        'CONFLICT',
        'The deal is closed: its onboarding can no longer change',
      );
    if (track.status === 'completed')
      throw new ProblemException('CONFLICT', 'The onboarding is already complete');
    if (dto.assigneeId)
      await this.users.requireActive(
        dto.assigneeId,
        ['promoter', 'manager', 'admin'],
        'assigneeId',
      );
    const changes: Record<string, unknown> = { ...dto };
    if (dto.status) changes.doneAt = dto.status === 'done' ? new Date() : null;
    const before = await this.changeTask(taskId, version, changes);
    if (dto.status === 'in_progress' && before.status !== 'in_progress')
      await this.events.emitAsync(ONBOARDING_TASK_STARTED, {
        taskId,
        code: task.code,
        trackId,
        dealId: deal.id,
        companyId: deal.companyId,
      } satisfies OnboardingTaskStarted);
    await this.advance(trackId, deal);
    return this.track(trackId);
  }

  /**
   * Marks a task done for a reason outside anyone's hands (the compute center activated the
   * account), and moves the deal on as a person's change would.
   */
  @Transactional()
  async completeTask(taskId: string, reason: string): Promise<void> {
    const task = await this.repo(OnboardingTask).findOneBy({ id: taskId });
    if (!task || task.status === 'done') return;
    await this.txHost.tx.query(`SELECT 1 FROM onboarding_tracks WHERE id = $1 FOR UPDATE`, [
      task.trackId,
    ]);
    const track = await this.track(task.trackId);
    const deal = await this.deals.get(track.dealId);
    if (deal.closedAt || track.status === 'completed') return;
    await this.changeTask(taskId, task.version, { status: 'done', doneAt: new Date() }, reason);
    await this.advance(task.trackId, deal);
  }

  /** Changes a task at its version and audits it; returns the task as it was. */
  private async changeTask(
    taskId: string,
    version: number,
    changes: Record<string, unknown>,
    reason?: string,
  ): Promise<OnboardingTask> {
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      OnboardingTask,
      'OnboardingTask',
      taskId,
      version,
      changes,
    );
    await this.audit.record({
      entityType: 'OnboardingTask',
      entityId: taskId,
      action: 'update',
      before,
      after,
      reason,
    });
    return before;
  }

  /** Moves the deal on as the track progresses; the last required task makes the firm a tenant. */
  private async advance(trackId: string, deal: Deal): Promise<void> {
    const tasks = await this.repo(OnboardingTask).findBy({ trackId });
    if (tasks.some((t) => t.status === 'done'))
      await this.deals.advance(deal.id, 'onboarding', 'the first onboarding task is done');
    const required = tasks.filter((t) => t.required);
    if (required.length > 0 && required.every((t) => t.status === 'done')) {
      await this.repo(OnboardingTrack).update(
        { id: trackId },
        { status: 'completed', completedAt: new Date() },
      );
      await this.deals.advance(deal.id, 'tenant', 'every required onboarding task is done');
      await this.companies.promote(
        deal.companyId,
        'tenant',
        `onboarding of deal ${deal.id} complete`,
      );
      await this.audit.record({
        entityType: 'OnboardingTrack',
        entityId: trackId,
        action: 'complete',
        after: { status: 'completed' },
      });
    }
  }
}
