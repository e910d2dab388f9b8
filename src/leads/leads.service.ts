import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { UsersService } from '../auth/users/users.service';
import { CompaniesService } from '../companies/companies.service';
import { escapeLike } from '../common/sql/like';
import type { CompanyMatch } from '../companies/company-matcher';
import type { Company } from '../companies/company.entity';
import { normaliseCompanyName } from '../companies/company-name';
import { ContactsService } from '../companies/contacts.service';
import { updateVersioned } from '../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import type { Environment } from '../config/environment';
import { NotificationsService } from '../notifications/notifications.service';
import { AssignLeadDto, CreateLeadDto, ListLeadsQuery, UpdateLeadDto } from './dto/lead.dto';
import { FirmClaims } from './firm-claims';
import { LeadConflict, type ConflictMatch } from './lead-conflict.entity';
import { Lead } from './lead.entity';
import { ACTIVE_LEAD_STATUSES, LEAD_TRANSITIONS } from './lead.enums';

const ENTITY = 'Lead';
const EXPORT_PAGE = 1000;
const ASSIGNABLE_ROLES = ['promoter', 'manager', 'admin'] as const;

export interface ExistingClaim {
  lead: Lead;
  match: ConflictMatch;
  similarity: number | null;
}

@Injectable()
export class LeadsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly policy: PolicyService,
    private readonly config: ConfigService<Environment, true>,
    private readonly claims: FirmClaims,
  ) {}

  private get leads() {
    return this.txHost.tx.getRepository(Lead);
  }

  list(query: ListLeadsQuery, withOwner = false): Promise<Page<Lead>> {
    const qb = this.leads.createQueryBuilder('l').innerJoinAndSelect('l.company', 'company');
    if (withOwner) qb.leftJoinAndSelect('l.owner', 'owner');
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    if (query.source) qb.andWhere('l.source = :source', { source: query.source });
    if (query.ownerId) qb.andWhere('l.ownerId = :ownerId', { ownerId: query.ownerId });
    if (query.companyId) qb.andWhere('l.companyId = :companyId', { companyId: query.companyId });
    if (query.pool)
      qb.andWhere('l.ownerId IS NULL AND l.status IN (:...active)', {
        active: ACTIVE_LEAD_STATUSES,
      });
    if (query.onHold !== undefined) qb.andWhere('l.onHold = :onHold', { onHold: query.onHold });
    if (query.q)
      qb.andWhere('(company.name ILIKE :q OR company.nameEn ILIKE :q)', { q: escapeLike(query.q) });
    return paginate(qb, query, {
      sortable: {
        updatedAt: { column: 'l.updatedAt', property: 'updatedAt' },
        createdAt: { column: 'l.createdAt', property: 'createdAt' },
        lastActivityAt: { column: 'l.lastActivityAt', property: 'lastActivityAt' },
      },
      defaultSort: '-updatedAt',
      idColumn: 'l.id',
    });
  }

  /** Every lead matching the filters, a page at a time, with company and owner (for CSV export). */
  async *exportPages(query: ListLeadsQuery): AsyncGenerator<Lead[]> {
    let cursor: string | undefined;
    do {
      const page = await this.list(
        { ...query, limit: EXPORT_PAGE, cursor, withTotal: false },
        true,
      );
      yield page.data;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async get(id: string): Promise<Lead> {
    // Not findOne with relations: its LIMIT 1 with a join takes two statements (ids, then rows).
    const lead = await this.leads
      .createQueryBuilder('l')
      .leftJoinAndSelect('l.company', 'company')
      .where('l.id = :id', { id })
      .getOne();
    if (!lead) throw notFound(ENTITY, id);
    return lead;
  }

  /**
   * Creates a lead owned by its creator, on an existing company or on the firm typed inline (an
   * existing company with the same credit code or normalised name is reused, never duplicated).
   * When another promoter already works the firm (or a near name), the lead is held as a conflict.
   */
  @Transactional()
  async create(
    principal: Principal,
    dto: CreateLeadDto,
  ): Promise<{ lead: Lead; conflict: LeadConflict | null }> {
    if (Boolean(dto.companyId) === Boolean(dto.company)) {
      throw new ProblemException(
        'VALIDATION_FAILED',
        'Give either companyId or company, not both',
        {
          errors: [
            fieldError(
              dto.companyId ? 'company' : 'companyId',
              'one_of_company_or_id',
              'give either companyId or company',
            ),
          ],
        },
      );
    }
    const { company, matches } = await this.resolveCompany(principal, dto);
    await this.companies.lockForClaim([company.id, ...matches.map((m) => m.company.id)]);
    if (dto.contact) {
      // On a firm another promoter owns, the contact is added but never displaces their primary one.
      const own = !company.ownerId || company.ownerId === principal.id;
      await this.contacts.create(null, company.id, {
        ...dto.contact,
        isPrimary: own ? dto.contact.isPrimary : false,
      });
    }
    const saved = await this.leads.save(
      this.leads.create({
        companyId: company.id,
        source: dto.source,
        sourceDetail: dto.sourceDetail ?? null,
        notes: dto.notes ?? null,
        ownerId: principal.id,
        ownerAssignedAt: new Date(),
        createdById: principal.id,
      }),
    );
    const claim = await this.existingClaim(company.id, matches, principal.id);
    const conflict = claim ? await this.holdAsConflict(saved.id, claim) : null;
    // Nobody else works the firm: the creator now owns the relationship.
    if (!claim)
      await this.companies.setOwner(
        company.id,
        principal.id,
        'took a lead on a firm nobody else works',
      );
    const lead = await this.get(saved.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: lead.id,
      action: 'create',
      after: { ...lead, company: undefined },
    });
    return { lead, conflict };
  }

  private async resolveCompany(
    principal: Principal,
    dto: CreateLeadDto,
  ): Promise<{ company: Company; matches: CompanyMatch[] }> {
    if (dto.companyId) return { company: await this.companies.get(dto.companyId), matches: [] };
    const inline = dto.company!;
    // Serialise creations of the same firm, so that two promoters typing it at once see each other.
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext('company:' || $1))`, [
      normaliseCompanyName(inline.name),
    ]);
    if (inline.creditCode)
      await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext('credit:' || $1))`, [
        inline.creditCode,
      ]);
    const matches = await this.companies.matches({
      name: inline.name,
      creditCode: inline.creditCode,
    });
    const same = matches.find((m) => m.match !== 'similar_name');
    if (same) return { company: same.company, matches };
    return { company: await this.companies.create(inline, null, principal.id), matches };
  }

  /** An active lead of another owner on this company, or on a company with a near name. */
  async existingClaim(
    companyId: string,
    similar: CompanyMatch[],
    ownerId: string | null,
  ): Promise<ExistingClaim | null> {
    const candidates = [
      { companyId, match: 'name' as ConflictMatch, similarity: null as number | null },
      ...similar
        .filter((m) => m.company.id !== companyId)
        .map((m) => ({ companyId: m.company.id, match: m.match, similarity: m.similarity })),
    ];
    const leads = await this.leads
      .createQueryBuilder('l')
      .where('l.companyId IN (:...ids)', { ids: candidates.map((c) => c.companyId) })
      .andWhere(this.claims.sql)
      .andWhere('l.deletedAt IS NULL')
      .andWhere('l.ownerId IS NOT NULL')
      .andWhere(ownerId ? 'l.ownerId <> :ownerId' : '1 = 1', { ownerId })
      .orderBy('l.createdAt', 'ASC')
      .getMany();
    for (const candidate of candidates) {
      const lead = leads.find((l) => l.companyId === candidate.companyId);
      if (lead) {
        const direct = candidate.companyId === companyId;
        return {
          lead,
          match: direct
            ? (similar.find((m) => m.company.id === companyId)?.match ?? 'name')
            : candidate.match,
          similarity: candidate.similarity,
        };
      }
    }
    return null;
  }

  /** Puts a lead on hold behind an open conflict and tells the managers. */
  async holdAsConflict(leadId: string, claim: ExistingClaim): Promise<LeadConflict> {
    await this.leads.update({ id: leadId }, { onHold: true });
    const conflicts = this.txHost.tx.getRepository(LeadConflict);
    const conflict = await conflicts.save(
      conflicts.create({
        leadId,
        existingLeadId: claim.lead.id,
        match: claim.match,
        similarity: claim.similarity,
      }),
    );
    const managers = await this.users.activeIdsWithRoles(['manager']);
    const held = await this.leads.findOneOrFail({
      where: { id: leadId },
      relations: { company: true },
    });
    await this.notifications.notify(
      managers.map((userId) => ({
        userId,
        kind: 'lead.conflict_opened',
        title: `撞单待处理 / A lead conflict needs a decision: ${held.company!.name}`,
        entityType: 'LeadConflict',
        entityId: conflict.id,
        data: { subject: held.company!.name },
      })),
    );
    await this.audit.record({
      entityType: 'LeadConflict',
      entityId: conflict.id,
      action: 'create',
      after: conflict,
    });
    return conflict;
  }

  @Transactional()
  async update(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateLeadDto,
  ): Promise<Lead> {
    const lead = await this.get(id);
    this.policy.assert(principal, 'update', 'Lead', lead);
    if (lead.onHold)
      throw new ProblemException(
        'LEAD_ON_HOLD',
        'The lead waits for a manager to resolve its ownership conflict',
      );
    const changes: Record<string, unknown> = { ...dto };
    if (dto.status && dto.status !== lead.status) {
      if (dto.status === 'converted') {
        throw new ProblemException(
          'ILLEGAL_TRANSITION',
          'Convert a lead with POST /api/v1/leads/:id/convert',
        );
      }
      if (!LEAD_TRANSITIONS[lead.status].includes(dto.status)) {
        throw new ProblemException(
          'ILLEGAL_TRANSITION',
          `A ${lead.status} lead cannot become ${dto.status}`,
          {
            allowed: LEAD_TRANSITIONS[lead.status],
          },
        );
      }
      if (dto.status === 'disqualified' && !dto.disqualifyReason) {
        throw new ProblemException('VALIDATION_FAILED', 'Say why the lead is disqualified', {
          errors: [
            fieldError('disqualifyReason', 'reason_required', 'is required to disqualify a lead'),
          ],
        });
      }
    }
    if (dto.disqualifyReason === null && (dto.status ?? lead.status) === 'disqualified') {
      throw new ProblemException('VALIDATION_FAILED', 'A disqualified lead keeps its reason', {
        errors: [
          fieldError(
            'disqualifyReason',
            'reason_kept',
            'cannot be cleared while the lead is disqualified',
          ),
        ],
      });
    }
    if (dto.disqualifyReason && (dto.status ?? lead.status) !== 'disqualified') {
      throw new ProblemException(
        'VALIDATION_FAILED',
        'disqualifyReason goes with status disqualified',
        {
          errors: [
            fieldError(
              'disqualifyReason',
              'reason_only_when_disqualified',
              'only when disqualifying',
            ),
          ],
        },
      );
    }
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Lead,
      ENTITY,
      id,
      version,
      changes,
    );
    if (after.version !== before.version) {
      await this.markWorked(id);
    }
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return this.get(id);
  }

  /** Records that the owner worked the lead (restarting its protection period); not an edit. */
  async markWorked(id: string): Promise<void> {
    await this.txHost.tx.query(`UPDATE leads SET last_activity_at = now() WHERE id = $1`, [id]);
  }

  /** An activity by the owner on the firm counts as working its leads (restarts their protection period). */
  async markWorkedByOwner(companyId: string, ownerId: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE leads SET last_activity_at = now() WHERE company_id = $1 AND owner_id = $2 AND deleted_at IS NULL`,
      [companyId, ownerId],
    );
  }

  /** The lead behind a deal opened directly: already converted, owned by the deal's owner. */
  async recordDirectDeal(ownerId: string, companyId: string): Promise<string> {
    const lead = await this.leads.save(
      this.leads.create({
        companyId,
        source: 'other',
        sourceDetail: '直接立项 deal opened directly',
        ownerId,
        ownerAssignedAt: new Date(),
        createdById: ownerId,
        status: 'converted',
        convertedAt: new Date(),
      }),
    );
    return lead.id;
  }

  /** A manager hands the lead to another owner. */
  @Transactional()
  async assign(id: string, version: number, dto: AssignLeadDto): Promise<Lead> {
    const owner = await this.users.requireActive(dto.ownerId, [...ASSIGNABLE_ROLES], 'ownerId');
    const current = await this.get(id);
    const { before, after } = await updateVersioned(this.txHost.tx, Lead, ENTITY, id, version, {
      ownerId: owner.id,
      ownerAssignedAt: () => 'now()',
      lastActivityAt: () => 'now()',
      pooledAt: null,
    });
    await this.notifications.notify([
      {
        userId: owner.id,
        kind: 'lead.assigned',
        title: `线索转给您 / Lead assigned: ${current.company!.name}`,
        entityType: ENTITY,
        entityId: id,
        data: { subject: current.company!.name },
      },
      ...(before.ownerId && before.ownerId !== owner.id
        ? [
            {
              userId: before.ownerId,
              kind: 'lead.reassigned',
              title: `线索已转出 / Lead reassigned: ${current.company!.name}`,
              entityType: ENTITY,
              entityId: id,
              data: { subject: current.company!.name },
            },
          ]
        : []),
    ]);
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'assign',
      before,
      after,
      reason: dto.reason,
    });
    return this.get(id);
  }

  /** Takes an unowned lead from the pool: of many concurrent claims, exactly one wins. */
  @Transactional()
  async claim(principal: Principal, id: string): Promise<Lead> {
    const before = await this.get(id);
    await this.companies.lockForClaim([before.companyId]);
    const rival = await this.existingClaim(before.companyId, [], principal.id);
    if (rival && rival.lead.id !== id) {
      throw new ProblemException(
        'LEAD_CONFLICT',
        'Another promoter already works this firm: ask a manager to assign the lead',
        {
          existingLeadId: rival.lead.id,
        },
      );
    }
    const [claimed] = await this.txHost.tx.query<[{ id: string }[], number]>(
      `UPDATE leads SET owner_id = $2, owner_assigned_at = now(), last_activity_at = now(), pooled_at = NULL,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND owner_id IS NULL AND NOT on_hold AND deleted_at IS NULL AND status = ANY($3)
        RETURNING id`,
      [id, principal.id, ACTIVE_LEAD_STATUSES],
    );
    if (claimed.length === 0) {
      if (before.onHold)
        throw new ProblemException(
          'LEAD_ON_HOLD',
          'The lead waits for a manager to resolve its ownership conflict',
        );
      if (!ACTIVE_LEAD_STATUSES.includes(before.status)) {
        throw new ProblemException(
          'ILLEGAL_TRANSITION',
          `A ${before.status} lead cannot be claimed`,
        );
      }
      throw new ProblemException(
        'LEAD_ALREADY_OWNED',
        'Someone else owns this lead (perhaps just now)',
      );
    }
    await this.companies.setOwner(before.companyId, principal.id, 'claimed a lead from the pool');
    const after = await this.get(id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'claim',
      before: { ...before, company: undefined },
      after: { ...after, company: undefined },
    });
    return after;
  }

  @Transactional()
  async remove(principal: Principal, id: string, version: number, reason?: string): Promise<void> {
    const lead = await this.get(id);
    this.policy.assert(principal, 'delete', 'Lead', lead);
    const { before, after } = await updateVersioned(this.txHost.tx, Lead, ENTITY, id, version, {
      deletedAt: () => 'now()',
    });
    // Conflicts about this lead are settled: a held lead deleted needs no decision, and leads held
    // behind a deleted lead are released.
    await this.txHost.tx.query(
      `UPDATE leads SET on_hold = false, version = version + 1, updated_at = now()
        WHERE id IN (SELECT lead_id FROM lead_conflicts WHERE existing_lead_id = $1 AND status = 'open')`,
      [id],
    );
    await this.txHost.tx.query(
      `UPDATE lead_conflicts SET status = 'resolved', resolution_note = 'a lead of the conflict was deleted',
              resolved_at = now(), version = version + 1, updated_at = now()
        WHERE (lead_id = $1 OR existing_lead_id = $1) AND status = 'open'`,
      [id],
    );
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
   * Returns idle leads to the pool: active leads whose owner has not worked them within the
   * protection period lose their owner, and the former owners are told. Each lead returns once:
   * the UPDATE is conditional on it still having an owner.
   */
  @Transactional()
  async returnIdleLeadsToPool(): Promise<number> {
    const days = this.config.get('LEAD_PROTECTION_DAYS', { infer: true });
    const [returned] = await this.txHost.tx.query<
      [{ id: string; previous_owner_id: string; company_id: string }[], number]
    >(
      `WITH idle AS (
         SELECT id FROM leads
          WHERE owner_id IS NOT NULL AND NOT on_hold AND deleted_at IS NULL AND status = ANY($2)
            AND last_activity_at < now() - make_interval(days => $1)
          ORDER BY id
          FOR UPDATE SKIP LOCKED)
       UPDATE leads l SET previous_owner_id = l.owner_id, owner_id = NULL, pooled_at = now(),
              version = l.version + 1, updated_at = now()
         FROM idle WHERE l.id = idle.id
       RETURNING l.id, l.previous_owner_id, l.company_id`,
      [days, ACTIVE_LEAD_STATUSES],
    );
    if (returned.length === 0) return 0;
    // The former owners also let go of firms they no longer work through any other lead.
    for (const owner of new Set(returned.map((row) => row.previous_owner_id))) {
      const companyIds = [
        ...new Set(
          returned.filter((row) => row.previous_owner_id === owner).map((row) => row.company_id),
        ),
      ];
      const stillWorked = await this.txHost.tx.query<{ company_id: string }[]>(
        `SELECT DISTINCT l.company_id FROM leads l
          WHERE l.company_id = ANY($1::uuid[]) AND l.owner_id = $2 AND l.deleted_at IS NULL AND ${this.claims.sql}`,
        [companyIds, owner],
      );
      const kept = new Set(stillWorked.map((row) => row.company_id));
      await this.companies.release(
        companyIds.filter((id) => !kept.has(id)),
        owner,
      );
    }
    const names = await this.companies.namesOf(returned.map((row) => row.company_id));
    await this.notifications.notify(
      returned.map((row) => ({
        userId: row.previous_owner_id,
        kind: 'lead.returned_to_pool',
        title: `线索已回归公海 / A lead returned to the pool after ${days} idle days: ${names.get(row.company_id)}`,
        entityType: ENTITY,
        entityId: row.id,
        data: { subject: names.get(row.company_id) ?? null, days },
      })),
    );
    await this.audit.recordMany(
      returned.map((row) => ({
        entityType: ENTITY,
        entityId: row.id,
        action: 'return_to_pool',
        before: { ownerId: row.previous_owner_id },
        after: { ownerId: null },
        reason: `no activity for ${days} days`,
      })),
    );
    return returned.length;
  }
}
