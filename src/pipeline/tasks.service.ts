import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { UsersService } from '../auth/users/users.service';
import { updateVersioned } from '../common/concurrency/versioned-update';
import { notFound } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import { NotificationsService } from '../notifications/notifications.service';
import { CompaniesService } from '../companies/companies.service';
import { DealsService } from './deals.service';
import { CreateTaskDto, ListTasksQuery, UpdateTaskDto } from './dto/activity.dto';
import { Task } from './task.entity';

const ENTITY = 'Task';

@Injectable()
export class TasksService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deals: DealsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
  ) {}

  private get tasks() {
    return this.txHost.tx.getRepository(Task);
  }

  list(query: ListTasksQuery): Promise<Page<Task>> {
    const qb = this.tasks.createQueryBuilder('t');
    if (query.assigneeId)
      qb.andWhere('t.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.dealId) qb.andWhere('t.dealId = :dealId', { dealId: query.dealId });
    if (query.companyId) qb.andWhere('t.companyId = :companyId', { companyId: query.companyId });
    if (query.overdue) qb.andWhere(`t.status = 'open' AND t.dueAt < now()`);
    return paginate(qb, query, {
      sortable: {
        dueAt: { column: 't.dueAt', property: 'dueAt' },
        createdAt: { column: 't.createdAt', property: 'createdAt' },
      },
      defaultSort: 'dueAt',
      idColumn: 't.id',
    });
  }

  async get(id: string): Promise<Task> {
    const task = await this.tasks.findOneBy({ id });
    if (!task) throw notFound(ENTITY, id);
    return task;
  }

  @Transactional()
  async create(principal: Principal, dto: CreateTaskDto): Promise<Task> {
    const assigneeId = dto.assigneeId ?? principal.id;
    if (dto.assigneeId)
      await this.users.requireActive(
        dto.assigneeId,
        ['promoter', 'manager', 'admin'],
        'assigneeId',
      );
    const companyId = dto.dealId
      ? (await this.deals.get(dto.dealId)).companyId
      : (dto.companyId ?? null);
    if (companyId) {
      const company = await this.companies.get(companyId);
      this.policy.assert(principal, 'create', ENTITY, { companyOwnerId: company.ownerId });
    }
    const saved = await this.tasks.save(
      this.tasks.create({
        title: dto.title,
        notes: dto.notes ?? null,
        dueAt: new Date(dto.dueAt),
        assigneeId,
        companyId,
        dealId: dto.dealId ?? null,
        createdById: principal.id,
      }),
    );
    if (assigneeId !== principal.id) {
      await this.notifications.notify([
        {
          userId: assigneeId,
          kind: 'task.assigned',
          title: `新任务 / New task: ${dto.title}`,
          entityType: ENTITY,
          entityId: saved.id,
          data: { subject: dto.title },
        },
      ]);
    }
    const task = await this.get(saved.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: task.id,
      action: 'create',
      after: task,
    });
    return task;
  }

  @Transactional()
  async update(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateTaskDto,
  ): Promise<Task> {
    const task = await this.get(id);
    this.policy.assert(principal, 'update', ENTITY, task);
    const changes: Record<string, unknown> = { ...dto };
    if (dto.dueAt) changes.dueAt = new Date(dto.dueAt);
    if (dto.status && dto.status !== task.status)
      changes.completedAt = dto.status === 'done' ? new Date() : null;
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Task,
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
    const { before, after } = await updateVersioned(this.txHost.tx, Task, ENTITY, id, version, {
      deletedAt: () => 'now()',
    });
    await this.audit.record({ entityType: ENTITY, entityId: id, action: 'delete', before, after });
  }
}
