import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { ComputeCenterSimulator } from '../compute-center/simulator';
import { newCompanyName, newCreditCode } from './factories';

export const SIM_TOKEN = `sim-token-${randomBytes(12).toString('hex')}`;
export const WEBHOOK_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** A compute-center simulator on a free port; point its webhooks at the app once that listens. */
export async function startSimulator(): Promise<ComputeCenterSimulator> {
  const sim = new ComputeCenterSimulator({
    token: SIM_TOKEN,
    webhookUrl: 'http://127.0.0.1:9/not-yet',
    webhookSecret: WEBHOOK_SECRET,
    activationDelayMs: 150,
  });
  await sim.start();
  return sim;
}

export const eventsPath = '/api/v1/integrations/compute-center/events';

/** The app's settings for talking to the simulator: quick retries, short timeouts. */
export function computeCenterEnv(sim: ComputeCenterSimulator): Record<string, string> {
  return {
    COMPUTE_CENTER_URL: sim.baseUrl,
    COMPUTE_CENTER_TOKEN: SIM_TOKEN,
    COMPUTE_CENTER_WEBHOOK_SECRET: WEBHOOK_SECRET,
    COMPUTE_CENTER_TIMEOUT_MS: '2000',
    COMPUTE_CENTER_RETRY_DELAY_SECONDS: '1',
    COMPUTE_CENTER_RETRY_LIMIT: '8',
    JOBS_MAINTENANCE_INTERVAL_SECONDS: '1',
  };
}

/** Polls until `check` returns a value (not undefined/false) or throws its last failure. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A webhook as the compute center would sign it (or not: pass another secret, an old time). */
export function signedWebhook(
  event: { type: string; data: Record<string, unknown> },
  options: { id?: string; at?: Date; secret?: string } = {},
) {
  const id = options.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const at = options.at ?? new Date();
  const body = JSON.stringify({ ...event, timestamp: at.toISOString() });
  const signature = new Webhook(options.secret ?? WEBHOOK_SECRET).sign(id, at, body);
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

export const newCompanyBody = () => ({ name: newCompanyName(), creditCode: newCreditCode() });
