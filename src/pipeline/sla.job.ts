import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { UsersService } from '../auth/users/users.service';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';

export const SLA_QUEUE = 'pipeline-sla-alerts';

/**
 * Every 15 minutes: deals past their stage's SLA and open tasks past due. Each breach is recorded
 * in sla_alerts (its key: the record and the stage entry or due time), so it is notified once,
 * however often the job runs and on however many instances.
 */
@Injectable()
export class SlaJob implements OnModuleInit {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly jobs: JobsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: SLA_QUEUE,
      cron: '*/15 * * * *',
      handler: async () => void (await this.scan()),
    });
  }

  @Transactional()
  async scan(): Promise<{ deals: number; tasks: number }> {
    const deals = await this.txHost.tx.query<
      { id: string; owner_id: string; title: string; stage: string }[]
    >(
      `WITH breached AS (
         SELECT d.id, d.owner_id, d.title, s.name AS stage, d.stage_entered_at
           FROM deals d JOIN stages s ON s.id = d.stage_id
          WHERE d.deleted_at IS NULL AND s.kind = 'open' AND s.sla_days IS NOT NULL
            AND d.stage_entered_at < now() - make_interval(days => s.sla_days)
            AND NOT EXISTS (SELECT 1 FROM sla_alerts a WHERE a.kind = 'deal_stage' AND a.entity_id = d.id AND a.breach_of = d.stage_entered_at)),
       fresh AS (
         INSERT INTO sla_alerts (kind, entity_id, breach_of)
         SELECT 'deal_stage', id, stage_entered_at FROM breached
         ON CONFLICT DO NOTHING RETURNING entity_id)
       SELECT b.id, b.owner_id, b.title, b.stage FROM breached b JOIN fresh f ON f.entity_id = b.id`,
    );
    const tasks = await this.txHost.tx.query<{ id: string; assignee_id: string; title: string }[]>(
      `WITH breached AS (
         SELECT id, assignee_id, title, due_at FROM tasks t WHERE status = 'open' AND deleted_at IS NULL AND due_at < now()
            AND NOT EXISTS (SELECT 1 FROM sla_alerts a WHERE a.kind = 'task_due' AND a.entity_id = t.id AND a.breach_of = t.due_at)),
       fresh AS (
         INSERT INTO sla_alerts (kind, entity_id, breach_of)
         SELECT 'task_due', id, due_at FROM breached ON CONFLICT DO NOTHING RETURNING entity_id)
       SELECT b.id, b.assignee_id, b.title FROM breached b JOIN fresh f ON f.entity_id = b.id`,
    );
    const managers = await this.users.activeIdsWithRoles(['manager']);
    await this.notifications.notify([
      ...deals.flatMap((deal) =>
        [...new Set([deal.owner_id, ...managers])].map((userId) => ({
          userId,
          kind: 'deal.sla_breached',
          title: `项目超期 / Deal over its stage SLA: ${deal.title} (${deal.stage})`,
          entityType: 'Deal',
          entityId: deal.id,
          data: { subject: deal.title, stage: deal.stage },
        })),
      ),
      ...tasks.flatMap((task) =>
        [...new Set([task.assignee_id, ...managers])].map((userId) => ({
          userId,
          kind: 'task.overdue',
          title: `任务逾期 / Task overdue: ${task.title}`,
          entityType: 'Task',
          entityId: task.id,
          data: { subject: task.title },
        })),
      ),
    ]);
    return { deals: deals.length, tasks: tasks.length };
  }
}
