import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { CompaniesService } from '../companies/companies.service';
import { notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import { containsText, escapeLike } from '../common/sql/like';
import type { Page } from '../common/pagination/page';
import { NotificationsService } from '../notifications/notifications.service';
import { ListConflictsQuery, ResolveConflictDto } from './dto/lead-conflict.dto';
import { LeadConflict } from './lead-conflict.entity';
import { Lead } from './lead.entity';

const ENTITY = 'LeadConflict';

/** Ownership conflicts (撞单) and the managers' decisions on them. */
@Injectable()
export class LeadConflictsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly companies: CompaniesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  private get conflicts() {
    return this.txHost.tx.getRepository(LeadConflict);
  }

  private withLeads() {
    return (
      this.conflicts
        .createQueryBuilder('conflict')
        .innerJoinAndSelect('conflict.lead', 'lead')
        .innerJoinAndSelect('lead.company', 'leadCompany')
        .innerJoinAndSelect('conflict.existingLead', 'existing')
        .innerJoinAndSelect('existing.company', 'existingCompany')
        // A conflict stays readable after either lead (or a company) was removed.
        .withDeleted()
    );
  }

  list(query: ListConflictsQuery): Promise<Page<LeadConflict>> {
    const qb = this.withLeads();
    if (query.status) qb.andWhere('conflict.status = :status', { status: query.status });
    if (query.leadId) qb.andWhere('conflict.leadId = :leadId', { leadId: query.leadId });
    if (query.q) {
      qb.andWhere(
        containsText(query.q, ['leadCompany.name', 'existingCompany.name'], {
          term: ':q',
          pattern: ':pattern',
        }),
        { q: query.q, pattern: escapeLike(query.q) },
      );
    }
    return paginate(qb, query, {
      sortable: { createdAt: { column: 'conflict.createdAt', property: 'createdAt' } },
      defaultSort: '-createdAt',
      idColumn: 'conflict.id',
    });
  }

  async get(id: string): Promise<LeadConflict> {
    const conflict = await this.withLeads().where('conflict.id = :id', { id }).getOne();
    if (!conflict) throw notFound(ENTITY, id);
    return conflict;
  }

  /**
   * Decides a conflict, in one transaction:
   * - keep_existing: the held lead is disqualified as a duplicate;
   * - transfer: the held lead is released to its owner, who takes the firm over; the existing lead closes;
   * - merge: the held lead folds into the existing one (its company too, when it was a separate record).
   */
  @Transactional()
  async resolve(principal: Principal, id: string, dto: ResolveConflictDto): Promise<LeadConflict> {
    await this.txHost.tx.query(`SELECT 1 FROM lead_conflicts WHERE id = $1 FOR UPDATE`, [id]);
    const conflict = await this.get(id);
    if (conflict.status !== 'open') {
      throw new ProblemException(
        'CONFLICT_ALREADY_RESOLVED',
        `The conflict was already resolved (${conflict.resolution})`,
      );
    }
    const held = conflict.lead!;
    const existing = conflict.existingLead!;
    const leads = this.txHost.tx.getRepository(Lead);
    const close = (leadId: string, reason: string) =>
      this.txHost.tx.query(
        `UPDATE leads SET status = 'disqualified', disqualify_reason = $2, on_hold = false, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [leadId, reason],
      );
    switch (dto.resolution) {
      case 'keep_existing':
        await close(held.id, `duplicate of lead ${existing.id}: the existing owner keeps the firm`);
        break;
      case 'transfer':
        if (existing.status === 'converted') {
          throw new ProblemException(
            'CONFLICT',
            'The existing lead became a deal that is still open: reassign the deal rather than the lead',
          );
        }
        await this.txHost.tx.query(
          `UPDATE leads SET on_hold = false, version = version + 1, updated_at = now() WHERE id = $1`,
          [held.id],
        );
        await close(existing.id, `transferred to lead ${held.id} by a manager`);
        await this.companies.setOwner(
          held.companyId,
          held.ownerId,
          `lead conflict ${id} resolved by transfer`,
        );
        // Other open conflicts with the old lead are now conflicts with the new owner's lead.
        await this.txHost.tx.query(
          `UPDATE lead_conflicts SET existing_lead_id = $2, version = version + 1, updated_at = now()
            WHERE existing_lead_id = $1 AND status = 'open' AND id <> $3`,
          [existing.id, held.id, id],
        );
        break;
      case 'merge':
        if (held.companyId !== existing.companyId)
          await this.companies.merge(existing.companyId, held.companyId);
        if (held.notes) {
          await leads.update(
            { id: existing.id },
            { notes: [existing.notes, held.notes].filter(Boolean).join('\n---\n') },
          );
        }
        await close(held.id, `merged into lead ${existing.id}`);
        break;
    }
    await this.conflicts.update({ id }, {
      status: 'resolved',
      resolution: dto.resolution,
      resolutionNote: dto.note ?? null,
      resolvedById: principal.id,
      resolvedAt: () => 'now()',
    } as never);
    const after = await this.get(id);
    const owners = [
      ...new Set(
        [held.ownerId, existing.ownerId].filter((owner): owner is string => Boolean(owner)),
      ),
    ];
    await this.notifications.notify(
      owners.map((userId) => ({
        userId,
        kind: 'lead.conflict_resolved',
        title: `撞单已处理 / Lead conflict resolved: ${dto.resolution}`,
        entityType: ENTITY,
        entityId: id,
        data: { subject: held.company?.name ?? null, resolution: dto.resolution },
      })),
    );
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'resolve',
      before: { status: 'open', resolution: null },
      after: { status: 'resolved', resolution: dto.resolution },
      reason: dto.note,
    });
    return after;
  }
}
