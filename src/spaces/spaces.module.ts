import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { JobsService } from '../jobs/jobs.service';
import { GateRegistry } from '../pipeline/gate-registry';
import { PipelineModule } from '../pipeline/pipeline.module';
import { SpacesController } from './spaces.controller';
import { SpacesService } from './spaces.service';

export const HOLD_EXPIRY_QUEUE = 'spaces-expire-holds';

@Module({
  imports: [AuthModule, PipelineModule],
  controllers: [SpacesController],
  providers: [SpacesService],
  exports: [SpacesService],
})
export class SpacesModule implements OnModuleInit {
  constructor(
    private readonly spaces: SpacesService,
    private readonly gates: GateRegistry,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.gates.register('reserved_unit', async ({ deal }) =>
      (await this.spaces.dealHasUnit(deal.id))
        ? null
        : 'Reserve a unit for the deal first (POST /reservations)',
    );
    this.jobs.define({
      queue: HOLD_EXPIRY_QUEUE,
      cron: '5 * * * *',
      handler: async () => void (await this.spaces.expireHolds()),
    });
  }
}
