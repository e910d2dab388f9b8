import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { updateVersioned } from '../common/concurrency/versioned-update';
import { notFound } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import type { Principal } from '../auth/roles';
import { ListNotificationGroupsQuery, ListNotificationsQuery } from './dto/notification.dto';
import { Notification, type NotificationData } from './notification.entity';

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  entityType?: string;
  entityId?: string;
  /** Extra facts for clients; `subject` names what it is about (a task's title, a firm's name). */
  data?: NotificationData;
}

@Injectable()
export class NotificationsService {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get notifications() {
    return this.txHost.tx.getRepository(Notification);
  }

  /** Inserts notifications in the caller's transaction (one statement for many). */
  async notify(items: NewNotification[]): Promise<void> {
    if (items.length === 0) return;
    await this.notifications.insert(
      items.map((item) => ({
        userId: item.userId,
        kind: item.kind,
        title: item.title.slice(0, 200),
        entityType: item.entityType ?? null,
        entityId: item.entityId ?? null,
        data: item.data ?? {},
      })),
    );
  }

  /** The caller's own inbox, newest first. */
  list(principal: Principal, query: ListNotificationsQuery): Promise<Page<Notification>> {
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: principal.id });
    if (query.unread) qb.andWhere('n.readAt IS NULL');
    if (query.group) qb.andWhere('n.kind = :group', { group: query.group });
    return paginate(qb, query, {
      sortable: { createdAt: { column: 'n.createdAt', property: 'createdAt' } },
      defaultSort: '-createdAt',
      idColumn: 'n.id',
    });
  }

  /** The caller's notifications by group, newest group first, each with its newest notification. */
  async groups(
    principal: Principal,
    query: ListNotificationGroupsQuery,
  ): Promise<{ group: string; count: number; unread: number; latest: Notification }[]> {
    const qb = this.notifications
      .createQueryBuilder('n')
      .distinctOn(['n.kind'])
      .where('n.userId = :userId', { userId: principal.id })
      .orderBy('n.kind')
      .addOrderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC');
    if (query.unread) qb.andWhere('n.readAt IS NULL');
    const counts = this.notifications
      .createQueryBuilder('n')
      .select('n.kind', 'kind')
      .addSelect('count(*)::int', 'count')
      .addSelect('(count(*) FILTER (WHERE n.readAt IS NULL))::int', 'unread')
      .where('n.userId = :userId', { userId: principal.id })
      .groupBy('n.kind');
    if (query.unread) counts.andWhere('n.readAt IS NULL');
    const [latest, totals] = await Promise.all([
      qb.getMany(),
      counts.getRawMany<{ kind: string; count: number; unread: number }>(),
    ]);
    const byKind = new Map(totals.map((row) => [row.kind, row]));
    return latest
      .map((notification) => ({
        group: notification.kind,
        count: byKind.get(notification.kind)?.count ?? 0,
        unread: byKind.get(notification.kind)?.unread ?? 0,
        latest: notification,
      }))
      .sort((a, b) => b.latest.createdAt.getTime() - a.latest.createdAt.getTime());
  }

  /** Marks every unread notification of the caller read, or those of one group. */
  @Transactional()
  async markAllRead(principal: Principal, group?: string): Promise<number> {
    const update = this.notifications
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'now()', version: () => 'version + 1' })
      .where('userId = :userId AND readAt IS NULL', { userId: principal.id });
    if (group) update.andWhere('kind = :group', { group });
    return (await update.execute()).affected ?? 0;
  }

  @Transactional()
  async markRead(
    principal: Principal,
    id: string,
    version: number,
    read: boolean,
  ): Promise<Notification> {
    const own = await this.notifications.findOneBy({ id, userId: principal.id });
    if (!own) throw notFound('Notification', id);
    const { after } = await updateVersioned(
      this.txHost.tx,
      Notification,
      'Notification',
      id,
      version,
      {
        readAt: read ? () => 'coalesce(read_at, now())' : null,
      },
    );
    return after;
  }
}
