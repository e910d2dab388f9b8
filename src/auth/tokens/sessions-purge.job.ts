import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../../jobs/jobs.service';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import { SessionsService } from './sessions.service';

export const SESSIONS_PURGE_QUEUE = 'auth-sessions-purge';

/** Hourly: delete refresh tokens and sessions that can no longer be used, and spent throttle windows. */
@Injectable()
export class SessionsPurgeJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: SESSIONS_PURGE_QUEUE,
      cron: '23 * * * *',
      handler: async () => {
        await this.sessions.purgeDead();
        await this.throttle.purgeSpentWindows();
      },
    });
  }
}
