import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { ProblemException } from '../common/errors/problem.exception';
import type { Environment } from '../config/environment';
import type { ComputeAccount } from './compute-account.entity';
import type { RemoteAccountStatus, UsageRecord } from './compute-center.client';
import { ComputeStateService, type Outcome } from './compute-state.service';

export const WEBHOOK_EVENT_TYPES = [
  'account.activated',
  'account.provisioning_failed',
  'account.suspended',
  'account.resumed',
  'usage.reported',
  'allocation.threshold_reached',
  'quota.exhausted',
  'allocation.expired',
] as const;
type EventType = (typeof WEBHOOK_EVENT_TYPES)[number];

interface EventData {
  accountId: string;
  externalRef?: string;
  version: number;
  reason?: string;
  records?: UsageRecord[];
  allocationId?: string;
  remaining?: string;
}

interface CenterEvent {
  type: EventType;
  data: EventData;
}

type Receipt = { outcome: Outcome | 'unknown_account' | 'duplicate' };

const ACCOUNT_STATUS_EVENTS: Partial<Record<EventType, RemoteAccountStatus>> = {
  'account.activated': 'active',
  'account.provisioning_failed': 'provisioning_failed',
  'account.suspended': 'suspended',
  'account.resumed': 'active',
};

const invalid = (detail: string) => new ProblemException('VALIDATION_FAILED', detail);

/**
 * The compute center's webhooks (Standard Webhooks): signature and timestamp checked before
 * anything is read, each `webhook-id` processed once (its row is written in the transaction that
 * applies it), events older than the state they would change ignored.
 */
@Injectable()
export class ComputeWebhooksService {
  private readonly logger = new Logger(ComputeWebhooksService.name);
  private readonly verifier?: Webhook;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly state: ComputeStateService,
    config: ConfigService<Environment, true>,
  ) {
    const secret = config.get('COMPUTE_CENTER_WEBHOOK_SECRET', { infer: true });
    this.verifier = secret ? new Webhook(secret) : undefined;
  }

  verify(rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>) {
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : (value ?? '');
    };
    if (!this.verifier)
      throw new ProblemException(
        'INVALID_WEBHOOK_SIGNATURE',
        'Webhooks are not accepted: no signing secret is configured',
      );
    try {
      this.verifier.verify(rawBody ?? Buffer.alloc(0), {
        'webhook-id': header('webhook-id'),
        'webhook-timestamp': header('webhook-timestamp'),
        'webhook-signature': header('webhook-signature'),
      });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      throw new ProblemException('INVALID_WEBHOOK_SIGNATURE', error.message);
    }
    return { id: header('webhook-id'), event: this.parse(rawBody!) };
  }

  private parse(rawBody: Buffer): CenterEvent {
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new ProblemException('INVALID_JSON', 'The webhook body is not valid JSON');
    }
    const event = body as Partial<CenterEvent> | null;
    if (!event || !WEBHOOK_EVENT_TYPES.includes(event.type as EventType))
      throw invalid(`type must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    const data = event.data;
    if (!data || typeof data.accountId !== 'string' || data.accountId.length > 64)
      throw invalid('data.accountId must be the account id at the center');
    if (!Number.isSafeInteger(data.version) || data.version < 1)
      throw invalid('data.version must be a positive integer');
    if (event.type === 'usage.reported' && !Array.isArray(data.records))
      throw invalid('data.records must list the usage records');
    const type = event.type as EventType;
    if (type.startsWith('allocation.') || type === 'quota.exhausted')
      if (typeof data.allocationId !== 'string') throw invalid('data.allocationId is required');
    return event as CenterEvent;
  }

  @Transactional()
  async receive(webhookId: string, event: CenterEvent): Promise<Receipt> {
    const fresh = await this.txHost.tx.query<unknown[]>(
      `INSERT INTO compute_webhook_events (webhook_id, type, account_external_id, remote_version, outcome, payload)
       VALUES ($1, $2, $3, $4, 'received', $5) ON CONFLICT (webhook_id) DO NOTHING RETURNING 1`,
      [webhookId, event.type, event.data.accountId, event.data.version, event],
    );
    if (fresh.length === 0) return { outcome: 'duplicate' };
    const account = await this.state.lockAccount(event.data.accountId, event.data.externalRef);
    const outcome = account ? await this.apply(account, event) : 'unknown_account';
    await this.txHost.tx.query(
      `UPDATE compute_webhook_events SET outcome = $2 WHERE webhook_id = $1`,
      [webhookId, outcome],
    );
    this.logger.log({ webhookId, type: event.type, outcome }, 'compute-center webhook');
    return { outcome };
  }

  private async apply(account: ComputeAccount, event: CenterEvent): Promise<Outcome> {
    const { data } = event;
    const status = ACCOUNT_STATUS_EVENTS[event.type];
    if (status) return this.state.applyStatus(account, status, data.version, data.reason ?? null);
    if (event.type === 'usage.reported')
      return this.state.applyUsage(account, data.records!, data.version);
    const remaining = data.remaining ?? undefined;
    const change =
      event.type === 'quota.exhausted'
        ? { status: 'exhausted' as const, remaining: '0' }
        : event.type === 'allocation.expired'
          ? { status: 'expired' as const, remaining }
          : { remaining, thresholdReached: true };
    const result = await this.state.applyAllocation(
      account,
      data.allocationId!,
      data.version,
      change,
    );
    // The allocation's creation has not been recorded yet: have the center deliver this again.
    if (!result)
      throw new ProblemException(
        'SERVICE_UNAVAILABLE',
        `Allocation ${data.allocationId} is not known yet; deliver the event again later`,
        { headers: { 'retry-after': '5' } },
      );
    if (result.outcome === 'applied' && event.type !== 'allocation.expired')
      await this.state.notifyQuota(
        account,
        event.type === 'quota.exhausted' ? 'compute.quota_exhausted' : 'compute.quota_threshold',
        result.allocation,
        change.remaining ?? result.allocation.remaining ?? '0',
      );
    return result.outcome;
  }
}
