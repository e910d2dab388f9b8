import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { updateVersioned } from '../common/concurrency/versioned-update';
import { notFound } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import type { Principal } from '../auth/roles';
import { ListNotificationsQuery } from './dto/notification.dto';
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
    return paginate(qb, query, {
      sortable: { createdAt: { column: 'n.createdAt', property: 'createdAt' } },
      defaultSort: '-createdAt',
      idColumn: 'n.id',
    });
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
