import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { NewUser, UsersService } from '../auth/users/users.service';
import { LeadsService } from '../leads/leads.service';
import { DealsService } from '../pipeline/deals.service';
import { LeadConversionService } from '../pipeline/lead-conversion.service';
import { PipelinesService } from '../pipeline/pipelines.service';
import { SiteVisitsService } from '../site-visits/site-visits.service';
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
        if (stage.gates.includes('completed_site_visit')) {
          const start = new Date(Date.now() - (10 + n) * 86_400_000);
          const { visit } = await this.visits.create(principal, {
            dealId: deal.id,
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + 5_400_000).toISOString(),
            placeType: 'computing_center',
            placeLabel: '昇腾人工智能计算中心 Ascend AI Computing Center',
            hostIds: [principal.id],
            visitors: [firm.contact],
          });
          await this.visits.complete(principal, visit.id, visit.version, {
            interest: 3 + (n % 3),
            nextStep: '商务洽谈 negotiate terms',
          });
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
}
