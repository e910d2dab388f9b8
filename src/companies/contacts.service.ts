import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { updateVersioned } from '../common/concurrency/versioned-update';
import { notFound, ProblemException } from '../common/errors/problem.exception';
import { CompaniesService } from './companies.service';
import { Contact } from './contact.entity';
import { CreateContactDto, UpdateContactDto } from './dto/contact.dto';

const ENTITY = 'Contact';

/** Contacts of a company; whenever a company has contacts, exactly one is primary. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly companies: CompaniesService,
    private readonly audit: AuditService,
  ) {}

  private get contacts() {
    return this.txHost.tx.getRepository(Contact);
  }

  async listFor(companyId: string): Promise<Contact[]> {
    await this.companies.get(companyId);
    return this.contacts.find({
      where: { companyId },
      order: { isPrimary: 'DESC', createdAt: 'ASC', id: 'ASC' },
      take: 500,
    });
  }

  async get(id: string): Promise<Contact> {
    const contact = await this.contacts.findOneBy({ id });
    if (!contact) throw notFound(ENTITY, id);
    return contact;
  }

  @Transactional()
  async create(
    principal: Principal | null,
    companyId: string,
    dto: CreateContactDto,
  ): Promise<Contact> {
    if (principal) await this.companies.getForUpdate(principal, companyId);
    else await this.companies.get(companyId);
    await this.lockCompany(companyId);
    const hasPrimary = await this.contacts.existsBy({ companyId, isPrimary: true });
    const makePrimary = dto.isPrimary === true || !hasPrimary;
    if (makePrimary && hasPrimary) await this.demotePrimary(companyId);
    const saved = await this.contacts.save(
      this.contacts.create({ ...dto, companyId, isPrimary: makePrimary }),
    );
    const contact = await this.get(saved.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: contact.id,
      action: 'create',
      after: contact,
    });
    return contact;
  }

  @Transactional()
  async update(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateContactDto,
  ): Promise<Contact> {
    const current = await this.get(id);
    await this.companies.getForUpdate(principal, current.companyId);
    await this.lockCompany(current.companyId);
    if (dto.isPrimary === false && current.isPrimary) {
      throw new ProblemException(
        'CONFLICT',
        'A company needs a primary contact: make another contact primary instead',
      );
    }
    if (dto.isPrimary === true && !current.isPrimary) await this.demotePrimary(current.companyId);
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Contact,
      ENTITY,
      id,
      version,
      dto,
    );
    await this.audit.record({ entityType: ENTITY, entityId: id, action: 'update', before, after });
    return after;
  }

  @Transactional()
  async remove(principal: Principal, id: string, version: number, reason?: string): Promise<void> {
    const current = await this.get(id);
    await this.companies.getForUpdate(principal, current.companyId);
    await this.lockCompany(current.companyId);
    const { before, after } = await updateVersioned(this.txHost.tx, Contact, ENTITY, id, version, {
      deletedAt: () => 'now()',
      isPrimary: false,
    });
    if (before.isPrimary) {
      await this.txHost.tx.query(
        `UPDATE contacts SET is_primary = true, version = version + 1, updated_at = now() WHERE id = (
           SELECT id FROM contacts WHERE company_id = $1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1)`,
        [current.companyId],
      );
    }
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'delete',
      before,
      after,
      reason,
    });
  }

  /** Serialises primary changes per company. */
  private async lockCompany(companyId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM companies WHERE id = $1 FOR UPDATE`, [companyId]);
  }

  private async demotePrimary(companyId: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE contacts SET is_primary = false, version = version + 1, updated_at = now()
        WHERE company_id = $1 AND is_primary AND deleted_at IS NULL`,
      [companyId],
    );
  }
}
