/** The compute center's own data model, as the simulator keeps and exposes it. */

export type AccountStatus =
  'provisioning' | 'active' | 'provisioning_failed' | 'suspended' | 'closed';
export type AllocationKind = 'subsidy_voucher' | 'card_hour_package';
export type AllocationUnit = 'card_hour' | 'CNY';
export type ExhaustionPolicy = 'notify' | 'block_new_jobs' | 'suspend';
export type AllocationStatus = 'active' | 'exhausted' | 'expired' | 'revoked';

export interface SimAllocation {
  allocationId: string;
  kind: AllocationKind;
  unit: AllocationUnit;
  amount: string;
  remaining: string;
  resourceTypes: string[];
  validFrom: string;
  validUntil: string;
  onExhaustion: ExhaustionPolicy;
  programRef: string;
  status: AllocationStatus;
  createdAt: string;
}

export interface UsageRecord {
  periodStart: string;
  periodEnd: string;
  resourceType: string;
  cardHours: string;
  allocationId: string | null;
  final: boolean;
}

export interface Contact {
  name?: string;
  phone?: string;
  email?: string;
}

export interface SimAccount {
  id: string;
  externalRef: string;
  legalName: string;
  creditCode: string | null;
  contact: Contact | null;
  region: string;
  status: AccountStatus;
  version: number;
  statusReason: string | null;
  allocations: SimAllocation[];
  usage: UsageRecord[];
  createdAt: string;
}

export interface OrgAccountInput {
  externalRef: string;
  legalName: string;
  creditCode?: string;
  contact?: Contact;
  region: string;
}

export interface AllocationInput {
  kind: AllocationKind;
  unit: AllocationUnit;
  amount: string;
  resourceTypes: string[];
  validFrom: string;
  validUntil: string;
  onExhaustion: ExhaustionPolicy;
  programRef: string;
}

export interface ConsumeInput {
  allocationId?: string;
  cardHours: string;
  resourceType?: string;
  /** YYYY-MM-DD; today (UTC) when absent. */
  day?: string;
}

export interface SimulatorOptions {
  /** The bearer token the CRM must send. */
  token: string;
  /** Where events are POSTed; may be changed later with setWebhookUrl. */
  webhookUrl: string;
  /** whsec_... */
  webhookSecret: string;
  /** Time from POST org-accounts to activation; default 200. */
  activationDelayMs?: number;
  /** Returning a reason makes provisioning fail instead of activating. */
  failProvisioning?: (body: OrgAccountInput) => string | undefined;
  /** Gets a line when a webhook is given up on; silent by default. */
  log?: (message: string) => void;
}

export interface Faults {
  /** Connection refused: the listener is closed; off again listens on the same port. */
  down: boolean;
  /** Every API response is delayed by this much (after its effect). */
  delayMs: number;
  /** 0..1: this share of API requests answer 503 without any effect. */
  errorRate: number;
  /** Each webhook delivered twice, with the same webhook-id. */
  duplicateWebhooks: boolean;
  /** Webhooks buffered ~300 ms and each batch delivered in reverse order. */
  reorderWebhooks: boolean;
}

/** Distinct effects of API requests; an idempotent replay or a no-op is not counted. */
export interface SimEffects {
  accountsCreated: number;
  allocationsCreated: number;
  allocationsRevoked: number;
  suspends: number;
  resumes: number;
}

export interface SimRequest {
  method: string;
  path: string;
  idempotencyKey?: string;
  status: number;
  at: Date;
}

export interface WebhookDelivery {
  id: string;
  type: string;
  status: number | 'error';
  attempt: number;
}

export type WebhookEventType =
  | 'account.activated'
  | 'account.provisioning_failed'
  | 'account.suspended'
  | 'account.resumed'
  | 'usage.reported'
  | 'allocation.threshold_reached'
  | 'quota.exhausted'
  | 'allocation.expired';
