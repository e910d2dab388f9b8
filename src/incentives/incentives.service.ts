import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { CompaniesService } from '../companies/companies.service';
import { beijingMidnight } from '../common/time/beijing';
import { updateVersioned, versionMismatch } from '../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate, type ListSpec } from '../common/pagination/keyset';
import { mapPage, type Page } from '../common/pagination/page';
import { Application, type ApplicationStatus } from './application.entity';
import {
  ApproveApplicationDto,
  CreateApplicationDto,
  CreateProgramDto,
  DisburseApplicationDto,
  ListApplicationsQuery,
  ListProgramsQuery,
  RejectApplicationDto,
  UpdateApplicationDto,
  UpdateProgramDto,
} from './dto/incentives.dto';
import { Fund } from './fund.entity';
import { APPLICATION_APPROVED, type ApplicationApproved } from './incentives.events';
import { Program } from './program.entity';

const PROGRAM_LIST: ListSpec = {
  sortable: {
    name: { column: 'p.name', property: 'name' },
    kind: { column: 'p.kind', property: 'kind' },
    budget: { column: 'p.budget', property: 'budget' },
    createdAt: { column: 'p.createdAt', property: 'createdAt' },
    updatedAt: { column: 'p.updatedAt', property: 'updatedAt' },
  },
  defaultSort: 'name',
  idColumn: 'p.id',
};

export interface ProgramBudget extends Program {
  remaining: string;
}

export interface FundView {
  id: string;
  name: string;
  total: string;
  allocated: string;
  approved: string;
  disbursed: string;
  unallocated: string;
}

export interface ProgramSupport {
  programId: string;
  name: string;
  nameEn: string | null;
  kind: string;
  applications: number;
  requested: string;
  approved: string;
  disbursed: string;
}

export interface CompanySupport {
  companyId: string;
  rentFreeValue: string;
  subsidiesApproved: string;
  subsidiesDisbursed: string;
  computeCardHoursApproved: string;
  fundInvestment: string;
  expectedInvestment: string;
  expectedAnnualRevenue: string;
  requested: string;
  approved: string;
  disbursed: string;
  programs: ProgramSupport[];
}

