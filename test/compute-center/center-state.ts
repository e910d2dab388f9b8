import { randomBytes } from 'node:crypto';
import { formatHundredths, parseHundredths, todayUtc } from './amounts';
import { conflict, notFound } from './errors';
import { encodeCursor, parseConsumeInput, UsageQuery } from './inputs';
import { AccountRecord, AllocationRecord } from './records';
import {
  AccountStatus,
  AllocationInput,
  ConsumeInput,
  OrgAccountInput,
  UsageRecord,
  WebhookEventType,
} from './types';
import { dayRecord, recordUsage, usageRecords } from './usage';

type Emit = (type: WebhookEventType, data: Record<string, unknown>) => void;

export interface StateOptions {
  activationDelayMs: number;
  failProvisioning?: (body: OrgAccountInput) => string | undefined;
  emit: Emit;
}

/** Accounts that still hold their externalRef: a failed or closed one can be provisioned again. */
const HOLDS_EXTERNAL_REF: AccountStatus[] = ['provisioning', 'active', 'suspended'];
const USAGE_PAGE_SIZE = 100;
const DEFAULT_RESOURCE_TYPE = 'ascend-910b';

const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

/**
 * The compute center's accounts and their life cycle. Every change bumps the account's version,
 * and every webhook carries the version right after the change it reports.
 */
