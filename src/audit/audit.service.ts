import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { paginate } from '../common/pagination/keyset';
import { Page } from '../common/pagination/page';
import { RequestStore, SYSTEM_ACTOR } from '../common/request-context';
import { AuditEntry } from './audit-entry.entity';
import { ListAuditQuery } from './dto/list-audit.query';
import { fieldChanges } from './field-changes';

export interface AuditRecord {
  entityType: string;
  entityId: string;
  action: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService<RequestStore>,
  ) {}

  /** Appends an entry in the caller's transaction, so that it exists exactly when the change does. */
  async record(entry: AuditRecord): Promise<void> {
    await this.recordMany([entry]);
  }

  /** Appends entries for many records changed at once (a merge, a scheduled job) in one INSERT. */
  async recordMany(records: AuditRecord[]): Promise<void> {
    if (!this.txHost.isTransactionActive()) {
      throw new Error(
        `Audit of ${records[0]?.entityType} ${records[0]?.action} must run inside the change's transaction`,
      );
    }
    const actor = (this.cls.isActive() && this.cls.get('actor')) || SYSTEM_ACTOR;
    const requestId = this.cls.isActive() ? (this.cls.getId() ?? null) : null;
    const entries = this.txHost.tx.getRepository(AuditEntry);
    const rows = records
      .map((entry) => ({ entry, changes: fieldChanges(entry.before ?? null, entry.after ?? null) }))
      .filter(({ entry, changes }) => entry.action !== 'update' || Object.keys(changes).length > 0)
      .map(({ entry, changes }) =>
        entries.create({
          entityType: entry.entityType,
          entityId: entry.entityId,
          action: entry.action,
          actorType: actor.type,
          actorId: actor.id,
          requestId,
          changes,
          reason: entry.reason ?? null,
        }),
      );
    if (rows.length > 0) await entries.save(rows, { chunk: 500 });
  }

  async list(query: ListAuditQuery): Promise<Page<AuditEntry>> {
    const qb = this.txHost.tx.getRepository(AuditEntry).createQueryBuilder('audit');
    if (query.entityType)
      qb.andWhere('audit.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('audit.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('audit.actorId = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('audit.action = :action', { action: query.action });
    return paginate(qb, query, {
      sortable: { createdAt: { column: 'audit.createdAt', property: 'createdAt' } },
      defaultSort: '-createdAt',
      idColumn: 'audit.id',
    });
  }
}
