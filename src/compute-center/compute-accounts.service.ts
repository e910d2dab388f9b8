import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuditService } from '../audit/audit.service';
import { COMPANY_CHURNED, type CompanyStatusEvent } from '../companies/companies.events';
import { CompaniesService } from '../companies/companies.service';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import { beijingToday } from '../common/time/beijing';
import { paginate } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import { APPLICATION_APPROVED, type ApplicationApproved } from '../incentives/incentives.events';
import {
  ONBOARDING_TASK_STARTED,
  type OnboardingTaskStarted,
} from '../onboarding/onboarding.events';
import { OnboardingService } from '../onboarding/onboarding.service';
import { ComputeAccount } from './compute-account.entity';
import { ComputeAllocation } from './compute-allocation.entity';
import { ComputeIntent } from './compute-intent.entity';
import { ComputeOutbox } from './compute-outbox.service';
import type { ListComputeAccountsQuery, UsageQuery } from './dto/compute-center.dto';
import type {
  ComputeAccountDetailDto,
  ComputeAccountDto,
  UsageReportDto,
} from './dto/compute-center-responses.dto';

export const COMPUTE_TASK_CODE = 'compute_account';
export const PARK_REGION = '北京市门头沟区';
/** The park's Ascend cards that compute subsidies pay for. */
export const SUBSIDISED_RESOURCES = ['ascend-910b'];
// Events are awaited inside the emitting transaction, and their errors roll it back.
const IN_TRANSACTION = { suppressErrors: false } as const;

/**
 * Compute-center accounts as the CRM keeps them: opened when onboarding reaches its compute task
 * (or a compute subsidy is approved), given allocations for approved subsidies, suspended when the
 * firm leaves. Every call to the center goes through the outbox, in the causing transaction.
 */
