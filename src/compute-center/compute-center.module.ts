import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CompaniesModule } from '../companies/companies.module';
import { CompanyMergeHooks } from '../companies/company-merge.hooks';
import { ProblemException } from '../common/errors/problem.exception';
import { NotificationsModule } from '../notifications/notifications.module';
import { OnboardingModule } from '../onboarding/onboarding.module';
import { ComputeAccountsController } from './compute-accounts.controller';
import { ComputeAccountsService } from './compute-accounts.service';
import { ComputeCenterIntegrationController } from './compute-center-integration.controller';
import { ComputeCenterClient } from './compute-center.client';
import { ComputeOutbox } from './compute-outbox.service';
import { ComputeStateService } from './compute-state.service';
import { ComputeSyncService } from './compute-sync.service';
import { ComputeWebhooksService } from './compute-webhooks.service';

/** The link to the Ascend AI Computing Center: client, outbox, webhooks, accounts and sync. */
@Module({
  imports: [AuthModule, CompaniesModule, NotificationsModule, OnboardingModule],
  controllers: [ComputeAccountsController, ComputeCenterIntegrationController],
  providers: [
    ComputeCenterClient,
    ComputeOutbox,
    ComputeAccountsService,
    ComputeStateService,
    ComputeWebhooksService,
    ComputeSyncService,
  ],
})
export class ComputeCenterModule {
  constructor(mergeHooks: CompanyMergeHooks) {
    // The center knows a firm by its CRM id: a linked firm cannot disappear or merge away quietly.
    mergeHooks.registerDependents('compute-center account', async (tx, companyId) => {
      const [{ n }] = await tx.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM compute_accounts WHERE company_id = $1`,
        [companyId],
      );
      return n;
    });
    mergeHooks.register('compute_accounts', async (tx, _survivorId, sourceId) => {
      const [{ n }] = await tx.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM compute_accounts WHERE company_id = $1`,
        [sourceId],
      );
      if (n > 0)
        throw new ProblemException(
          'CONFLICT',
          'The duplicate has a compute-center account; merge the other way round',
        );
      return 0;
    });
  }
}
