import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { ProblemException } from '../common/errors/problem.exception';
import { LeadsService } from '../leads/leads.service';
import { Deal } from './deal.entity';
import { DealsService } from './deals.service';
import { ConvertLeadDto } from './dto/deal.dto';

/** Turns a qualified (or earlier) lead into a deal in the first stage, in one transaction. */
@Injectable()
export class LeadConversionService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly leads: LeadsService,
    private readonly deals: DealsService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async convert(
    principal: Principal,
    leadId: string,
    version: number,
    dto: ConvertLeadDto,
  ): Promise<Deal> {
    await this.txHost.tx.query(`SELECT 1 FROM leads WHERE id = $1 FOR UPDATE`, [leadId]);
    const lead = await this.leads.get(leadId);
    this.policy.assert(principal, 'convert', 'Lead', lead);
    if (lead.version !== version) {
      throw new ProblemException(
        'VERSION_MISMATCH',
        `Lead ${leadId} is at version ${lead.version}, not ${version}`,
        {
          currentVersion: lead.version,
        },
      );
    }
    if (lead.onHold)
      throw new ProblemException(
        'LEAD_ON_HOLD',
        'The lead waits for a manager to resolve its ownership conflict',
      );
    if (!['new', 'contacted', 'qualified'].includes(lead.status)) {
      throw new ProblemException('ILLEGAL_TRANSITION', `A ${lead.status} lead cannot be converted`);
    }
    const rival = await this.deals.openDealOfAnother(lead.companyId, principal.id);
    if (rival) {
      throw new ProblemException(
        'LEAD_CONFLICT',
        'Another promoter already has an open deal with this firm: ask a manager',
        {
          existingDealId: rival.id,
        },
      );
    }
    const deal = await this.deals.open(principal, {
      ...dto,
      companyId: lead.companyId,
      leadId: lead.id,
    });
    await this.txHost.tx.query(
      `UPDATE leads SET status = 'converted', converted_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
      [leadId],
    );
    await this.audit.record({
      entityType: 'Lead',
      entityId: leadId,
      action: 'convert',
      before: { status: lead.status },
      after: { status: 'converted', dealId: deal.id },
    });
    return deal;
  }
}
