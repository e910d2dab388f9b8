import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CompaniesModule } from '../companies/companies.module';
import { CompanyMergeHooks } from '../companies/company-merge.hooks';
import { FirmClaims } from '../leads/firm-claims';
import { LeadsModule } from '../leads/leads.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { DealsController } from './deals.controller';
import { DealsService } from './deals.service';
import { GateRegistry, StageHooks } from './gate-registry';
import { LeadConversionService } from './lead-conversion.service';
import { PipelinesController } from './pipelines.controller';
import { PipelinesService } from './pipelines.service';
import { SlaJob } from './sla.job';
import { TasksService } from './tasks.service';
import { TimelineService } from './timeline.service';

@Module({
  imports: [AuthModule, CompaniesModule, LeadsModule, NotificationsModule],
  controllers: [PipelinesController, DealsController, ActivitiesController],
  providers: [
    StageHooks,
    PipelinesService,
    DealsService,
    GateRegistry,
    LeadConversionService,
    ActivitiesService,
    TasksService,
    TimelineService,
    SlaJob,
  ],
  exports: [
    StageHooks,
    PipelinesService,
    DealsService,
    GateRegistry,
    TasksService,
    TimelineService,
    LeadConversionService,
  ],
})
export class PipelineModule {
  constructor(mergeHooks: CompanyMergeHooks, claims: FirmClaims) {
    // A converted lead keeps claiming its firm while its deal is open.
    claims.register(
      `EXISTS (SELECT 1 FROM deals d JOIN stages s ON s.id = d.stage_id
                WHERE d.lead_id = l.id AND d.deleted_at IS NULL AND s.kind = 'open')`,
    );
    mergeHooks.registerDependents('open deals', async (tx, companyId) => {
      const [{ n }] = await tx.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM deals d JOIN stages s ON s.id = d.stage_id
          WHERE d.company_id = $1 AND d.deleted_at IS NULL AND s.kind = 'open'`,
        [companyId],
      );
      return n;
    });
    // A company merge moves the duplicate's deals, activities and tasks to the survivor.
    for (const table of ['deals', 'activities', 'tasks']) {
      mergeHooks.register(table, async (tx, survivorId, sourceId) => {
        const [, moved] = await tx.query<[unknown, number]>(
          `UPDATE ${table} SET company_id = $1, version = version + 1, updated_at = now() WHERE company_id = $2`,
          [survivorId, sourceId],
        );
        return moved;
      });
    }
  }
}
