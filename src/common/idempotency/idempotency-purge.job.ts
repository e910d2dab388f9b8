import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../../jobs/jobs.service';
import { IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_PURGE_QUEUE = 'idempotency-keys-purge';

/** Hourly: forget idempotency keys past their time to live. */
@Injectable()
export class IdempotencyPurgeJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: IDEMPOTENCY_PURGE_QUEUE,
      cron: '17 * * * *',
      handler: async () => {
        await this.idempotency.purgeExpired();
      },
    });
  }
}
