import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GateRegistry } from '../pipeline/gate-registry';
import { PipelineModule } from '../pipeline/pipeline.module';
import { TimelineService } from '../pipeline/timeline.service';
import { SpacesModule } from '../spaces/spaces.module';
import { SiteVisitsController } from './site-visits.controller';
import { SiteVisitsService } from './site-visits.service';

@Module({
  imports: [AuthModule, PipelineModule, SpacesModule],
  controllers: [SiteVisitsController],
  providers: [SiteVisitsService],
  exports: [SiteVisitsService],
})
export class SiteVisitsModule {
  constructor(gates: GateRegistry, timeline: TimelineService) {
    gates.register('completed_site_visit', async ({ deal, tx }) => {
      const [{ done }] = await tx.query<{ done: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM site_visits WHERE deal_id = $1 AND status = 'completed') AS done`,
        [deal.id],
      );
      return done ? null : 'Complete a site visit with the firm first';
    });
    timeline.register(
      (type) =>
        `SELECT v.starts_at AS at, v.id, 'site_visit' AS kind,
                jsonb_build_object('dealId', v.deal_id, 'status', v.status, 'placeType', v.place_type, 'placeLabel', v.place_label,
                                   'endsAt', v.ends_at, 'interest', v.interest, 'nextStep', v.next_step) AS data
           FROM site_visits v WHERE v.deal_id IN (${TimelineService.dealsOf(type)})`,
    );
  }
}
