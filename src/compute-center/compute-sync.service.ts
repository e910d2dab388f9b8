import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { UsersService } from '../auth/users/users.service';
import { ProblemException } from '../common/errors/problem.exception';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ComputeAccount } from './compute-account.entity';
import { ComputeAllocation } from './compute-allocation.entity';
import { ComputeAccountsService } from './compute-accounts.service';
import {
  ComputeCenterClient,
  ComputeCenterError,
  type RemoteAccount,
  type UsageRecord,
} from './compute-center.client';
import { ComputeReconciliation, type DriftItem } from './compute-reconciliation.entity';
import { ComputeStateService } from './compute-state.service';
import type { ComputeAccountDetailDto } from './dto/compute-center-responses.dto';

export const RECONCILIATION_QUEUE = 'compute-center-reconciliation';
const USAGE_DAYS_RESYNCED = 93;
const STATUS_AT_CENTER: Record<string, string> = {
  pending: 'provisioning',
  active: 'active',
  failed: 'provisioning_failed',
  suspended: 'suspended',
  closed: 'closed',
};
const amount = (value: string | null | undefined) => Number(value ?? 0).toFixed(2);

/**
 * Reading the compute center back: `resync` brings one account in line with the center, the
 * nightly reconciliation compares every linked account and its allocations and reports drift.
 */
