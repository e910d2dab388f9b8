import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ActivityReportsService } from './activity-reports.service';
import { ParkReportsService } from './park-reports.service';
import { PipelineReportsService } from './pipeline-reports.service';
import { ReportsController } from './reports.controller';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/** Reports (SQL aggregates over a period, JSON or CSV) and the park's targets. */
@Module({
  imports: [AuthModule, PipelineModule],
  controllers: [ReportsController, TargetsController],
  providers: [PipelineReportsService, ActivityReportsService, ParkReportsService, TargetsService],
  exports: [PipelineReportsService, ActivityReportsService, ParkReportsService, TargetsService],
})
export class ReportsModule {}
