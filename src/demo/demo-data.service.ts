import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { beijingMidnight, beijingToday } from '../common/time/beijing';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { NewUser, UsersService } from '../auth/users/users.service';
import { LeadsService } from '../leads/leads.service';
import { DealsService } from '../pipeline/deals.service';
import { LeadConversionService } from '../pipeline/lead-conversion.service';
import { PipelinesService } from '../pipeline/pipelines.service';
import { SiteVisitsService } from '../site-visits/site-visits.service';
import { SpacesService } from '../spaces/spaces.service';
import { OnboardingService } from '../onboarding/onboarding.service';
import { IncentivesService } from '../incentives/incentives.service';
import { DEMO_FIRMS } from './demo-companies';

export const DEMO_PASSWORD = 'Demo#2026';

export const DEMO_USERS: NewUser[] = [
  {
    email: 'admin@demo.park',
    displayName: '系统管理员 Admin',
    role: 'admin',
    password: DEMO_PASSWORD,
  },
  {
    email: 'manager@demo.park',
    displayName: '招商负责人 Manager',
    role: 'manager',
    password: DEMO_PASSWORD,
  },
  {
    email: 'promoter1@demo.park',
    displayName: '招商专员一 Promoter 1',
    role: 'promoter',
    password: DEMO_PASSWORD,
  },
  {
    email: 'promoter2@demo.park',
    displayName: '招商专员二 Promoter 2',
    role: 'promoter',
    password: DEMO_PASSWORD,
  },
  {
    email: 'viewer@demo.park',
    displayName: '只读用户 Viewer',
    role: 'viewer',
    password: DEMO_PASSWORD,
  },
];

