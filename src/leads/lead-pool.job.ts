import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service';
import { LeadsService } from './leads.service';

export const LEAD_POOL_QUEUE = 'leads-return-idle-to-pool';

/** Nightly at 02:00 Beijing time: idle leads return to the pool (公海). */
@Injectable()
export class LeadPoolJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly leads: LeadsService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: LEAD_POOL_QUEUE,
      cron: '0 2 * * *',
      timeZone: 'Asia/Shanghai',
      handler: async () => {
        await this.leads.returnIdleLeadsToPool();
      },
    });
  }
}
