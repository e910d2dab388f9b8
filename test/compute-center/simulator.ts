import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CenterApi } from './api';
import { ComputeCenterState } from './center-state';
import { notFound, SimulatorError } from './errors';
import {
  decodePath,
  findRoute,
  jsonReply,
  parseJson,
  problemReply,
  readBody,
  Reply,
  Route,
  writeReply,
} from './http-io';
import { parseConsumeInput, parseFaults, parseReason } from './inputs';
import { toSimAccount } from './records';
import { WebhookDispatcher } from './webhook-dispatcher';
import {
  ConsumeInput,
  Faults,
  SimAccount,
  SimEffects,
  SimRequest,
  SimulatorOptions,
  WebhookDelivery,
} from './types';

export type * from './types';
export { SimulatorError } from './errors';

const UNAVAILABLE = new SimulatorError(503, 'Service Unavailable', 'simulated outage (errorRate)');

/**
 * The park's Ascend AI Computing Center account system, as a real HTTP server with its own
 * in-memory state, signed webhooks, idempotency keys and fault switches.
 */
export class ComputeCenterSimulator {
  private readonly state: ComputeCenterState;
  private readonly api: CenterApi;
  private readonly webhooks: WebhookDispatcher;
  private errorCredit = 0.5;
  private readonly faults: Faults = {
    down: false,
    delayMs: 0,
    errorRate: 0,
    duplicateWebhooks: false,
    reorderWebhooks: false,
  };
  private readonly requestLog: SimRequest[] = [];
  private readonly delayTimers = new Set<NodeJS.Timeout>();
  private server?: Server;
  private address?: { host: string; port: number };
  private listenerChange: Promise<void> = Promise.resolve();
  private readonly controlRoutes: Route<(params: string[], body: unknown) => Reply>[] = [
    {
      method: 'GET',
      pattern: /^\/_sim\/state$/,
      answer: () =>
        jsonReply(200, { accounts: this.accounts(), effects: this.effects(), faults: this.faults }),
    },
    {
      method: 'POST',
      pattern: /^\/_sim\/accounts\/([^/]+)\/consume$/,
      answer: ([id], body) => {
        this.consume(id, parseConsumeInput(body));
        return jsonReply(200, this.account(id));
      },
    },
    {
      method: 'POST',
      pattern: /^\/_sim\/accounts\/([^/]+)\/suspend$/,
      answer: ([id], body) => {
        this.suspendFromCenter(id, parseReason(body, true) ?? '');
        return jsonReply(200, this.account(id));
      },
    },
    {
      method: 'POST',
      pattern: /^\/_sim\/accounts\/([^/]+)\/allocations\/([^/]+)\/expire$/,
      answer: ([id, allocationId]) => {
        this.expireAllocation(id, allocationId);
        return jsonReply(200, this.account(id));
      },
    },
  ];

  constructor(options: SimulatorOptions) {
    this.webhooks = new WebhookDispatcher({
      url: options.webhookUrl,
      secret: options.webhookSecret,
      faults: () => this.faults,
      log: options.log ?? (() => undefined),
    });
    this.state = new ComputeCenterState({
      activationDelayMs: options.activationDelayMs ?? 200,
      failProvisioning: options.failProvisioning,
      emit: (type, data) => this.webhooks.enqueue(type, data),
    });
    this.api = new CenterApi(this.state, options.token);
  }

