import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { CompaniesService } from '../companies/companies.service';
import { versionMismatch } from '../common/concurrency/versioned-update';
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
    private readonly companies: CompaniesService,
  ) {}

  /**
   * Converts the lead for its owner. When another promoter has come to work the firm meanwhile, the
   * lead is held as a conflict instead (committed) and the answer is 409 LEAD_CONFLICT.
   */
  async convert(
    principal: Principal,
    leadId: string,
    version: number,
    dto: ConvertLeadDto,
  ): Promise<Deal> {
    const outcome = await this.txHost.withTransaction(() =>
      this.convertOrHold(principal, leadId, version, dto),
    );
    if ('conflictId' in outcome) {
      throw new ProblemException(
        'LEAD_CONFLICT',
        'Another promoter already works this firm: the lead is held for a manager',
        {
          conflictId: outcome.conflictId,
        },
      );
    }
    return outcome.deal;
  }

  private async convertOrHold(
    principal: Principal,
    leadId: string,
    version: number,
    dto: ConvertLeadDto,
  ): Promise<{ deal: Deal } | { conflictId: string }> {
    const { companyId } = await this.leads.get(leadId);
    await this.companies.lockForClaim([companyId]);
    await this.txHost.tx.query(`SELECT 1 FROM leads WHERE id = $1 FOR UPDATE`, [leadId]);
    // Read again under the locks: a conversion that waited on them sees the one before it (its
    // version and status), so a concurrent duplicate is a 412, not a second deal.
    const lead = await this.leads.get(leadId);
    this.policy.assert(principal, 'convert', 'Lead', lead);
    if (lead.version !== version) throw versionMismatch('Lead', leadId, lead.version, version);
    if (lead.onHold)
      throw new ProblemException(
        'LEAD_ON_HOLD',
        'The lead waits for a manager to resolve its ownership conflict',
      );
    if (!['new', 'contacted', 'qualified'].includes(lead.status) || !lead.ownerId) {
      throw new ProblemException(
        'ILLEGAL_TRANSITION',
        `A ${lead.ownerId ? lead.status : 'pool'} lead cannot be converted`,
      );
    }
    const rival = await this.leads.existingClaim(lead.companyId, [], lead.ownerId);
    if (rival) return { conflictId: (await this.leads.holdAsConflict(lead.id, rival)).id };
    const deal = await this.deals.open(principal, {
      ...dto,
      companyId: lead.companyId,
      leadId: lead.id,
      ownerId: lead.ownerId,
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
    return { deal };
  }
}
