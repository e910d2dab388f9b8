import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CompaniesModule } from '../companies/companies.module';
import { GateRegistry, StageHooks } from '../pipeline/gate-registry';
import { PipelineModule } from '../pipeline/pipeline.module';
import { OnboardingController } from './onboarding.controller';
import { OnboardingService } from './onboarding.service';

@Module({
  imports: [AuthModule, CompaniesModule, PipelineModule],
  controllers: [OnboardingController],
  providers: [OnboardingService],
  exports: [OnboardingService],
})
export class OnboardingModule implements OnModuleInit {
  constructor(
    private readonly onboarding: OnboardingService,
    private readonly stageHooks: StageHooks,
    private readonly gates: GateRegistry,
  ) {}

  onModuleInit(): void {
    this.stageHooks.onEnter('signed', (deal) => this.onboarding.open(deal));
    // Onboarding and Tenant are reached through the track, not by hand.
    this.gates.register('onboarding_started', async ({ deal }) =>
      (await this.onboarding.progress(deal.id)).started
        ? null
        : 'Finish the first onboarding task; the deal then moves by itself',
    );
    this.gates.register('onboarding_complete', async ({ deal }) =>
      (await this.onboarding.progress(deal.id)).complete
        ? null
        : 'Finish every required onboarding task; the deal then moves by itself',
    );
  }
}