/** Support programs drawn from the park fund, and the applications to them (政策兑现). */
@Injectable()
export class IncentivesService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly companies: CompaniesService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  private get programs() {
    return this.txHost.tx.getRepository(Program);
  }

  private get applications() {
    return this.txHost.tx.getRepository(Application);
  }

  private withRemaining = (p: Program): ProgramBudget => ({
    ...p,
    remaining: (Number(p.budget) - Number(p.approvedTotal)).toFixed(2),
  });

  async listPrograms(query: ListProgramsQuery = {}): Promise<Page<ProgramBudget>> {
    const qb = this.programs.createQueryBuilder('p');
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    return mapPage(await paginate(qb, query, PROGRAM_LIST), this.withRemaining);
  }

  async program(id: string): Promise<ProgramBudget> {
    const program = await this.programs.findOneBy({ id });
    if (!program) throw notFound('Program', id);
    return this.withRemaining(program);
  }

  /** The fund with its totals: allocated to programs, approved, disbursed, not yet allocated. */
  async fund(): Promise<FundView> {
    const [row] = await this.txHost.tx.query<FundView[]>(
      `SELECT f.id, f.name, f.total::text, coalesce(sum(p.budget), 0)::text AS allocated,
              coalesce(sum(p.approved_total), 0)::text AS approved, coalesce(sum(p.disbursed_total), 0)::text AS disbursed,
              (f.total - coalesce(sum(p.budget), 0))::text AS unallocated
         FROM funds f LEFT JOIN programs p ON p.fund_id = f.id GROUP BY f.id ORDER BY f.created_at LIMIT 1`,
    );
    if (!row) throw new ProblemException('NOT_FOUND', 'There is no park fund');
    return row;
  }

  /** Budgets add up under the fund: the fund row is locked while one is allocated. */
  private async assertFits(fundId: string, extra: number, except?: string): Promise<void> {
    const [{ total, allocated }] = await this.txHost.tx.query<
      { total: string; allocated: string }[]
    >(
      `SELECT f.total::text, coalesce((SELECT sum(budget) FROM programs WHERE fund_id = f.id AND ($2::uuid IS NULL OR id <> $2)), 0)::text AS allocated
         FROM funds f WHERE f.id = $1 FOR UPDATE`,
      [fundId, except ?? null],
    );
    if (Number(allocated) + extra > Number(total)) {
      throw new ProblemException(
        'BUDGET_EXCEEDED',
        `The fund has ${(Number(total) - Number(allocated)).toFixed(2)} yuan left to allocate`,
        {
          errors: [fieldError('budget', 'exceeds_fund', 'exceeds what the park fund has left')],
        },
      );
    }
  }

  @Transactional()
  async createProgram(dto: CreateProgramDto): Promise<ProgramBudget> {
    const fund = await this.txHost.tx
      .getRepository(Fund)
      .findOneOrFail({ where: {}, order: { createdAt: 'ASC' } });
    await this.assertFits(fund.id, Number(dto.budget));
    const saved = await this.programs.save(this.programs.create({ ...dto, fundId: fund.id }));
    await this.audit.record({
      entityType: 'Program',
      entityId: saved.id,
      action: 'create',
      after: saved,
    });
    return this.program(saved.id);
  }

  @Transactional()
  async updateProgram(id: string, version: number, dto: UpdateProgramDto): Promise<ProgramBudget> {
    const current = await this.program(id);
    if (dto.budget) {
      await this.assertFits(current.fundId, Number(dto.budget), id);
      if (Number(dto.budget) < Number(current.approvedTotal)) {
        throw new ProblemException(
          'BUDGET_EXCEEDED',
          'The budget cannot go below what is already approved',
          {
            errors: [
              fieldError(
                'budget',
                'below_approved_total',
                `must be at least ${current.approvedTotal}`,
              ),
            ],
          },
        );
      }
    }
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Program,
      'Program',
      id,
      version,
      dto,
    );
    await this.audit.record({
      entityType: 'Program',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return this.withRemaining(after);
  }

  listApplications(query: ListApplicationsQuery): Promise<Page<Application>> {
    const qb = this.applications.createQueryBuilder('a');
    if (query.programId) qb.andWhere('a.programId = :programId', { programId: query.programId });
    if (query.companyId) qb.andWhere('a.companyId = :companyId', { companyId: query.companyId });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.submittedFrom)
      qb.andWhere('a.submittedAt >= :submittedFrom', {
        submittedFrom: beijingMidnight(query.submittedFrom),
      });
    if (query.submittedTo)
      qb.andWhere('a.submittedAt < :submittedBefore', {
        submittedBefore: new Date(beijingMidnight(query.submittedTo).getTime() + 86_400_000),
      });
    return paginate(qb, query, {
      sortable: { updatedAt: { column: 'a.updatedAt', property: 'updatedAt' } },
      defaultSort: '-updatedAt',
      idColumn: 'a.id',
    });
  }

  async application(id: string): Promise<Application> {
    const application = await this.applications.findOneBy({ id });
    if (!application) throw notFound('Application', id);
    return application;
  }

  @Transactional()
  async createApplication(principal: Principal, dto: CreateApplicationDto): Promise<Application> {
    const company = await this.companies.get(dto.companyId);
    this.policy.assert(principal, 'create', 'Application', { companyOwnerId: company.ownerId });
    await this.program(dto.programId);
    const saved = await this.applications.save(
      this.applications.create({ ...dto, createdById: principal.id }),
    );
    await this.audit.record({
      entityType: 'Application',
      entityId: saved.id,
      action: 'create',
      after: saved,
    });
    return this.application(saved.id);
  }

  @Transactional()
  async updateApplication(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateApplicationDto,
  ): Promise<Application> {
    const current = await this.owned(principal, id, 'update');
    this.expect(current, ['draft']);
    return this.change(id, version, { ...dto }, 'update');
  }

  @Transactional()
  async submit(principal: Principal, id: string, version: number): Promise<Application> {
    this.expect(await this.owned(principal, id, 'submit'), ['draft']);
    return this.change(id, version, { status: 'submitted', submittedAt: () => 'now()' }, 'submit');
  }

  /**
   * Approves within the program's remaining budget. The budget is taken by one conditional UPDATE
   * (`approved_total + x <= budget`, with a CHECK behind it), so concurrent approvals never overspend.
   */
  @Transactional()
  async approve(
    principal: Principal,
    id: string,
    version: number,
    dto: ApproveApplicationDto,
  ): Promise<Application> {
    const current = await this.locked(id);
    if (current.version !== version)
      throw versionMismatch('Application', id, current.version, version);
    this.expect(current, ['submitted']);
    const amount = dto.approvedAmount ?? current.requestedAmount;
    if (!(Number(amount) > 0) || Number(amount) > Number(current.requestedAmount)) {
      throw new ProblemException(
        'VALIDATION_FAILED',
        'Approve more than zero and at most the requested amount',
        {
          errors: [
            fieldError(
              'approvedAmount',
              'approved_out_of_range',
              `must be above 0 and at most ${current.requestedAmount}`,
            ),
          ],
        },
      );
    }
    const [taken] = await this.txHost.tx.query<
      [{ card_hours_per_yuan: string | null; kind: string }[], number]
    >(
      `UPDATE programs SET approved_total = approved_total + $2::numeric, version = version + 1, updated_at = now()
        WHERE id = $1 AND approved_total + $2::numeric <= budget RETURNING card_hours_per_yuan, kind`,
      [current.programId, amount],
    );
    if (taken.length === 0) {
      const program = await this.program(current.programId);
      throw new ProblemException(
        'BUDGET_EXCEEDED',
        `The program has ${program.remaining} yuan left; ${amount} cannot be approved`,
        {
          remaining: program.remaining,
        },
      );
    }
    const rate = taken[0].card_hours_per_yuan;
    const approved = await this.change(
      id,
      version,
      {
        status: 'approved',
        approvedAmount: amount,
        approvedCardHours: rate ? (Number(amount) * Number(rate)).toFixed(2) : null,
        decisionReason: dto.reason ?? null,
        reviewerId: principal.id,
        decidedAt: () => 'now()',
      },
      'approve',
    );
    await this.events.emitAsync(APPLICATION_APPROVED, {
      applicationId: id,
      companyId: approved.companyId,
      programId: approved.programId,
      programKind: taken[0].kind,
      approvedAmount: amount,
      approvedCardHours: approved.approvedCardHours,
    } satisfies ApplicationApproved);
    return approved;
  }

  @Transactional()
  async reject(
    principal: Principal,
    id: string,
    version: number,
    dto: RejectApplicationDto,
  ): Promise<Application> {
    this.expect(await this.application(id), ['submitted']);
    return this.change(
      id,
      version,
      {
        status: 'rejected',
        decisionReason: dto.reason,
        reviewerId: principal.id,
        decidedAt: () => 'now()',
      },
      'reject',
    );
  }

  @Transactional()
  async disburse(
    principal: Principal,
    id: string,
    version: number,
    dto: DisburseApplicationDto,
  ): Promise<Application> {
    const current = await this.locked(id);
    if (current.version !== version)
      throw versionMismatch('Application', id, current.version, version);
    this.expect(current, ['approved']);
    const amount = dto.amount ?? current.approvedAmount!;
    if (Number(amount) > Number(current.approvedAmount)) {
      throw new ProblemException('VALIDATION_FAILED', 'Disburse at most the approved amount', {
        errors: [
          fieldError('amount', 'above_approved', `must be at most ${current.approvedAmount}`),
        ],
      });
    }
    await this.txHost.tx.query(
      // What is not paid out goes back to the program's budget: the application is final once disbursed.
      `UPDATE programs SET disbursed_total = disbursed_total + $2::numeric, approved_total = approved_total - ($3::numeric - $2::numeric),
              version = version + 1, updated_at = now() WHERE id = $1`,
      [current.programId, amount, current.approvedAmount],
    );
    return this.change(
      id,
      version,
      { status: 'disbursed', disbursedAmount: amount, disbursedAt: () => 'now()' },
      'disburse',
    );
  }

  /** What the park has granted a company, beside what its deals expect to bring. */
  async supportOf(companyId: string): Promise<CompanySupport> {
    await this.companies.get(companyId);
    const programs = await this.txHost.tx.query<ProgramSupport[]>(
      `SELECT p.id AS "programId", p.name, p.name_en AS "nameEn", p.kind, count(*)::int AS applications,
              coalesce(sum(a.requested_amount) FILTER (WHERE a.status <> 'draft'), 0)::numeric(16, 2)::text AS requested,
              coalesce(sum(a.approved_amount) FILTER (WHERE a.status IN ('approved', 'disbursed')), 0)::numeric(16, 2)::text AS approved,
              coalesce(sum(a.disbursed_amount) FILTER (WHERE a.status = 'disbursed'), 0)::numeric(16, 2)::text AS disbursed
         FROM applications a JOIN programs p ON p.id = a.program_id
        WHERE a.company_id = $1 GROUP BY p.id ORDER BY p.created_at`,
      [companyId],
    );
    const [row] = await this.txHost.tx.query<Omit<CompanySupport, 'companyId' | 'programs'>[]>(
      `SELECT
         coalesce((SELECT sum(monthly_rent * rent_free_months) FROM leases WHERE company_id = $1 AND status = 'active'), 0)::numeric(16, 2)::text AS "rentFreeValue",
         coalesce((SELECT sum(a.approved_amount) FROM applications a JOIN programs p ON p.id = a.program_id
                    WHERE a.company_id = $1 AND a.status IN ('approved', 'disbursed') AND p.kind <> 'fund_investment'), 0)::numeric(16, 2)::text AS "subsidiesApproved",
         coalesce((SELECT sum(a.disbursed_amount) FROM applications a JOIN programs p ON p.id = a.program_id
                    WHERE a.company_id = $1 AND a.status = 'disbursed' AND p.kind <> 'fund_investment'), 0)::numeric(16, 2)::text AS "subsidiesDisbursed",
         coalesce((SELECT sum(approved_card_hours) FROM applications WHERE company_id = $1 AND status IN ('approved', 'disbursed')), 0)::numeric(16, 2)::text AS "computeCardHoursApproved",
         coalesce((SELECT sum(a.approved_amount) FROM applications a JOIN programs p ON p.id = a.program_id
                    WHERE a.company_id = $1 AND a.status IN ('approved', 'disbursed') AND p.kind = 'fund_investment'), 0)::numeric(16, 2)::text AS "fundInvestment",
         coalesce((SELECT sum(expected_investment) FROM deals WHERE company_id = $1 AND deleted_at IS NULL), 0)::numeric(16, 2)::text AS "expectedInvestment",
         coalesce((SELECT sum(expected_annual_revenue) FROM deals WHERE company_id = $1 AND deleted_at IS NULL), 0)::numeric(16, 2)::text AS "expectedAnnualRevenue",
         coalesce((SELECT sum(requested_amount) FROM applications WHERE company_id = $1 AND status <> 'draft'), 0)::numeric(16, 2)::text AS requested,
         coalesce((SELECT sum(approved_amount) FROM applications WHERE company_id = $1 AND status IN ('approved', 'disbursed')), 0)::numeric(16, 2)::text AS approved,
         coalesce((SELECT sum(disbursed_amount) FROM applications WHERE company_id = $1 AND status = 'disbursed'), 0)::numeric(16, 2)::text AS disbursed`,
      [companyId],
    );
    return { companyId, ...row, programs };
  }

  /**
   * The application with its row locked to the end of the transaction: concurrent decisions on one
   * application queue here and each sees the one before it, so a duplicate is a 412 before it
   * touches the program's totals (it was a 400 CONSTRAINT_VIOLATION when a second disbursement
   * pushed disbursed_total past approved_total before its version was checked).
   */
  private async locked(id: string): Promise<Application> {
    const application = await this.applications.findOne({
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw notFound('Application', id);
    return application;
  }

  private async owned(
    principal: Principal,
    id: string,
    action: 'update' | 'submit',
  ): Promise<Application> {
    const application = await this.application(id);
    const company = await this.companies.get(application.companyId);
    this.policy.assert(principal, action, 'Application', { companyOwnerId: company.ownerId });
    return application;
  }

  private expect(application: Application, statuses: ApplicationStatus[]): void {
    if (!statuses.includes(application.status)) {
      throw new ProblemException(
        'ILLEGAL_TRANSITION',
        `The application is ${application.status}; this needs ${statuses.join(' or ')}`,
      );
    }
  }

  private async change(
    id: string,
    version: number,
    changes: Record<string, unknown>,
    action: string,
  ): Promise<Application> {
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Application,
      'Application',
      id,
      version,
      changes,
    );
    await this.audit.record({
      entityType: 'Application',
      entityId: id,
      action,
      before,
      after,
      reason: (changes.decisionReason as string) ?? undefined,
    });
    return after;
  }
}
