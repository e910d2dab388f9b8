import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { UsersService } from '../auth/users/users.service';
import { notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate } from '../common/pagination/keyset';
import { mapPage, type Page } from '../common/pagination/page';
import type { Environment } from '../config/environment';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ComputeAccount } from './compute-account.entity';
import { ComputeAllocation } from './compute-allocation.entity';
import { ComputeCenterClient, ComputeCenterError } from './compute-center.client';
import { ComputeIntent, type IntentKind } from './compute-intent.entity';
import type { ListIntentsQuery } from './dto/compute-center.dto';

export type IntentListItem = Omit<ComputeIntent, 'account'> & {
  companyId: string;
  companyName: string;
};

export const COMPUTE_CALLS_QUEUE = 'compute-center-calls';
export const COMPUTE_DEAD_LETTER_QUEUE = 'compute-center-dead-letters';

interface CallJob {
  intentId: string;
}

/**
 * The transactional outbox of calls to the compute center. A change that needs a call writes an
 * intent and its pg-boss job in its own transaction; a worker sends it with the intent's id as the
 * Idempotency-Key, retrying with exponential backoff and jitter, and after the last attempt the
 * job lands in the dead-letter queue, where the intent is marked `dead` for an admin to retry.
 */
@Injectable()
export class ComputeOutbox implements OnModuleInit {
  private readonly logger = new Logger(ComputeOutbox.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly jobs: JobsService,
    private readonly client: ComputeCenterClient,
    private readonly config: ConfigService<Environment, true>,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  private get intents() {
    return this.txHost.tx.getRepository(ComputeIntent);
  }

  onModuleInit(): void {
    const timeoutSeconds = Math.ceil(this.config.get('COMPUTE_CENTER_TIMEOUT_MS') / 1000);
    this.jobs.define<CallJob>({
      queue: COMPUTE_DEAD_LETTER_QUEUE,
      handler: ({ intentId }) => this.markDead(intentId, 'every attempt failed'),
      queueOptions: { retryLimit: 5, retryDelay: 10, retryBackoff: true },
    });
    this.jobs.define<CallJob>({
      queue: COMPUTE_CALLS_QUEUE,
      handler: ({ intentId }) => this.deliver(intentId),
      // Without a configured compute center, calls wait in the queue instead of failing.
      worker: this.client.configured,
      queueOptions: {
        retryLimit: this.config.get('COMPUTE_CENTER_RETRY_LIMIT'),
        retryDelay: this.config.get('COMPUTE_CENTER_RETRY_DELAY_SECONDS'),
        retryBackoff: true,
        // A worker that died mid-call has its job failed (and retried) once this has passed.
        expireInSeconds: Math.max(5, timeoutSeconds * 3),
        deadLetter: COMPUTE_DEAD_LETTER_QUEUE,
      },
      workOptions: { pollingIntervalSeconds: 0.5 },
    });
  }

  /** Writes a call the compute center is owed; must run inside the causing change's transaction. */
  async enqueue(input: {
    accountId: string;
    allocationId?: string;
    kind: IntentKind;
    payload: Record<string, unknown>;
  }): Promise<ComputeIntent> {
    if (!this.txHost.isTransactionActive())
      throw new Error('A compute-center call must be enqueued inside its transaction');
    const intent = await this.intents.save(
      this.intents.create({ ...input, allocationId: input.allocationId ?? null }),
    );
    await this.jobs.send<CallJob>(COMPUTE_CALLS_QUEUE, { intentId: intent.id });
    return intent;
  }

  /** One attempt at an intent (the job handler): throws to have pg-boss retry it. */
  async deliver(intentId: string): Promise<void> {
    const intent = await this.intents.findOneBy({ id: intentId });
    if (!intent || intent.status !== 'queued') return;
    await this.intents.increment({ id: intentId }, 'attempts', 1);
    try {
      const response = await this.send(intent);
      await this.recordSent(intent, response);
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      if (error instanceof ComputeCenterError && !error.retryable) {
        await this.markDead(intentId, message);
        return;
      }
      await this.intents.update({ id: intentId }, { lastError: message });
      throw error;
    }
  }

  private async send(intent: ComputeIntent): Promise<Record<string, unknown>> {
    const key = intent.id;
    if (intent.kind === 'provision') {
      try {
        return await this.client.createAccount(key, intent.payload as never);
      } catch (error) {
        // The center already has an account for this firm (made before this intent): link it.
        const existing = error instanceof ComputeCenterError && error.status === 409;
        if (existing && typeof error.problem.accountId === 'string')
          return { id: error.problem.accountId, status: 'provisioning', linkedExisting: true };
        throw error;
      }
    }
    const account = await this.txHost.tx
      .getRepository(ComputeAccount)
      .findOneByOrFail({ id: intent.accountId });
    if (!account.externalId)
      throw new ComputeCenterError('The account is not provisioned at the center yet', 409, true);
    switch (intent.kind) {
      case 'allocate':
        return this.client.createAllocation(key, account.externalId, intent.payload as never);
      case 'revoke': {
        const allocation = await this.txHost.tx
          .getRepository(ComputeAllocation)
          .findOneByOrFail({ id: intent.allocationId! });
        if (!allocation.externalId)
          throw new ComputeCenterError(
            'The allocation was never created at the center',
            404,
            false,
          );
        return this.client.revokeAllocation(
          key,
          account.externalId,
          allocation.externalId,
          intent.payload as { reason: string },
        );
      }
      case 'suspend':
      case 'resume':
        return this.client.setSuspended(
          key,
          account.externalId,
          intent.kind === 'suspend',
          intent.payload as { reason: string },
        );
    }
  }

  /** Records the center's answer; the first record wins, a replayed job changes nothing. */
  @Transactional()
  private async recordSent(intent: ComputeIntent, response: Record<string, unknown>) {
    const [marked] = await this.txHost.tx.query<[unknown[], number]>(
      `UPDATE compute_intents SET status = 'sent', sent_at = now(), response = $2, last_error = NULL, updated_at = now()
        WHERE id = $1 AND status = 'queued' RETURNING id`,
      [intent.id, response],
    );
    if (marked.length === 0) return;
    if (intent.kind === 'provision') {
      await this.txHost.tx.query(
        `UPDATE compute_accounts SET external_id = $2, version = version + 1, updated_at = now()
          WHERE id = $1 AND external_id IS NULL`,
        [intent.accountId, response.id],
      );
    } else if (intent.kind === 'allocate') {
      await this.txHost.tx.query(
        `UPDATE compute_allocations
            SET external_id = $2, remaining = coalesce(remaining, $3::numeric),
                status = CASE WHEN status = 'requested' THEN 'active' ELSE status END,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [intent.allocationId, response.allocationId, response.remaining ?? null],
      );
    } else if (intent.kind === 'revoke') {
      await this.txHost.tx.query(
        `UPDATE compute_allocations SET status = 'revoked', version = version + 1, updated_at = now() WHERE id = $1`,
        [intent.allocationId],
      );
    }
  }

  /** Gives up on an intent: marks it (and what it was for) failed, and tells the admins. */
  @Transactional()
  async markDead(intentId: string, reason: string): Promise<void> {
    const [rows] = await this.txHost.tx.query<
      [{ kind: IntentKind; account_id: string; allocation_id: string | null }[], number]
    >(
      `UPDATE compute_intents SET status = 'dead', last_error = coalesce(last_error, $2), updated_at = now()
        WHERE id = $1 AND status = 'queued' RETURNING kind, account_id, allocation_id`,
      [intentId, reason],
    );
    const intent = rows[0];
    if (!intent) return;
    this.logger.warn({ intentId, kind: intent.kind, reason }, 'compute-center call dead-lettered');
    if (intent.kind === 'provision')
      await this.txHost.tx.query(
        `UPDATE compute_accounts SET status = 'failed', status_reason = $2, version = version + 1, updated_at = now()
          WHERE id = $1 AND status = 'pending'`,
        [intent.account_id, `provisioning request failed: ${reason}`.slice(0, 500)],
      );
    if (intent.kind === 'allocate')
      await this.txHost.tx.query(
        `UPDATE compute_allocations SET status = 'failed', version = version + 1, updated_at = now()
          WHERE id = $1 AND status = 'requested'`,
        [intent.allocation_id],
      );
    const admins = await this.users.activeIdsWithRoles(['admin']);
    await this.notifications.notify(
      admins.map((userId) => ({
        userId,
        kind: 'compute.call_failed',
        title: `算力中心调用失败 / Compute-center call failed: ${intent.kind}`,
        entityType: 'ComputeAccount',
        entityId: intent.account_id,
        data: { subject: intent.kind, intentId, reason: reason.slice(0, 200) },
      })),
    );
  }

  /** An admin sends a dead intent again, with its original Idempotency-Key. */
  @Transactional()
  async retry(intentId: string): Promise<ComputeIntent> {
    const intent = await this.intents.findOneBy({ id: intentId });
    if (!intent) throw notFound('ComputeIntent', intentId);
    if (intent.status !== 'dead')
      throw new ProblemException(
        'ILLEGAL_TRANSITION',
        `Only a dead-lettered call can be retried; this one is ${intent.status}`,
      );
    await this.intents.update({ id: intentId }, { status: 'queued' });
    if (intent.kind === 'provision')
      await this.txHost.tx.query(
        `UPDATE compute_accounts SET status = 'pending', status_reason = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND status = 'failed' AND external_id IS NULL`,
        [intent.accountId],
      );
    if (intent.kind === 'allocate')
      await this.txHost.tx.query(
        `UPDATE compute_allocations SET status = 'requested', version = version + 1, updated_at = now()
          WHERE id = $1 AND status = 'failed'`,
        [intent.allocationId],
      );
    await this.jobs.send<CallJob>(COMPUTE_CALLS_QUEUE, { intentId });
    return this.intents.findOneByOrFail({ id: intentId });
  }

  /** A page of calls, each naming its account's company (one query). */
  async list(query: ListIntentsQuery): Promise<Page<IntentListItem>> {
    const qb = this.intents
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.account', 'a')
      .innerJoinAndSelect('a.company', 'c');
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.accountId) qb.andWhere('i.accountId = :accountId', { accountId: query.accountId });
    const page = await paginate(qb, query, {
      sortable: { createdAt: { column: 'i.createdAt', property: 'createdAt' } },
      defaultSort: '-createdAt',
      idColumn: 'i.id',
    });
    return mapPage(page, ({ account, ...intent }) => ({
      ...intent,
      companyId: account!.companyId,
      companyName: account!.company!.name,
    }));
  }
}
