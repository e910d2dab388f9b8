import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { UsersService } from '../auth/users/users.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ComputeAccount, type ComputeAccountStatus } from './compute-account.entity';
import { ComputeAllocation, type AllocationStatus } from './compute-allocation.entity';
import { ComputeAccountsService } from './compute-accounts.service';
import type { RemoteAccountStatus, UsageRecord } from './compute-center.client';

export type Outcome = 'applied' | 'stale';

const STATUS_FROM_CENTER: Record<RemoteAccountStatus, ComputeAccountStatus> = {
  provisioning: 'pending',
  active: 'active',
  provisioning_failed: 'failed',
  suspended: 'suspended',
  closed: 'closed',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies what the compute center says (in webhooks, or read back by a resync) to the CRM's copy.
 * The center's version orders it: the account's status keeps the version of the status last
 * applied, each allocation and each usage row its own, so an older report never overwrites a
 * newer one, while news about one thing is not dropped because another thing changed since.
 */
@Injectable()
export class ComputeStateService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly accounts: ComputeAccountsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  private get accountRepo() {
    return this.txHost.tx.getRepository(ComputeAccount);
  }

  /**
   * Locks the CRM's account for a center account, linking it by the firm's id (`externalRef`) if
   * the center's answer to the provisioning call has not been recorded yet.
   */
  async lockAccount(externalId: string, externalRef?: string): Promise<ComputeAccount | null> {
    const lock = { mode: 'pessimistic_write' } as const;
    const linked = await this.accountRepo.findOne({ where: { externalId }, lock });
    if (linked || !externalRef || !UUID.test(externalRef)) return linked;
    const unlinked = await this.accountRepo.findOne({ where: { companyId: externalRef }, lock });
    if (!unlinked || unlinked.externalId) return null;
    await this.accountRepo.update({ id: unlinked.id }, { externalId });
    return this.accountRepo.findOneByOrFail({ id: unlinked.id });
  }

  async applyStatus(
    account: ComputeAccount,
    status: RemoteAccountStatus,
    version: number,
    reason: string | null = null,
  ): Promise<Outcome> {
    if (version <= account.remoteVersion) return 'stale';
    const next = STATUS_FROM_CENTER[status];
    // A suspended account was active first, even if the activation event is still on its way.
    const activated = (next === 'active' || next === 'suspended') && !account.activatedAt;
    await this.accountRepo.update(
      { id: account.id },
      {
        status: next,
        statusReason: next === 'active' ? null : reason,
        remoteVersion: version,
        ...(activated ? { activatedAt: new Date() } : {}),
      },
    );
    if (activated) await this.accounts.onActivated(account);
    return 'applied';
  }

  /** An allocation's state at the center; null when the CRM does not know that allocation. */
  async applyAllocation(
    account: ComputeAccount,
    externalId: string,
    version: number,
    state: { status?: AllocationStatus; remaining?: string; thresholdReached?: boolean },
  ): Promise<{ outcome: Outcome; allocation: ComputeAllocation } | null> {
    const repo = this.txHost.tx.getRepository(ComputeAllocation);
    const allocation = await repo.findOne({
      where: { accountId: account.id, externalId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!allocation) return null;
    if (version <= allocation.remoteVersion) return { outcome: 'stale', allocation };
    await repo.update(
      { id: allocation.id },
      {
        remoteVersion: version,
        ...(state.status ? { status: state.status } : {}),
        ...(state.remaining !== undefined ? { remaining: state.remaining } : {}),
        ...(state.thresholdReached && !allocation.thresholdReachedAt
          ? { thresholdReachedAt: new Date() }
          : {}),
      },
    );
    return { outcome: 'applied', allocation };
  }

  /**
   * Stores usage rows (a day's figure is cumulative, so a newer one replaces it) and brings the
   * remaining card-hours of the allocations they drew on in line with them.
   */
  async applyUsage(account: ComputeAccount, records: UsageRecord[], version: number) {
    if (records.length === 0) return 'stale';
    const rows = await this.txHost.tx.query<unknown[]>(
      `INSERT INTO compute_usage AS u (account_id, day, resource_type, allocation_ref, card_hours, final, remote_version)
       SELECT $1, t.day::date, t.resource, t.allocation, t.hours::numeric, t.final, $7
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[]) AS t(day, resource, allocation, hours, final)
       ON CONFLICT (account_id, day, resource_type, allocation_ref) DO UPDATE
          SET card_hours = EXCLUDED.card_hours, final = EXCLUDED.final, remote_version = EXCLUDED.remote_version, updated_at = now()
        WHERE u.remote_version < EXCLUDED.remote_version
       RETURNING 1`,
      [
        account.id,
        records.map((r) => r.periodStart.slice(0, 10)),
        records.map((r) => r.resourceType),
        records.map((r) => r.allocationId ?? ''),
        records.map((r) => r.cardHours),
        records.map((r) => Boolean(r.final)),
        version,
      ],
    );
    if (rows.length === 0) return 'stale';
    await this.txHost.tx.query(
      `UPDATE compute_allocations a SET remaining = greatest(a.amount - u.used, 0), version = a.version + 1, updated_at = now()
         FROM (SELECT allocation_ref, sum(card_hours) AS used FROM compute_usage
                WHERE account_id = $1 AND allocation_ref = ANY($2::text[]) GROUP BY allocation_ref) u
        WHERE a.account_id = $1 AND a.external_id = u.allocation_ref AND a.unit = 'card_hour'
          AND a.remaining IS DISTINCT FROM greatest(a.amount - u.used, 0)`,
      [account.id, [...new Set(records.map((r) => r.allocationId ?? ''))]],
    );
    return 'applied';
  }

  /** Tells the firm's owner and the managers about its quota. */
  async notifyQuota(
    account: ComputeAccount,
    kind: 'compute.quota_threshold' | 'compute.quota_exhausted',
    allocation: ComputeAllocation,
    remaining: string,
  ): Promise<void> {
    const [company] = await this.txHost.tx.query<{ name: string; owner_id: string | null }[]>(
      `SELECT name, owner_id FROM companies WHERE id = $1`,
      [account.companyId],
    );
    const managers = await this.users.activeIdsWithRoles(['manager']);
    const recipients = [...new Set([company?.owner_id, ...managers].filter(Boolean) as string[])];
    const title =
      kind === 'compute.quota_exhausted'
        ? `算力额度已用尽 / Compute quota used up: ${company?.name}`
        : `算力额度即将用尽 / Compute quota running low: ${company?.name}`;
    await this.notifications.notify(
      recipients.map((userId) => ({
        userId,
        kind,
        title,
        entityType: 'ComputeAccount',
        entityId: account.id,
        data: {
          subject: company?.name ?? '',
          allocationId: allocation.id,
          amount: allocation.amount,
          remaining,
        },
      })),
    );
  }
}