/** Seeds the demo park; idempotent, and serialised across instances by an advisory lock. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly users: UsersService,
    private readonly leads: LeadsService,
    private readonly pipelines: PipelinesService,
    private readonly deals: DealsService,
    private readonly conversion: LeadConversionService,
    private readonly visits: SiteVisitsService,
    private readonly spaces: SpacesService,
    private readonly onboarding: OnboardingService,
    private readonly incentives: IncentivesService,
  ) {}

  @Transactional()
  async seed(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext('park-crm:demo-seed'))`);
    const created = await this.users.ensureUsers(DEMO_USERS);
    if (created > 0) this.logger.log(`seeded ${created} demo users`);
    await this.seedLeads();
  }

  /** The demo firms with their leads, once (skipped when any company exists). */
  private async seedLeads(): Promise<void> {
    const [{ n }] = await this.txHost.tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM companies`,
    );
    if (n > 0) return;
    const promoters: Record<string, Principal> = {};
    for (const key of ['promoter1', 'promoter2'] as const) {
      const user = await this.users.findForLogin(`${key}@demo.park`);
      if (user) promoters[key] = { kind: 'user', id: user.id, role: 'promoter' };
    }
    if (!promoters.promoter1 || !promoters.promoter2) return;
    const leadIds: string[] = [];
    for (const firm of DEMO_FIRMS) {
      const principal = promoters[firm.owner ?? 'promoter1'];
      const { lead } = await this.leads.create(principal, {
        source: firm.source,
        company: {
          name: firm.name,
          nameEn: firm.nameEn,
          creditCode: firm.creditCode,
          aiSegment: firm.segment,
          hqCity: firm.city,
        },
        contact: { name: firm.contact, title: '总经理 General manager' },
      });
      leadIds.push(lead.id);
      if (firm.status !== 'new') {
        await this.leads.update(principal, lead.id, lead.version, {
          status: firm.status === 'disqualified' ? 'disqualified' : firm.status,
          ...(firm.status === 'disqualified'
            ? { disqualifyReason: '暂无落地计划 no plans to move yet' }
            : {}),
        });
      }
      if (!firm.owner)
        await this.txHost.tx.query(
          `UPDATE leads SET owner_id = NULL, pooled_at = now() WHERE id = $1`,
          [lead.id],
        );
    }
    await this.seedDeals(promoters, leadIds);
    await this.seedComputeSubsidy(promoters.promoter1);
    // One firm met by the other promoter at an event: an ownership conflict (撞单) for the manager.
    const first = DEMO_FIRMS[0];
    await this.leads.create(promoters.promoter2, {
      source: 'event',
      company: { name: first.name.replace('北京', '').replace('有限公司', '（北京）有限公司') },
    });
    this.logger.log(`seeded ${DEMO_FIRMS.length} demo companies with their leads`);
  }

  /** Deals at every stage of the default pipeline, each having passed the gates on its way. */
  private async seedDeals(promoters: Record<string, Principal>, leadIds: string[]): Promise<void> {
    const units = await this.seedSpaces();
    await this.seedPrograms();
    const stages = await this.pipelines.stagesOf(
      (await this.pipelines.defaultPipeline()).id,
      false,
    );
    const path = stages.filter((stage) => stage.kind !== 'lost');
    const lost = stages.find((stage) => stage.kind === 'lost');
    const eligible = DEMO_FIRMS.map((firm, i) => ({ firm, leadId: leadIds[i], i })).filter(
      ({ firm }) => firm.owner && firm.status !== 'disqualified',
    );
    for (const [n, { firm, leadId, i }] of eligible.entries()) {
      const principal = promoters[firm.owner!];
      const lead = await this.leads.get(leadId);
      let deal = await this.conversion.convert(principal, leadId, lead.version, {
        expectedArea: String(300 + ((i * 137) % 2000)) + '.00',
        expectedComputeCardHours: 2000 + ((i * 911) % 20000),
        expectedInvestment: String((5 + ((i * 7) % 60)) * 1_000_000) + '.00',
        targetMoveInDate: `2027-${String((i % 12) + 1).padStart(2, '0')}-01`,
      });
      const target = n % (path.length + 1);
      // The last group is lost early (after needs confirmed), the others walk to their stage.
      const steps = target === path.length ? path.slice(1, 2) : path.slice(1, target + 1);
      for (const stage of steps) {
        if (stage.gates.includes('completed_site_visit'))
          await this.visitDone(principal, deal.id, firm.contact, n);
        if (stage.gates.includes('reserved_unit')) {
          await this.spaces.reserve(principal, {
            unitId: units[n % units.length].id,
            dealId: deal.id,
            expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
          });
        }
        if (stage.code === 'onboarding' || stage.code === 'tenant') {
          await this.onboard(
            principal,
            deal.id,
            stage.code === 'tenant',
            units[n % units.length].id,
          );
          deal = await this.deals.get(deal.id);
          continue;
        }
        deal = await this.deals.move(principal, deal.id, deal.version, { stageId: stage.id });
      }
      if (target === path.length && lost) {
        await this.deals.move(principal, deal.id, deal.version, {
          stageId: lost.id,
          lostReason: '选择了其他园区 chose another park',
        });
      }
    }
  }

  private async visitDone(
    principal: Principal,
    dealId: string,
    visitor: string,
    n: number,
  ): Promise<void> {
    // At 10:00 Beijing time (10 + n days ago): a visit in working hours, never across midnight.
    const day = beijingToday(new Date(Date.now() - (10 + n) * 86_400_000));
    const start = new Date(beijingMidnight(day).getTime() + 10 * 3_600_000);
    const { visit } = await this.visits.create(principal, {
      dealId,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 5_400_000).toISOString(),
      placeType: 'computing_center',
      placeLabel: '昇腾人工智能计算中心 Ascend AI Computing Center',
      hostIds: [principal.id],
      visitors: [visitor],
    });
    await this.visits.complete(principal, visit.id, visit.version, {
      interest: 3 + (n % 3),
      nextStep: '商务洽谈 negotiate terms',
    });
  }

  /** Works the deal's onboarding track: the first task, or every task (with the lease) for a tenant. */
  private async onboard(
    principal: Principal,
    dealId: string,
    all: boolean,
    unitId: string,
  ): Promise<void> {
    let [track] = (await this.onboarding.tracks({ dealId })).data;
    // The compute task is started: the account is asked for through the outbox, and the center's
    // activation (the simulator beside `npm start`) completes the task.
    const compute = track.tasks.find((task) => task.code === 'compute_account');
    if (compute && compute.status === 'todo') {
      await this.onboarding.updateTask(principal, track.id, compute.id, compute.version, {
        status: 'in_progress',
      });
      track = await this.onboarding.track(track.id);
    }
    if (all) {
      await this.spaces.lease(principal, {
        unitId,
        dealId,
        startDate: '2026-12-01',
        endDate: '2029-11-30',
        monthlyRent: '45000.00',
        rentFreeMonths: 3,
      });
    }
    for (const task of all ? track.tasks : track.tasks.slice(0, 1)) {
      if (task.status !== 'done')
        await this.onboarding.updateTask(principal, track.id, task.id, task.version, {
          status: 'done',
        });
    }
  }

  /** A tenant's compute subsidy, approved: it becomes card-hours on its compute-center account. */
  private async seedComputeSubsidy(promoter: Principal): Promise<void> {
    const manager = await this.users.findForLogin('manager@demo.park');
    const [tenant] = await this.txHost.tx.query<{ id: string }[]>(
      `SELECT id FROM companies WHERE status = 'tenant' AND owner_id = $1 ORDER BY name LIMIT 1`,
      [promoter.id],
    );
    const program = (await this.incentives.listPrograms({ limit: 200 })).data.find(
      (p) => p.kind === 'compute_subsidy',
    );
    if (!manager || !tenant || !program) return;
    const draft = await this.incentives.createApplication(promoter, {
      programId: program.id,
      companyId: tenant.id,
      requestedAmount: '200000.00',
      purpose: '大模型训练算力 compute for training foundation models',
    });
    const submitted = await this.incentives.submit(promoter, draft.id, draft.version);
    await this.incentives.approve(
      { kind: 'user', id: manager.id, role: 'manager' },
      submitted.id,
      submitted.version,
      { reason: '符合算力补贴条件 meets the compute-subsidy terms' },
    );
  }

  private async seedSpaces() {
    const buildings = [
      {
        name: '京西智谷 A 座',
        nameEn: 'Jingxi AI Valley, Tower A',
        address: '北京市门头沟区石龙经济开发区',
        floors: 12,
      },
      {
        name: '昇腾人工智能计算中心 配套楼',
        nameEn: 'Ascend AI Computing Center, annex',
        address: '北京市门头沟区',
        floors: 6,
      },
    ];
    const units = [];
    for (const [b, input] of buildings.entries()) {
      const building = await this.spaces.createBuilding(input);
      for (let k = 0; k < 10; k++) {
        const floor = 2 + Math.floor(k / 3);
        units.push(
          await this.spaces.createUnit({
            buildingId: building.id,
            code: `${b ? 'B' : 'A'}-${floor}0${(k % 3) + 1}`,
            floor,
            area: String(200 + k * 85) + '.00',
            type: k % 5 === 4 ? 'server_room' : k % 4 === 3 ? 'lab' : 'office',
            listRent: (b ? 3.8 : 4.5).toFixed(2),
          }),
        );
      }
    }
    return units;
  }

  private async seedPrograms(): Promise<void> {
    const programs = [
      {
        name: '算力补贴',
        nameEn: 'Compute-power subsidy',
        kind: 'compute_subsidy' as const,
        budget: '300000000.00',
        cardHoursPerYuan: '0.5',
      },
      {
        name: '房租补贴',
        nameEn: 'Rent subsidy',
        kind: 'rent_subsidy' as const,
        budget: '150000000.00',
      },
      {
        name: '人才补贴',
        nameEn: 'Talent subsidy',
        kind: 'talent_subsidy' as const,
        budget: '50000000.00',
      },
      {
        name: '基金直投',
        nameEn: 'Fund investment',
        kind: 'fund_investment' as const,
        budget: '400000000.00',
      },
    ];
    for (const program of programs) await this.incentives.createProgram(program);
  }
}
