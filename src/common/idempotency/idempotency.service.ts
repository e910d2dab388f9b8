import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../../config/environment';
import { ProblemException } from '../errors/problem.exception';
import { canonicalJson, sha256 } from './canonical-json';

export interface IdempotentRequest {
  principal: string;
  route: string;
  key: string;
  body: unknown;
  status: number;
}

export interface IdempotentResult {
  body: unknown;
  status: number;
  replayed: boolean;
}

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export function assertIdempotencyKey(key: string): void {
  if (!KEY_FORMAT.test(key)) {
    throw new ProblemException(
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 1–255 visible ASCII characters (a UUID is best)',
    );
  }
}

/**
 * Runs a creating request at most once per (caller, route, key). The key row is inserted in the same
 * transaction as the request's own writes: a concurrent retry waits on it, then replays the stored
 * response; a failed request rolls the key back with everything else, so a retry runs afresh.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async run(
    request: IdempotentRequest,
    handler: () => Promise<unknown>,
  ): Promise<IdempotentResult> {
    const hash = Buffer.isBuffer(request.body)
      ? sha256(request.body)
      : sha256(canonicalJson(request.body));
    return this.txHost.withTransaction(async () => {
      const claimed = await this.claim(request, hash);
      if (!claimed) return this.replay(request, hash);
      const body = await handler();
      await this.txHost.tx.query(
        `UPDATE idempotency_keys SET response_status = $4, response_body = $5
          WHERE principal = $1 AND route = $2 AND key = $3`,
        [
          request.principal,
          request.route,
          request.key,
          request.status,
          JSON.stringify(body ?? null),
        ],
      );
      return { body, status: request.status, replayed: false };
    });
  }

  /** Inserts the key (or takes over an expired one); false when a live one already exists. */
  private async claim(request: IdempotentRequest, hash: string): Promise<boolean> {
    const ttlHours = this.config.get('IDEMPOTENCY_TTL_HOURS', { infer: true });
    const rows = await this.txHost.tx.query<unknown[]>(
      `INSERT INTO idempotency_keys (principal, route, key, request_hash)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (principal, route, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - make_interval(hours => $5)
       RETURNING key`,
      [request.principal, request.route, request.key, hash, ttlHours],
    );
    return rows.length === 1;
  }

  private async replay(request: IdempotentRequest, hash: string): Promise<IdempotentResult> {
    const [stored] = await this.txHost.tx.query<
      { request_hash: string; response_status: number; response_body: unknown }[]
    >(
      `SELECT request_hash, response_status, response_body FROM idempotency_keys
        WHERE principal = $1 AND route = $2 AND key = $3`,
      [request.principal, request.route, request.key],
    );
    if (stored.request_hash !== hash) {
      throw new ProblemException(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body; use a new key for a new request',
      );
    }
    return { body: stored.response_body, status: stored.response_status, replayed: true };
  }

  /** Deletes keys past their time to live; run by the maintenance job. */
  async purgeExpired(): Promise<number> {
    const ttlHours = this.config.get('IDEMPOTENCY_TTL_HOURS', { infer: true });
    const [, affected] = await this.txHost.tx.query<[unknown, number]>(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [ttlHours],
    );
    return affected;
  }
}
