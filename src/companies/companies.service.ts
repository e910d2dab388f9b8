import { containsText, escapeLike } from '../common/sql/like';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { updateVersioned, versionMismatch } from '../common/concurrency/versioned-update';
import { notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import { CompanyMatch, findCompanyMatches } from './company-matcher';
import { normaliseCompanyName } from './company-name';
import { COMPANY_CHURNED, type CompanyStatusEvent } from './companies.events';
import { Company } from './company.entity';
import { CompanyMergeHooks } from './company-merge.hooks';
import { CreateCompanyDto, ListCompaniesQuery, UpdateCompanyDto } from './dto/company.dto';

const ENTITY = 'Company';

@Injectable()
export class CompaniesService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditService,
    private readonly policy: PolicyService,
    private readonly mergeHooks: CompanyMergeHooks,
    private readonly events: EventEmitter2,
  ) {}

  private get companies() {
    return this.txHost.tx.getRepository(Company);
  }

  list(query: ListCompaniesQuery): Promise<Page<Company>> {
    const qb = this.companies.createQueryBuilder('c');
    if (query.q) {
      // One condition on the row (names, credit code) and its contacts, so that the planner may read
      // the matches by index or walk the list's order when most rows match.
      const placeholders = { term: ':q', pattern: ':pattern' };
      const contacts = `SELECT company_id FROM contacts
                         WHERE ${containsText(query.q, ['name'], placeholders)} AND deleted_at IS NULL`;
      qb.andWhere(
        containsText(query.q, ['c.name', 'c.nameEn', 'c.creditCode'], placeholders, {
          alternatives: [`c.id = ANY (ARRAY(${contacts}))`],
        }),
        { q: query.q, pattern: escapeLike(query.q) },
      );
    }
    if (query.aiSegment) qb.andWhere('c.aiSegment = :aiSegment', { aiSegment: query.aiSegment });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.listingStatus)
      qb.andWhere('c.listingStatus = :listingStatus', { listingStatus: query.listingStatus });
    if (query.ownerId) qb.andWhere('c.ownerId = :ownerId', { ownerId: query.ownerId });
    if (query.unowned) qb.andWhere('c.ownerId IS NULL');
    if (query.tag) qb.andWhere(':tag = ANY(c.tags)', { tag: query.tag });
    return paginate(qb, query, {
      sortable: {
        name: { column: 'c.name', property: 'name' },
        updatedAt: { column: 'c.updatedAt', property: 'updatedAt' },
        createdAt: { column: 'c.createdAt', property: 'createdAt' },
      },
      defaultSort: '-updatedAt',
      idColumn: 'c.id',
    });
  }

  /** Every company matching the filters, a page at a time (for CSV export). */
  async *exportPages(query: ListCompaniesQuery): AsyncGenerator<Company[]> {
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...query, limit: 1000, cursor, withTotal: false });
      yield page.data;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async get(id: string): Promise<Company> {
    const company = await this.companies.findOneBy({ id });
    if (!company) throw notFound(ENTITY, id);
    return company;
  }

  /** The names of firms by id, removed ones included (for messages that name them). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.companies.find({
      select: { id: true, name: true },
      where: { id: In([...new Set(ids)]) },
      withDeleted: true,
    });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  matches(candidate: { name?: string; creditCode?: string | null }): Promise<CompanyMatch[]> {
    return findCompanyMatches(this.txHost.tx, candidate);
  }

  /** Creates a company; one with the same credit code is a 409 (use the existing one). */
  @Transactional()
  async create(
    dto: CreateCompanyDto,
    ownerId: string | null,
    createdById: string | null,
  ): Promise<Company> {
    const saved = await this.companies.save(
      this.companies.create({
        ...dto,
        normalizedName: normaliseCompanyName(dto.name),
        ownerId,
        createdById,
      }),
    );
    const company = await this.get(saved.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: company.id,
      action: 'create',
      after: company,
    });
    return company;
  }

  /**
   * Locks firms (in id order, so that two callers cannot deadlock) for the rest of the transaction:
   * whoever checks who works a firm and then claims it does so alone.
   */
  async lockForClaim(companyIds: string[]): Promise<void> {
    const ids = [...new Set(companyIds)].sort();
    if (ids.length === 0) return;
    await this.txHost.tx.query(
      `SELECT id FROM companies WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /** Clears the owner of firms whose relationship that owner no longer holds (leads back in the pool). */
  async release(companyIds: string[], formerOwnerId: string): Promise<void> {
    if (companyIds.length === 0) return;
    await this.txHost.tx.query(
      `UPDATE companies SET owner_id = NULL, version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[]) AND owner_id = $2`,
      [companyIds, formerOwnerId],
    );
  }

  /** The principal may change this company (its fields, contacts and revenues), or 403. */
  async getForUpdate(principal: Principal, id: string): Promise<Company> {
    const company = await this.get(id);
    this.policy.assert(principal, 'update', 'Company', company);
    return company;
  }

  @Transactional()
  async update(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateCompanyDto,
  ): Promise<Company> {
    await this.getForUpdate(principal, id);
    const changes = {
      ...dto,
      ...(dto.name ? { normalizedName: normaliseCompanyName(dto.name) } : {}),
    };
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Company,
      ENTITY,
      id,
      version,
      changes,
    );
    await this.audit.record({ entityType: ENTITY, entityId: id, action: 'update', before, after });
    return after;
  }

  /**
   * Gives companies to a new relationship owner (the promoter who now works them, when nobody else
   * does); the caller has checked that. One statement for many (imports).
   */
  async takeOver(companyIds: string[], ownerId: string): Promise<void> {
    if (companyIds.length === 0) return;
    await this.txHost.tx.query(
      `UPDATE companies SET owner_id = $2, version = version + 1, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND owner_id IS DISTINCT FROM $2`,
      [companyIds, ownerId],
    );
  }

  @Transactional()
  async setOwner(companyId: string, ownerId: string | null, reason: string): Promise<void> {
    const before = await this.get(companyId);
    if (before.ownerId === ownerId) return;
    await this.txHost.tx.query(
      `UPDATE companies SET owner_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [companyId, ownerId],
    );
    await this.audit.record({
      entityType: ENTITY,
      entityId: companyId,
      action: 'reassign',
      before,
      after: await this.get(companyId),
      reason,
    });
  }

  /**
   * A signed firm or tenant leaves the park: the company becomes `churned`, and whatever it holds
   * elsewhere (its compute-center account) is wound down in the same transaction.
   */
  @Transactional()
  async churn(id: string, version: number, reason: string): Promise<Company> {
    // The row is locked before it is read: a concurrent churn waits, then sees the new version (412).
    await this.txHost.tx.query(`SELECT 1 FROM companies WHERE id = $1 FOR UPDATE`, [id]);
    const current = await this.get(id);
    if (current.version !== version) throw versionMismatch(ENTITY, id, current.version, version);
    if (current.status !== 'signed' && current.status !== 'tenant')
      throw new ProblemException(
        'ILLEGAL_TRANSITION',
        `Only a signed firm or a tenant can leave the park; this one is ${current.status}`,
      );
    await this.setStatus(id, 'churned', reason);
    await this.events.emitAsync(COMPANY_CHURNED, {
      companyId: id,
      reason,
    } satisfies CompanyStatusEvent);
    return this.get(id);
  }

  /** Moves a company up (prospect → signed → tenant), never down: a tenant's new deal keeps it a tenant. */
  async promote(companyId: string, status: 'signed' | 'tenant', reason: string): Promise<void> {
    const rank: Record<string, number> = { prospect: 0, lost: 0, churned: 0, signed: 1, tenant: 2 };
    const current = await this.get(companyId);
    if (rank[current.status] >= rank[status]) return;
    await this.setStatus(companyId, status, reason);
  }

  /** The company's place in the park (prospect → signed → tenant), set as its deals progress. */
  async setStatus(companyId: string, status: Company['status'], reason: string): Promise<void> {
    const before = await this.get(companyId);
    if (before.status === status) return;
    await this.txHost.tx.query(
      `UPDATE companies SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [companyId, status],
    );
    await this.audit.record({
      entityType: ENTITY,
      entityId: companyId,
      action: 'status',
      before,
      after: await this.get(companyId),
      reason,
    });
  }

  @Transactional()
  async remove(id: string, version: number, reason?: string): Promise<void> {
    const dependents = await this.mergeHooks.activeDependents(this.txHost.tx, id);
    if (Object.keys(dependents).length > 0) {
      const list = Object.entries(dependents)
        .map(([name, n]) => `${n} ${name}`)
        .join(', ');
      throw new ProblemException(
        'STILL_REFERENCED',
        `The company still has ${list}: close or move them first, or merge it`,
        { dependents },
      );
    }
    const { before, after } = await updateVersioned(this.txHost.tx, Company, ENTITY, id, version, {
      deletedAt: () => 'now()',
      creditCode: null,
    });
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
   * Folds a duplicate into a survivor in one transaction: its contacts, leads, revenues (years the
   * survivor lacks) and every module's records (leads, deals, …, through CompanyMergeHooks) move over; fields the survivor lacks are filled in;
   * the duplicate is soft-deleted and points at the survivor. Both sides are audited.
   */
  @Transactional()
  async merge(survivorId: string, sourceId: string): Promise<Company> {
    if (survivorId === sourceId)
      throw new ProblemException('CONFLICT', 'A company cannot be merged into itself');
    const locked = await this.companies.find({
      where: { id: In([survivorId, sourceId]) },
      lock: { mode: 'pessimistic_write' },
      order: { id: 'ASC' },
    });
    const survivor = locked.find((c) => c.id === survivorId);
    const source = locked.find((c) => c.id === sourceId);
    if (!survivor) throw notFound(ENTITY, survivorId);
    if (!source) throw notFound(ENTITY, sourceId);

    const tx = this.txHost.tx;
    const moved: Record<string, number> = {};
    const [, contacts] = await tx.query<[unknown, number]>(
      `UPDATE contacts SET company_id = $1, is_primary = false, version = version + 1, updated_at = now()
        WHERE company_id = $2 AND deleted_at IS NULL`,
      [survivorId, sourceId],
    );
    moved.contacts = contacts;
    await tx.query(
      `UPDATE contacts SET is_primary = true, version = version + 1 WHERE id = (
         SELECT id FROM contacts WHERE company_id = $1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1)
        AND NOT EXISTS (SELECT 1 FROM contacts WHERE company_id = $1 AND is_primary AND deleted_at IS NULL)`,
      [survivorId],
    );
    const [, revenues] = await tx.query<[unknown, number]>(
      `UPDATE company_revenues SET company_id = $1, version = version + 1, updated_at = now()
        WHERE company_id = $2 AND year NOT IN (SELECT year FROM company_revenues WHERE company_id = $1)`,
      [survivorId, sourceId],
    );
    moved.revenues = revenues;
    for (const [name, count] of Object.entries(await this.mergeHooks.run(tx, survivorId, sourceId)))
      moved[name] = count;

    await tx.query(
      `UPDATE companies SET deleted_at = now(), merged_into_id = $1, credit_code = NULL, version = version + 1, updated_at = now()
        WHERE id = $2`,
      [survivorId, sourceId],
    );
    const filled = {
      nameEn: survivor.nameEn ?? source.nameEn,
      creditCode: survivor.creditCode ?? source.creditCode,
      fundingStage: survivor.fundingStage ?? source.fundingStage,
      headcount: survivor.headcount ?? source.headcount,
      registeredCapital: survivor.registeredCapital ?? source.registeredCapital,
      hqCity: survivor.hqCity ?? source.hqCity,
      website: survivor.website ?? source.website,
      ownerId: survivor.ownerId ?? source.ownerId,
      tags: [...new Set([...survivor.tags, ...source.tags])],
    };
    await this.companies.update({ id: survivorId }, filled);
    const after = await this.get(survivorId);
    await this.audit.record({
      entityType: ENTITY,
      entityId: survivorId,
      action: 'merge',
      before: survivor,
      after,
      reason: `merged ${sourceId} into this company; moved ${JSON.stringify(moved)}`,
    });
    await this.audit.record({
      entityType: ENTITY,
      entityId: sourceId,
      action: 'merged_into',
      before: source,
      after: { ...source, deletedAt: new Date(), mergedIntoId: survivorId },
      reason: `merged into ${survivorId}`,
    });
    return after;
  }
}