@Injectable()
export class ComputeAccountsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly companies: CompaniesService,
    private readonly onboarding: OnboardingService,
    private readonly outbox: ComputeOutbox,
    private readonly audit: AuditService,
  ) {}

  private get accounts() {
    return this.txHost.tx.getRepository(ComputeAccount);
  }

  private get allocations() {
    return this.txHost.tx.getRepository(ComputeAllocation);
  }

  /** A staff member asks for an account for a firm that has none. */
  @Transactional()
  async create(companyId: string): Promise<ComputeAccountDetailDto> {
    const existing = await this.accounts.findOneBy({ companyId });
    if (existing)
      throw new ProblemException('ALREADY_EXISTS', 'The company already has a compute account', {
        accountId: existing.id,
      });
    const account = await this.provision(companyId);
    return this.detail(account.id);
  }

  /** The firm's account, asked for at the center now if it has none (idempotent per firm). */
  async provision(companyId: string, onboardingTaskId?: string): Promise<ComputeAccount> {
    const company = await this.companies.get(companyId);
    await this.txHost.tx.query(`SELECT 1 FROM companies WHERE id = $1 FOR UPDATE`, [companyId]);
    const existing = await this.accounts.findOneBy({ companyId });
    if (existing) {
      if (onboardingTaskId && !existing.onboardingTaskId) {
        await this.accounts.update({ id: existing.id }, { onboardingTaskId });
        if (existing.activatedAt)
          await this.onboarding.completeTask(onboardingTaskId, 'the compute account is active');
      }
      return existing;
    }
    const account = await this.accounts.save(
      this.accounts.create({
        companyId,
        region: PARK_REGION,
        onboardingTaskId: onboardingTaskId ?? null,
      }),
    );
    const [contact] = await this.txHost.tx.query<
      { name: string; phone: string | null; email: string | null }[]
    >(
      `SELECT name, phone, email FROM contacts WHERE company_id = $1 AND deleted_at IS NULL
        ORDER BY is_primary DESC, created_at LIMIT 1`,
      [companyId],
    );
    await this.outbox.enqueue({
      accountId: account.id,
      kind: 'provision',
      payload: {
        externalRef: companyId,
        legalName: company.name,
        creditCode: company.creditCode,
        contact: contact
          ? {
              name: contact.name,
              phone: contact.phone ?? undefined,
              email: contact.email ?? undefined,
            }
          : null,
        region: PARK_REGION,
      },
    });
    await this.audit.record({
      entityType: 'ComputeAccount',
      entityId: account.id,
      action: 'create',
      after: account,
    });
    return account;
  }

  @OnEvent(ONBOARDING_TASK_STARTED, IN_TRANSACTION)
  async onTaskStarted(event: OnboardingTaskStarted): Promise<void> {
    if (event.code === COMPUTE_TASK_CODE) await this.provision(event.companyId, event.taskId);
  }

  /** An approved compute subsidy becomes card-hours on the firm's account (opened if need be). */
  @OnEvent(APPLICATION_APPROVED, IN_TRANSACTION)
  async onApplicationApproved(event: ApplicationApproved): Promise<void> {
    if (event.programKind !== 'compute_subsidy' || !(Number(event.approvedCardHours) > 0)) return;
    const account = await this.provision(event.companyId);
    const validFrom = beijingToday();
    const until = new Date(`${validFrom}T00:00:00Z`);
    until.setUTCFullYear(until.getUTCFullYear() + 1);
    until.setUTCDate(until.getUTCDate() - 1);
    const allocation = await this.allocations.save(
      this.allocations.create({
        accountId: account.id,
        applicationId: event.applicationId,
        kind: 'subsidy_voucher',
        unit: 'card_hour',
        amount: event.approvedCardHours!,
        resourceTypes: SUBSIDISED_RESOURCES,
        validFrom,
        validUntil: until.toISOString().slice(0, 10),
        onExhaustion: 'notify',
        programRef: event.programId,
        status: account.status === 'active' ? 'requested' : 'waiting',
      }),
    );
    if (account.status === 'active') await this.requestAllocation(allocation);
  }

  @OnEvent(COMPANY_CHURNED, IN_TRANSACTION)
  async onCompanyChurned(event: CompanyStatusEvent): Promise<void> {
    const account = await this.accounts.findOneBy({ companyId: event.companyId });
    if (!account || account.status === 'closed' || account.status === 'failed') return;
    await this.outbox.enqueue({
      accountId: account.id,
      kind: 'suspend',
      payload: { reason: 'tenant_churned', note: event.reason.slice(0, 500) },
    });
  }

  /** The center activated the account: its onboarding task is done, waiting quotas are sent. */
  async onActivated(account: ComputeAccount): Promise<void> {
    if (account.onboardingTaskId)
      await this.onboarding.completeTask(
        account.onboardingTaskId,
        'the compute center activated the account',
      );
    const waiting = await this.allocations.findBy({ accountId: account.id, status: 'waiting' });
    for (const allocation of waiting) {
      await this.allocations.update({ id: allocation.id }, { status: 'requested' });
      await this.requestAllocation(allocation);
    }
  }

  private async requestAllocation(allocation: ComputeAllocation): Promise<void> {
    await this.outbox.enqueue({
      accountId: allocation.accountId,
      allocationId: allocation.id,
      kind: 'allocate',
      payload: {
        kind: allocation.kind,
        unit: allocation.unit,
        amount: allocation.amount,
        resourceTypes: allocation.resourceTypes,
        validFrom: allocation.validFrom,
        validUntil: allocation.validUntil,
        onExhaustion: allocation.onExhaustion,
        programRef: allocation.programRef,
      },
    });
  }

  async list(query: ListComputeAccountsQuery): Promise<Page<ComputeAccountDto>> {
    const qb = this.accounts.createQueryBuilder('a');
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.companyId) qb.andWhere('a.companyId = :companyId', { companyId: query.companyId });
    const page = await paginate(qb, query, {
      sortable: { updatedAt: { column: 'a.updatedAt', property: 'updatedAt' } },
      defaultSort: '-updatedAt',
      idColumn: 'a.id',
    });
    const summaries = await this.summaries(page.data.map((a) => a.id));
    return { ...page, data: page.data.map((a) => ({ ...a, ...summaries.get(a.id)! })) };
  }

  async get(id: string): Promise<ComputeAccount> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw notFound('ComputeAccount', id);
    return account;
  }

  async detail(id: string): Promise<ComputeAccountDetailDto> {
    const account = await this.get(id);
    const [summaries, allocations, calls] = await Promise.all([
      this.summaries([id]),
      this.allocations.find({ where: { accountId: id }, order: { createdAt: 'ASC' } }),
      this.txHost.tx
        .getRepository(ComputeIntent)
        .find({ where: { accountId: id }, order: { createdAt: 'DESC' }, take: 20 }),
    ]);
    return { ...account, ...summaries.get(id)!, allocations, calls };
  }

  /** Quota, remaining and used card-hours, allocations and the company's name, for many accounts in one query. */
  private async summaries(ids: string[]) {
    type Summary = Pick<
      ComputeAccountDto,
      'companyName' | 'quotaCardHours' | 'remainingCardHours' | 'usedCardHours' | 'allocationCount'
    >;
    const rows = ids.length
      ? await this.txHost.tx.query<(Summary & { id: string })[]>(
          `SELECT a.id, c.name AS "companyName",
                  coalesce((SELECT sum(amount) FROM compute_allocations l WHERE l.account_id = a.id AND l.unit = 'card_hour' AND l.status IN ('active', 'exhausted')), 0)::text AS "quotaCardHours",
                  coalesce((SELECT sum(coalesce(remaining, amount)) FROM compute_allocations l WHERE l.account_id = a.id AND l.unit = 'card_hour' AND l.status = 'active'), 0)::text AS "remainingCardHours",
                  coalesce((SELECT sum(card_hours) FROM compute_usage u WHERE u.account_id = a.id), 0)::text AS "usedCardHours",
                  (SELECT count(*) FROM compute_allocations l WHERE l.account_id = a.id)::int AS "allocationCount"
             FROM compute_accounts a JOIN companies c ON c.id = a.company_id
            WHERE a.id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    return new Map<string, Summary>(rows.map(({ id, ...summary }) => [id, summary]));
  }

  /** Card-hours by day or month (Beijing) and resource type, summed in the database. */
  async usage(id: string, query: UsageQuery): Promise<UsageReportDto> {
    await this.get(id);
    const granularity = query.granularity ?? 'day';
    if (query.from >= query.to)
      throw new ProblemException('VALIDATION_FAILED', 'from must come before to', {
        errors: [fieldError('to', 'end_before_start', 'must be after from')],
      });
    const rows = await this.txHost.tx.query<
      { periodStart: string; resourceType: string; cardHours: string; total: string }[]
    >(
      `SELECT to_char(date_trunc($4, day), 'YYYY-MM-DD') AS "periodStart", resource_type AS "resourceType",
              sum(card_hours)::text AS "cardHours", sum(sum(card_hours)) OVER ()::text AS total
         FROM compute_usage WHERE account_id = $1 AND day >= $2::date AND day < $3::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [id, query.from, query.to, granularity],
    );
    return {
      accountId: id,
      granularity,
      from: query.from,
      to: query.to,
      rows: rows.map(({ total: _total, ...row }) => row),
      totalCardHours: rows[0]?.total ?? '0.00',
    };
  }
}
