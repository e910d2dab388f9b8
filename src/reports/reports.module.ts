import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ActivityReportsService } from './activity-reports.service';
import { LeadershipPackController } from './leadership-pack.controller';
import { LeadershipPackService } from './leadership-pack.service';
import { ParkReportsService } from './park-reports.service';
import { PipelineReportsService } from './pipeline-reports.service';
import { ReportsController } from './reports.controller';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/** Reports (SQL aggregates over a period, JSON or CSV) and the park's targets. */
@Module({
  imports: [AuthModule, PipelineModule],
  controllers: [ReportsController, TargetsController, LeadershipPackController],
  providers: [
    PipelineReportsService,
    ActivityReportsService,
    ParkReportsService,
    TargetsService,
    LeadershipPackService,
  ],
  exports: [PipelineReportsService, ActivityReportsService, ParkReportsService, TargetsService],
})
export class ReportsModule {}