export class ComputeCenterState {
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly activationTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: StateOptions) {}

  get pendingActivations(): number {
    return this.activationTimers.size;
  }

  dispose(): void {
    for (const timer of this.activationTimers) clearTimeout(timer);
    this.activationTimers.clear();
  }

  all(): AccountRecord[] {
    return [...this.accounts.values()];
  }

  byExternalRef(externalRef: string): AccountRecord[] {
    return this.all().filter((account) => account.externalRef === externalRef);
  }

  find(id: string): AccountRecord | undefined {
    return this.accounts.get(id);
  }

  get(id: string): AccountRecord {
    const account = this.accounts.get(id);
    if (!account) throw notFound(`account ${id} does not exist`);
    return account;
  }

  createAccount(input: OrgAccountInput): AccountRecord {
    const holder = this.byExternalRef(input.externalRef).find((account) =>
      HOLDS_EXTERNAL_REF.includes(account.status),
    );
    if (holder)
      throw conflict(`an account for ${input.externalRef} already exists`, {
        accountId: holder.id,
      });
    const account: AccountRecord = {
      id: newId('acc'),
      externalRef: input.externalRef,
      legalName: input.legalName,
      creditCode: input.creditCode ?? null,
      contact: input.contact ?? null,
      region: input.region,
      status: 'provisioning',
      version: 1,
      statusReason: null,
      allocations: [],
      usage: new Map(),
      createdAt: new Date().toISOString(),
    };
    this.accounts.set(account.id, account);
    const timer = setTimeout(() => {
      this.activationTimers.delete(timer);
      this.finishProvisioning(account, input);
    }, this.options.activationDelayMs);
    this.activationTimers.add(timer);
    return account;
  }

  createAllocation(accountId: string, input: AllocationInput): AllocationRecord {
    const account = this.get(accountId);
    if (account.status !== 'active') throw conflict(`account ${accountId} is ${account.status}`);
    const amount = parseHundredths(input.amount) ?? 0;
    const allocation: AllocationRecord = {
      ...input,
      resourceTypes: [...input.resourceTypes],
      allocationId: newId('alc'),
      amountHundredths: amount,
      remainingHundredths: amount,
      status: 'active',
      thresholdNotified: false,
      createdAt: new Date().toISOString(),
    };
    account.allocations.push(allocation);
    account.version++;
    return allocation;
  }

  /** Revoking a revoked allocation is a no-op: `changed` is false. */
  revokeAllocation(
    accountId: string,
    allocationId: string,
  ): { allocation: AllocationRecord; changed: boolean } {
    const account = this.get(accountId);
    const allocation = this.allocation(account, allocationId);
    if (allocation.status === 'revoked') return { allocation, changed: false };
    if (allocation.status === 'expired') throw conflict(`allocation ${allocationId} has expired`);
    allocation.status = 'revoked';
    account.version++;
    return { allocation, changed: true };
  }

  /** Returns whether anything changed: suspending a suspended account is a no-op. */
  suspend(accountId: string, reason: string): boolean {
    const account = this.settled(accountId);
    if (account.status === 'suspended') return false;
    this.setStatus(account, 'suspended', reason);
    this.emit('account.suspended', account, { status: 'suspended', reason });
    return true;
  }

  /** Returns whether anything changed: resuming an active account is a no-op. */
  resume(accountId: string): boolean {
    const account = this.settled(accountId);
    if (account.status === 'active') return false;
    this.setStatus(account, 'active', null);
    this.emit('account.resumed', account, { status: 'active' });
    return true;
  }

  consume(accountId: string, input: ConsumeInput): void {
    const { allocationId, cardHours, resourceType, day } = parseConsumeInput(input);
    const account = this.settled(accountId);
    const allocation = allocationId
      ? this.allocation(account, allocationId)
      : this.defaultAllocation(account, resourceType);
    const hundredths = parseHundredths(cardHours) ?? 0;
    const row = recordUsage(
      account.usage,
      {
        day: day ?? todayUtc(),
        resourceType: resourceType ?? allocation?.resourceTypes[0] ?? DEFAULT_RESOURCE_TYPE,
        allocationId: allocation?.allocationId ?? null,
      },
      hundredths,
    );
    const drawsDown = allocation?.status === 'active';
    if (drawsDown)
      allocation.remainingHundredths = Math.max(0, allocation.remainingHundredths - hundredths);
    account.version++;
    this.emit('usage.reported', account, { records: [dayRecord(row)] });
    if (drawsDown) this.checkLevels(account, allocation);
  }

  expireAllocation(accountId: string, allocationId: string): void {
    const account = this.get(accountId);
    const allocation = this.allocation(account, allocationId);
    if (allocation.status === 'expired') return;
    if (allocation.status === 'revoked') throw conflict(`allocation ${allocationId} is revoked`);
    allocation.status = 'expired';
    account.version++;
    this.emit('allocation.expired', account, {
      allocationId,
      remaining: toSimRemaining(allocation),
    });
  }

  usage(
    accountId: string,
    query: UsageQuery,
  ): { asOf: string; records: UsageRecord[]; nextCursor: string | null } {
    const records = usageRecords(this.get(accountId).usage.values(), query);
    const end = query.offset + USAGE_PAGE_SIZE;
    return {
      asOf: new Date().toISOString(),
      records: records.slice(query.offset, end),
      nextCursor: end < records.length ? encodeCursor(end) : null,
    };
  }

  private finishProvisioning(account: AccountRecord, input: OrgAccountInput): void {
    const reason = this.provisioningFailure(input);
    if (reason) {
      this.setStatus(account, 'provisioning_failed', reason);
      this.emit('account.provisioning_failed', account, { status: account.status, reason });
    } else {
      this.setStatus(account, 'active', null);
      this.emit('account.activated', account, { status: account.status });
    }
  }

  private provisioningFailure(input: OrgAccountInput): string | undefined {
    try {
      return this.options.failProvisioning?.(input);
    } catch (error) {
      return `failProvisioning threw: ${String(error)}`;
    }
  }

  /** Threshold at 80 % used (once per allocation), then exhaustion at 0 remaining. */
  private checkLevels(account: AccountRecord, allocation: AllocationRecord): void {
    const { allocationId, amountHundredths: amount, remainingHundredths: remaining } = allocation;
    const levelData = {
      allocationId,
      amount: toSimAmount(allocation),
      remaining: toSimRemaining(allocation),
    };
    if (!allocation.thresholdNotified && (amount - remaining) * 5 >= amount * 4) {
      allocation.thresholdNotified = true;
      this.emit('allocation.threshold_reached', account, { ...levelData, threshold: 0.8 });
    }
    if (remaining > 0) return;
    allocation.status = 'exhausted';
    account.version++;
    this.emit('quota.exhausted', account, { ...levelData, onExhaustion: allocation.onExhaustion });
    if (allocation.onExhaustion === 'suspend' && account.status === 'active') {
      this.setStatus(account, 'suspended', 'quota_exhausted');
      this.emit('account.suspended', account, { status: 'suspended', reason: 'quota_exhausted' });
    }
  }

  /** The first active allocation that covers the resource type (an empty list covers all). */
  private defaultAllocation(account: AccountRecord, resourceType?: string) {
    return account.allocations.find(
      (allocation) =>
        allocation.status === 'active' &&
        (!resourceType ||
          allocation.resourceTypes.length === 0 ||
          allocation.resourceTypes.includes(resourceType)),
    );
  }

  private allocation(account: AccountRecord, allocationId: string): AllocationRecord {
    const allocation = account.allocations.find((a) => a.allocationId === allocationId);
    if (!allocation) throw notFound(`allocation ${allocationId} does not exist on ${account.id}`);
    return allocation;
  }

  /** An account past provisioning: the only ones that can be suspended, resumed or consumed. */
  private settled(accountId: string): AccountRecord {
    const account = this.get(accountId);
    if (account.status !== 'active' && account.status !== 'suspended')
      throw conflict(`account ${accountId} is ${account.status}`);
    return account;
  }

  private setStatus(account: AccountRecord, status: AccountStatus, reason: string | null): void {
    account.status = status;
    account.statusReason = reason;
    account.version++;
  }

  private emit(type: WebhookEventType, account: AccountRecord, data: Record<string, unknown>) {
    const { id: accountId, externalRef, version } = account;
    this.options.emit(type, { accountId, externalRef, version, ...data });
  }
}

const toSimAmount = (a: AllocationRecord) => formatHundredths(a.amountHundredths);
const toSimRemaining = (a: AllocationRecord) => formatHundredths(a.remainingHundredths);
