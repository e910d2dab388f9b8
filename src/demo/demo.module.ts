import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LeadsModule } from '../leads/leads.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { SiteVisitsModule } from '../site-visits/site-visits.module';
import { SpacesModule } from '../spaces/spaces.module';
import { OnboardingModule } from '../onboarding/onboarding.module';
import { IncentivesModule } from '../incentives/incentives.module';
import { DemoDataService } from './demo-data.service';

@Module({
  imports: [
    AuthModule,
    LeadsModule,
    PipelineModule,
    SiteVisitsModule,
    SpacesModule,
    OnboardingModule,
    IncentivesModule,
  ],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoModule {}
