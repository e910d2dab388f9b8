import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CompaniesModule } from '../companies/companies.module';
import { CompanyMergeHooks } from '../companies/company-merge.hooks';
import { NotificationsModule } from '../notifications/notifications.module';
import { LeadConflictsController } from './lead-conflicts.controller';
import { LeadConflictsService } from './lead-conflicts.service';
import { FirmClaims } from './firm-claims';
import { LeadImportService } from './import/lead-import.service';
import { LeadPoolJob } from './lead-pool.job';
import { LeadsController } from './leads.controller';
import { LeadsService } from './leads.service';

@Module({
  imports: [AuthModule, CompaniesModule, NotificationsModule],
  controllers: [LeadsController, LeadConflictsController],
  providers: [FirmClaims, LeadsService, LeadConflictsService, LeadImportService, LeadPoolJob],
  exports: [LeadsService, FirmClaims],
})
export class LeadsModule implements OnModuleInit {
  constructor(private readonly mergeHooks: CompanyMergeHooks) {}

  /** A company merge moves the duplicate's leads to the survivor, in the merge's transaction. */
  onModuleInit(): void {
    this.mergeHooks.registerDependents('open leads', async (tx, companyId) => {
      const [{ n }] = await tx.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM leads WHERE company_id = $1 AND deleted_at IS NULL AND status IN ('new', 'contacted', 'qualified')`,
        [companyId],
      );
      return n;
    });
    this.mergeHooks.register('leads', async (tx, survivorId, sourceId) => {
      const [, moved] = await tx.query<[unknown, number]>(
        `UPDATE leads SET company_id = $1, version = version + 1, updated_at = now() WHERE company_id = $2`,
        [survivorId, sourceId],
      );
      return moved;
    });
  }
}
