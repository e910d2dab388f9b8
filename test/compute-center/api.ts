import { createHash } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import { formatHundredths } from './amounts';
import { ComputeCenterState } from './center-state';
import { badRequest, notFound, SimulatorError, unprocessable } from './errors';
import { findRoute, jsonReply, parseJson, problemReply, Reply, Route } from './http-io';
import { parseAllocationInput, parseOrgAccountInput, parseReason, parseUsageQuery } from './inputs';
import { toPublicAccount } from './records';
import { SimEffects } from './types';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

type Answer = (params: string[], request: ApiRequest) => Reply;

const ID = '([^/:]+)';

const replayed = (reply: Reply): Reply => ({
  ...reply,
  headers: { ...reply.headers, 'idempotency-replayed': 'true' },
});

/** The /v1 API: bearer auth, idempotency keys on every POST, then the account operations. */
export class CenterApi {
  readonly effects: SimEffects = {
    accountsCreated: 0,
    allocationsCreated: 0,
    allocationsRevoked: 0,
    suspends: 0,
    resumes: 0,
  };
  private readonly stored = new Map<string, { fingerprint: string; reply: Reply }>();
  private readonly routes: Route<Answer>[] = [
    { method: 'POST', pattern: /^\/v1\/org-accounts$/, answer: (_, r) => this.createAccount(r) },
    { method: 'GET', pattern: /^\/v1\/org-accounts$/, answer: (_, r) => this.listAccounts(r) },
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/org-accounts/${ID}$`),
      answer: ([id]) => jsonReply(200, toPublicAccount(this.state.get(id))),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/v1/org-accounts/${ID}:(suspend|resume)$`),
      answer: ([id, action], r) => this.changeStatus(id, action, r),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/v1/org-accounts/${ID}/allocations$`),
      answer: ([id], r) => this.createAllocation(id, r),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/v1/org-accounts/${ID}/allocations/${ID}:revoke$`),
      answer: ([id, allocationId], r) => this.revokeAllocation(id, allocationId, r),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/org-accounts/${ID}/usage$`),
      answer: ([id], r) => jsonReply(200, this.state.usage(id, parseUsageQuery(r.query))),
    },
  ];

  constructor(
    private readonly state: ComputeCenterState,
    private readonly token: string,
  ) {}

  answer(request: ApiRequest): Reply {
    try {
      this.authenticate(request.headers.authorization);
      return request.method === 'POST' ? this.answerOnce(request) : this.route(request);
    } catch (error) {
      return problemReply(error);
    }
  }

  /** The center's bearer token, on its API and on the simulator's control routes alike. */
  authenticate(authorization: string | undefined): void {
    if (authorization === `Bearer ${this.token}`) return;
    throw new SimulatorError(401, 'Unauthorized', 'a valid bearer token is required');
  }

  /** A key seen before replays its stored answer; only successful answers are stored. */
  private answerOnce(request: ApiRequest): Reply {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') throw badRequest('Idempotency-Key is required');
    const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
    const fingerprint = `${request.method} ${request.path} ${bodyHash}`;
    const stored = this.stored.get(key);
    if (stored && stored.fingerprint !== fingerprint)
      throw unprocessable('this Idempotency-Key was used for another request');
    if (stored) return replayed(stored.reply);
    const reply = this.route(request);
    if (reply.status >= 200 && reply.status < 300) this.stored.set(key, { fingerprint, reply });
    return reply;
  }

  private route(request: ApiRequest): Reply {
    const route = findRoute(this.routes, request.method, request.path);
    if (route) return route.answer(route.params, request);
    throw notFound(`no route ${request.method} ${request.path}`);
  }

  private createAccount(request: ApiRequest): Reply {
    const account = this.state.createAccount(parseOrgAccountInput(parseJson(request.rawBody)));
    this.effects.accountsCreated++;
    const { id, status, externalRef, version } = account;
    return jsonReply(202, { id, status, externalRef, version });
  }

  private listAccounts(request: ApiRequest): Reply {
    const externalRef = request.query.get('externalRef');
    const accounts = externalRef ? this.state.byExternalRef(externalRef) : this.state.all();
    return jsonReply(200, { items: accounts.map(toPublicAccount) });
  }

  private createAllocation(accountId: string, request: ApiRequest): Reply {
    const input = parseAllocationInput(parseJson(request.rawBody));
    const allocation = this.state.createAllocation(accountId, input);
    this.effects.allocationsCreated++;
    return jsonReply(201, {
      allocationId: allocation.allocationId,
      status: allocation.status,
      remaining: formatHundredths(allocation.remainingHundredths),
    });
  }

  private revokeAllocation(accountId: string, allocationId: string, request: ApiRequest): Reply {
    parseReason(parseJson(request.rawBody), false);
    const { allocation, changed } = this.state.revokeAllocation(accountId, allocationId);
    if (changed) this.effects.allocationsRevoked++;
    return jsonReply(200, {
      allocationId,
      status: allocation.status,
      remaining: formatHundredths(allocation.remainingHundredths),
    });
  }

  private changeStatus(accountId: string, action: string, request: ApiRequest): Reply {
    const reason = parseReason(parseJson(request.rawBody), true) ?? '';
    if (action === 'suspend' && this.state.suspend(accountId, reason)) this.effects.suspends++;
    if (action === 'resume' && this.state.resume(accountId)) this.effects.resumes++;
    return jsonReply(202, { id: accountId, status: this.state.get(accountId).status });
  }
}
