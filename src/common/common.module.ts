import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKey } from './idempotency/idempotency-key.entity';
import { IdempotencyPurgeJob } from './idempotency/idempotency-purge.job';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyService } from './idempotency/idempotency.service';
import { ReportCacheService } from './report-cache/report-cache.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKey])],
  providers: [IdempotencyService, IdempotencyInterceptor, IdempotencyPurgeJob, ReportCacheService],
  exports: [IdempotencyService, IdempotencyInterceptor, ReportCacheService],
})
export class CommonModule {}
