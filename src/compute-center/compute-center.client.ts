import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';

export type RemoteAccountStatus =
  'provisioning' | 'active' | 'provisioning_failed' | 'suspended' | 'closed';

export interface RemoteAllocation {
  allocationId: string;
  kind: string;
  unit: string;
  amount: string;
  remaining: string;
  resourceTypes: string[];
  validFrom: string;
  validUntil: string;
  onExhaustion: string;
  programRef: string;
  status: 'active' | 'exhausted' | 'expired' | 'revoked';
}

export interface RemoteAccount {
  id: string;
  externalRef: string;
  legalName: string;
  status: RemoteAccountStatus;
  statusReason?: string | null;
  version: number;
  allocations: RemoteAllocation[];
}

export interface UsageRecord {
  periodStart: string;
  periodEnd: string;
  resourceType: string;
  cardHours: string;
  allocationId: string | null;
  final: boolean;
}

export interface UsagePage {
  asOf: string;
  records: UsageRecord[];
  nextCursor: string | null;
}

export interface AccountRequest {
  externalRef: string;
  legalName: string;
  creditCode: string | null;
  contact: { name?: string; phone?: string; email?: string } | null;
  region: string;
}

export interface AllocationRequest {
  kind: string;
  unit: string;
  amount: string;
  resourceTypes: string[];
  validFrom: string;
  validUntil: string;
  onExhaustion: string;
  programRef: string;
}

/**
 * A failed call. `retryable` failures (no answer, timeouts, 408/425/429, 5xx) are worth sending
 * again with the same Idempotency-Key; the others will fail the same way every time.
 */
export class ComputeCenterError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ComputeCenterError';
  }
}

const RETRYABLE_STATUSES = new Set([408, 425, 429]);

/** The Ascend AI Computing Center's account API, as the contract describes it. */
@Injectable()
export class ComputeCenterClient {
  private readonly baseUrl?: string;
  private readonly token?: string;
  private readonly timeoutMs: number;

  constructor(config: ConfigService<Environment, true>) {
    this.baseUrl = config.get('COMPUTE_CENTER_URL', { infer: true })?.replace(/\/+$/, '');
    this.token = config.get('COMPUTE_CENTER_TOKEN', { infer: true });
    this.timeoutMs = config.get('COMPUTE_CENTER_TIMEOUT_MS', { infer: true });
  }

  get configured(): boolean {
    return Boolean(this.baseUrl && this.token);
  }

  createAccount(key: string, body: AccountRequest): Promise<{ id: string; status: string }> {
    return this.call('POST', '/v1/org-accounts', { key, body });
  }

  getAccount(id: string): Promise<RemoteAccount> {
    return this.call('GET', `/v1/org-accounts/${encodeURIComponent(id)}`);
  }

  async findAccounts(externalRef: string): Promise<RemoteAccount[]> {
    const page = await this.call<{ items: RemoteAccount[] }>(
      'GET',
      `/v1/org-accounts?externalRef=${encodeURIComponent(externalRef)}`,
    );
    return page.items;
  }

  createAllocation(
    key: string,
    accountId: string,
    body: AllocationRequest,
  ): Promise<{ allocationId: string; status: string; remaining: string }> {
    return this.call('POST', `/v1/org-accounts/${encodeURIComponent(accountId)}/allocations`, {
      key,
      body,
    });
  }

  revokeAllocation(
    key: string,
    accountId: string,
    allocationId: string,
    body: { reason: string },
  ): Promise<{ allocationId: string; status: string; remaining: string }> {
    const path = `/v1/org-accounts/${encodeURIComponent(accountId)}/allocations/${encodeURIComponent(allocationId)}:revoke`;
    return this.call('POST', path, { key, body });
  }

  setSuspended(
    key: string,
    accountId: string,
    suspended: boolean,
    body: { reason: string; note?: string },
  ): Promise<{ id: string; status: string }> {
    const action = suspended ? 'suspend' : 'resume';
    return this.call('POST', `/v1/org-accounts/${encodeURIComponent(accountId)}:${action}`, {
      key,
      body,
    });
  }

  usage(
    accountId: string,
    query: { from: string; to: string; granularity: 'day' | 'month'; cursor?: string },
  ): Promise<UsagePage> {
    const params = new URLSearchParams({
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return this.call(
      'GET',
      `/v1/org-accounts/${encodeURIComponent(accountId)}/usage?${params.toString()}`,
    );
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { key?: string; body?: unknown } = {},
  ): Promise<T> {
    if (!this.baseUrl || !this.token)
      throw new ComputeCenterError('The compute center is not configured', undefined, true);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          ...(options.key ? { 'idempotency-key': options.key } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new ComputeCenterError(`${method} ${path}: no answer (${cause})`, undefined, true);
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok) return body as T;
    const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const detail = typeof problem.detail === 'string' ? problem.detail : text.slice(0, 200);
    throw new ComputeCenterError(
      `${method} ${path}: ${response.status} ${detail}`.trim(),
      response.status,
      response.status >= 500 || RETRYABLE_STATUSES.has(response.status),
      problem,
    );
  }
}