  get baseUrl(): string {
    if (!this.address) throw new Error('the simulator is not started');
    return `http://${this.address.host}:${this.address.port}`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.address) throw new Error('the simulator is already started');
    this.address = { host, port };
    await this.reconcileListener();
    return this.baseUrl;
  }

  /** Closes the server and drops pending activations and webhooks; not meant to be restarted. */
  async stop(): Promise<void> {
    this.address = undefined;
    this.state.dispose();
    this.webhooks.stop();
    for (const timer of this.delayTimers) clearTimeout(timer);
    this.delayTimers.clear();
    await this.reconcileListener();
  }

  async setFaults(faults: Partial<Faults>): Promise<void> {
    const given = Object.entries(faults).filter(([, value]) => value !== undefined);
    Object.assign(this.faults, Object.fromEntries(given));
    await this.reconcileListener();
  }

  setWebhookUrl(url: string): void {
    this.webhooks.url = url;
  }

  accounts(): SimAccount[] {
    return this.state.all().map(toSimAccount);
  }

  account(id: string): SimAccount | undefined {
    const account = this.state.find(id);
    return account && toSimAccount(account);
  }

  accountsByExternalRef(ref: string): SimAccount[] {
    return this.state.byExternalRef(ref).map(toSimAccount);
  }

  effects(): SimEffects {
    return { ...this.api.effects };
  }

  requests(): SimRequest[] {
    return this.requestLog.map((request) => ({ ...request, at: new Date(request.at) }));
  }

  consume(accountId: string, input: ConsumeInput): void {
    this.state.consume(accountId, input);
  }

  expireAllocation(accountId: string, allocationId: string): void {
    this.state.expireAllocation(accountId, allocationId);
  }

  suspendFromCenter(accountId: string, reason: string): void {
    this.state.suspend(accountId, reason);
  }

  /** Waits for scheduled activations too: each one is a webhook about to be sent. */
  async flushWebhooks(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.state.pendingActivations > 0 || !this.webhooks.idle) {
      if (Date.now() >= deadline) throw new Error(`webhooks still pending after ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  webhookDeliveries(): WebhookDelivery[] {
    return this.webhooks.deliveries();
  }

  /** Listens when started and not down, closes otherwise; one change at a time. */
  private reconcileListener(): Promise<void> {
    const change = this.listenerChange.then(async () => {
      const shouldListen = this.address !== undefined && !this.faults.down;
      if (shouldListen && !this.server) await this.listen();
      if (!shouldListen && this.server) await this.close();
    });
    this.listenerChange = change.catch(() => undefined);
    return change;
  }

  private listen(): Promise<void> {
    const { host, port } = this.address!;
    const server = createServer((request, response) => this.onRequest(request, response));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.server = server;
        this.address = { host, port: (server.address() as AddressInfo).port };
        resolve();
      });
    });
  }

  /** Refuses new connections and cuts open ones, as a crashed service would. */
  private close(): Promise<void> {
    const server = this.server!;
    this.server = undefined;
    return new Promise((resolve) => {
      // A short grace lets an in-process client see its pooled keep-alive sockets close, so its
      // next request is refused instead of failing on a dead socket.
      server.close(() => setTimeout(resolve, 20));
      server.closeAllConnections();
    });
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    this.handle(request, response).catch((error) => writeReply(response, problemReply(error)));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const path = decodePath(url.pathname);
    const method = request.method ?? 'GET';
    if (path.startsWith('/_sim/')) {
      this.api.authenticate(request.headers.authorization);
      return this.control(method, path, await readBody(request), response);
    }
    const rawBody = await readBody(request);
    const reply = this.injectError()
      ? problemReply(UNAVAILABLE)
      : this.api.answer({
          method,
          path,
          query: url.searchParams,
          headers: request.headers,
          rawBody,
        });
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    this.requestLog.push({ method, path, idempotencyKey, status: reply.status, at: new Date() });
    if (this.faults.delayMs > 0) await this.delay(this.faults.delayMs);
    writeReply(response, reply);
  }

  /**
   * Fails exactly `errorRate` of the API requests, spread evenly (deterministic, so a test that
   * asks for 30% errors always gets some, the first soon after switching them on).
   */
  private injectError(): boolean {
    if (this.faults.errorRate <= 0) return false;
    this.errorCredit += this.faults.errorRate;
    if (this.errorCredit < 1) return false;
    this.errorCredit -= 1;
    return true;
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delayTimers.delete(timer);
        resolve();
      }, ms);
      this.delayTimers.add(timer);
    });
  }

  /**
   * Test and CLI switches: with the simulator's own token (they make it send signed webhooks),
   * never faulted. `down: true` sent here also takes this endpoint down, so only the in-process
   * setFaults can bring the simulator back up.
   */
  private control(method: string, path: string, rawBody: string, response: ServerResponse): void {
    const body = parseJson(rawBody);
    if (method === 'POST' && path === '/_sim/faults') {
      const { down, ...others } = parseFaults(body);
      Object.assign(this.faults, others);
      writeReply(response, jsonReply(200, { ...this.faults, down: down ?? this.faults.down }));
      // Going down cuts this very connection, so it waits until the answer is out.
      if (down !== undefined)
        response.once('finish', () => void this.setFaults({ down }).catch(() => undefined));
      return;
    }
    const route = findRoute(this.controlRoutes, method, path);
    if (!route) throw notFound(`no control route ${method} ${path}`);
    writeReply(response, route.answer(route.params, body));
  }
}
