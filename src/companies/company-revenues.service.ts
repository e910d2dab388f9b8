import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { updateVersioned, versionMismatch } from '../common/concurrency/versioned-update';
import { notFound } from '../common/errors/problem.exception';
import { CompaniesService } from './companies.service';
import { CompanyRevenue } from './company-revenue.entity';
import { CreateRevenueDto, UpdateRevenueDto } from './dto/revenue.dto';

const ENTITY = 'CompanyRevenue';

@Injectable()
export class CompanyRevenuesService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly companies: CompaniesService,
    private readonly audit: AuditService,
  ) {}

  private get revenues() {
    return this.txHost.tx.getRepository(CompanyRevenue);
  }

  async listFor(companyId: string): Promise<CompanyRevenue[]> {
    await this.companies.get(companyId);
    return this.revenues.find({ where: { companyId }, order: { year: 'DESC' } });
  }

  private async get(companyId: string, id: string): Promise<CompanyRevenue> {
    const revenue = await this.revenues.findOneBy({ id, companyId });
    if (!revenue) throw notFound(ENTITY, id);
    return revenue;
  }

  /** One record per year: a second one for the same year is a 409 (change the existing one). */
  @Transactional()
  async create(
    principal: Principal,
    companyId: string,
    dto: CreateRevenueDto,
  ): Promise<CompanyRevenue> {
    await this.companies.getForUpdate(principal, companyId);
    const saved = await this.revenues.save(this.revenues.create({ ...dto, companyId }));
    const revenue = await this.get(companyId, saved.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: revenue.id,
      action: 'create',
      after: revenue,
    });
    return revenue;
  }

  @Transactional()
  async update(
    principal: Principal,
    companyId: string,
    id: string,
    version: number,
    dto: UpdateRevenueDto,
  ): Promise<CompanyRevenue> {
    await this.companies.getForUpdate(principal, companyId);
    await this.get(companyId, id);
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      CompanyRevenue,
      ENTITY,
      id,
      version,
      dto,
    );
    await this.audit.record({ entityType: ENTITY, entityId: id, action: 'update', before, after });
    return after;
  }

  @Transactional()
  async remove(
    principal: Principal,
    companyId: string,
    id: string,
    version: number,
  ): Promise<void> {
    await this.companies.getForUpdate(principal, companyId);
    const revenue = await this.get(companyId, id);
    const deleted = await this.revenues.delete({ id, version });
    if (deleted.affected !== 1) throw versionMismatch(ENTITY, id, revenue.version, version);
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'delete',
      before: revenue,
    });
  }
}
