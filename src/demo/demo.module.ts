import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LeadsModule } from '../leads/leads.module';
import { DemoDataService } from './demo-data.service';

@Module({
  imports: [AuthModule, LeadsModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoModule {}
