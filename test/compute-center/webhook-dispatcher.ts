import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { Faults, WebhookDelivery, WebhookEventType } from './types';

interface Message {
  id: string;
  type: WebhookEventType;
  payload: string;
}

export interface DispatcherOptions {
  url: string;
  secret: string;
  faults: () => Pick<Faults, 'duplicateWebhooks' | 'reorderWebhooks'>;
  log: (message: string) => void;
}

const REORDER_WINDOW_MS = 300;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2_000;
const GIVE_UP_AFTER_MS = 60_000;
const ATTEMPT_TIMEOUT_MS = 5_000;
/** Answers that say a retry cannot help. */
const PERMANENT_FAILURES = new Set([400, 401, 403, 404, 410, 422]);

/**
 * Delivers signed events one at a time, in order (unless reorderWebhooks), retrying each with
 * backoff for up to a minute. Runs in the background: enqueue never waits.
 */
export class WebhookDispatcher {
  url: string;
  private readonly signer: Webhook;
  private readonly queue: Message[] = [];
  private reorderBuffer: Message[] = [];
  private reorderTimer?: NodeJS.Timeout;
  private backoff?: { timer: NodeJS.Timeout; wake: () => void };
  private readonly history: WebhookDelivery[] = [];
  private readonly abort = new AbortController();
  private draining = false;
  private stopped = false;

  constructor(private readonly options: DispatcherOptions) {
    this.url = options.url;
    this.signer = new Webhook(options.secret);
  }

  /** Nothing queued, buffered, in flight or waiting to retry. */
  get idle(): boolean {
    return this.queue.length === 0 && this.reorderBuffer.length === 0;
  }

  enqueue(type: WebhookEventType, data: Record<string, unknown>): void {
    if (this.stopped) return;
    const id = `msg_${randomBytes(12).toString('hex')}`;
    const payload = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
    if (this.options.faults().reorderWebhooks) this.holdForReorder({ id, type, payload });
    else this.dispatch([{ id, type, payload }]);
  }

  deliveries(): WebhookDelivery[] {
    return this.history.map((delivery) => ({ ...delivery }));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reorderTimer);
    this.reorderBuffer = [];
    this.queue.length = 0;
    this.abort.abort();
    if (this.backoff) clearTimeout(this.backoff.timer);
    this.backoff?.wake();
  }

  private holdForReorder(message: Message): void {
    this.reorderBuffer.push(message);
    this.reorderTimer ??= setTimeout(() => {
      const batch = this.reorderBuffer.reverse();
      this.reorderBuffer = [];
      this.reorderTimer = undefined;
      this.dispatch(batch);
    }, REORDER_WINDOW_MS);
  }

  private dispatch(messages: Message[]): void {
    this.queue.push(...messages);
    this.drain().catch((error) => this.options.log(`webhook queue failed: ${String(error)}`));
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (!this.stopped && this.queue.length > 0) {
        await this.deliver(this.queue[0]);
        this.queue.shift();
      }
    } finally {
      this.draining = false;
    }
  }

  private async deliver(message: Message): Promise<void> {
    const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
    let backoffMs = FIRST_BACKOFF_MS;
    for (let attempt = 1; !this.stopped; attempt++) {
      const status = await this.attempt(message, attempt);
      if (typeof status === 'number' && status >= 200 && status < 300) {
        if (this.options.faults().duplicateWebhooks) await this.attempt(message, attempt + 1);
        return;
      }
      if (typeof status === 'number' && PERMANENT_FAILURES.has(status))
        return this.giveUp(message, `the receiver answered ${status}`);
      if (Date.now() + backoffMs > giveUpAt)
        return this.giveUp(message, `still failing after ${attempt} attempts`);
      await this.waitBeforeRetry(backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
  }

  /** Signs with this attempt's own timestamp, so a late retry is not refused as stale. */
  private async attempt(message: Message, attempt: number): Promise<number | 'error'> {
    const sentAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    let status: number | 'error';
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': message.id,
          'webhook-timestamp': String(sentAt.getTime() / 1000),
          'webhook-signature': this.signer.sign(message.id, sentAt, message.payload),
        },
        body: message.payload,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 'error';
    }
    this.history.push({ id: message.id, type: message.type, status, attempt });
    return status;
  }

  private waitBeforeRetry(ms: number): Promise<void> {
    return new Promise((wake) => {
      const timer = setTimeout(wake, ms);
      this.backoff = { timer, wake };
    });
  }

  private giveUp(message: Message, why: string): void {
    this.options.log(`compute-center simulator: gave up on ${message.type} ${message.id}: ${why}`);
  }
}