@Injectable()
export class ComputeSyncService implements OnModuleInit {
  private readonly logger = new Logger(ComputeSyncService.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly client: ComputeCenterClient,
    private readonly accounts: ComputeAccountsService,
    private readonly state: ComputeStateService,
    private readonly jobs: JobsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: RECONCILIATION_QUEUE,
      cron: '30 3 * * *',
      timeZone: 'Asia/Shanghai',
      worker: this.client.configured,
      handler: async () => void (await this.reconcile()),
    });
  }

  /** Re-reads the account, its allocations and recent usage from the center and applies them. */
  async resync(id: string): Promise<ComputeAccountDetailDto> {
    const account = await this.accounts.get(id);
    const remote = await this.fetchRemote(account);
    if (!remote)
      throw new ProblemException(
        'COMPUTE_ACCOUNT_NOT_LINKED',
        'The compute center has no account for this company yet',
      );
    const usage = await this.fetchUsage(remote.id);
    await this.apply(account.id, remote, usage);
    return this.accounts.detail(id);
  }

  @Transactional()
  private async apply(accountId: string, remote: RemoteAccount, usage: UsageRecord[]) {
    const account = await this.state.lockAccount(remote.id, remote.externalRef);
    if (!account || account.id !== accountId)
      throw new ProblemException(
        'CONFLICT',
        `The center's account ${remote.id} belongs to another record`,
      );
    await this.state.applyStatus(account, remote.status, remote.version, remote.statusReason);
    for (const allocation of remote.allocations)
      await this.state.applyAllocation(account, allocation.allocationId, remote.version, {
        status: allocation.status,
        remaining: allocation.remaining,
      });
    await this.state.applyUsage(account, usage, remote.version);
    await this.txHost.tx
      .getRepository(ComputeAccount)
      .update({ id: account.id }, { lastSyncedAt: new Date() });
  }

  private async fetchRemote(account: ComputeAccount): Promise<RemoteAccount | undefined> {
    try {
      if (account.externalId) return await this.client.getAccount(account.externalId);
      return (await this.client.findAccounts(account.companyId))[0];
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private async fetchUsage(remoteId: string): Promise<UsageRecord[]> {
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - USAGE_DAYS_RESYNCED * 86_400_000).toISOString().slice(0, 10);
    const records: UsageRecord[] = [];
    let cursor: string | undefined;
    try {
      do {
        const page = await this.client.usage(remoteId, { from, to, granularity: 'day', cursor });
        records.push(...page.records);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    } catch (error) {
      throw this.unavailable(error);
    }
    return records;
  }

  private unavailable(error: unknown): Error {
    if (!(error instanceof ComputeCenterError)) return error as Error;
    return new ProblemException(
      error.retryable ? 'COMPUTE_CENTER_UNAVAILABLE' : 'COMPUTE_CENTER_FAILED',
      error.message,
    );
  }

  /** Compares both sides for every linked account; records and reports what differs. */
  async reconcile(): Promise<ComputeReconciliation> {
    const runs = this.txHost.tx.getRepository(ComputeReconciliation);
    const run = await runs.save(runs.create({ startedAt: new Date(), drift: [] }));
    const drift: DriftItem[] = [];
    let checked = 0;
    let failure: string | null = null;
    const accounts = await this.txHost.tx
      .getRepository(ComputeAccount)
      .find({ where: {}, order: { createdAt: 'ASC' } });
    const allocationsOf = new Map<string, ComputeAllocation[]>();
    for (const allocation of await this.txHost.tx.getRepository(ComputeAllocation).find())
      allocationsOf.set(allocation.accountId, [
        ...(allocationsOf.get(allocation.accountId) ?? []),
        allocation,
      ]);
    for (const account of accounts) {
      try {
        const remote = await this.fetchRemote(account);
        drift.push(...this.compare(account, allocationsOf.get(account.id) ?? [], remote));
        checked += 1;
      } catch (error) {
        failure = `account ${account.id}: ${(error as Error).message}`.slice(0, 1000);
        break;
      }
    }
    await runs.update(
      { id: run.id },
      { finishedAt: new Date(), accountsChecked: checked, drift, error: failure },
    );
    if (drift.length > 0 || failure) await this.tellAdmins(drift.length, failure);
    this.logger.log({ checked, drift: drift.length, failure }, 'compute-center reconciliation');
    return runs.findOneByOrFail({ id: run.id });
  }

  private compare(
    account: ComputeAccount,
    allocations: ComputeAllocation[],
    remote: RemoteAccount | undefined,
  ): DriftItem[] {
    const item = (field: string, crm: string, center: string, allocationId?: string) => ({
      accountId: account.id,
      companyId: account.companyId,
      field,
      crm,
      center,
      ...(allocationId ? { allocationId } : {}),
    });
    if (!remote)
      return account.status === 'pending' && !account.externalId
        ? []
        : [item('account', account.externalId ?? 'linked', 'missing')];
    const drift: DriftItem[] = [];
    if (account.externalId !== remote.id)
      drift.push(item('externalId', account.externalId ?? 'none', remote.id));
    if (STATUS_AT_CENTER[account.status] !== remote.status)
      drift.push(item('status', account.status, remote.status));
    const remoteById = new Map(remote.allocations.map((a) => [a.allocationId, a]));
    for (const local of allocations) {
      if (!local.externalId) continue;
      const other = remoteById.get(local.externalId);
      remoteById.delete(local.externalId);
      if (!other) {
        drift.push(item('allocation', local.status, 'missing', local.id));
        continue;
      }
      if (local.status !== other.status)
        drift.push(item('allocation.status', local.status, other.status, local.id));
      if (amount(local.remaining) !== amount(other.remaining))
        drift.push(
          item('allocation.remaining', amount(local.remaining), amount(other.remaining), local.id),
        );
    }
    for (const extra of remoteById.values())
      drift.push(item('allocation', 'missing', `${extra.allocationId} ${extra.status}`));
    return drift;
  }

  @Transactional()
  private async tellAdmins(driftCount: number, failure: string | null) {
    const admins = await this.users.activeIdsWithRoles(['admin']);
    await this.notifications.notify(
      admins.map((userId) => ({
        userId,
        kind: 'compute.reconciliation_drift',
        title: failure
          ? `算力中心对账未完成 / Compute-center reconciliation incomplete`
          : `算力中心对账发现 ${driftCount} 处差异 / Compute-center reconciliation: ${driftCount} differences`,
        data: { subject: 'compute-center', drift: driftCount, failure },
      })),
    );
  }

  latest(): Promise<ComputeReconciliation | null> {
    return this.txHost.tx
      .getRepository(ComputeReconciliation)
      .findOne({ where: {}, order: { startedAt: 'DESC' } });
  }
}
