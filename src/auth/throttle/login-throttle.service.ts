import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ProblemException } from '../../common/errors/problem.exception';
import type { Environment } from '../../config/environment';
import { throttleAddress } from './client-address';

export interface LoginAttempt {
  email: string;
  address: string;
}

/**
 * Counts login attempts per account and per client address in fixed windows, in PostgreSQL so that
 * every app instance shares the counters. An attempt is counted before the password is checked (so
 * parallel guesses cannot slip past the limit) and given back when it succeeds.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  private keys(attempt: LoginAttempt) {
    return {
      account: `account:${attempt.email.trim().toLowerCase()}`,
      address: `address:${throttleAddress(attempt.address)}`,
    };
  }

  /** Counts the attempt; 429 if the account or the address has used up its window. */
  async begin(attempt: LoginAttempt): Promise<void> {
    const { account, address } = this.keys(attempt);
    const window = this.config.get('LOGIN_THROTTLE_WINDOW_SECONDS', { infer: true });
    const rows = await this.txHost.tx.query<
      { key: string; attempts: number; retry_after: number }[]
    >(
      `INSERT INTO login_throttles (key, attempts, window_started_at)
       SELECT unnest($1::varchar[]), 1, now()
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN login_throttles.window_started_at <= now() - make_interval(secs => $2)
                         THEN 1 ELSE login_throttles.attempts + 1 END,
         window_started_at = CASE WHEN login_throttles.window_started_at <= now() - make_interval(secs => $2)
                         THEN now() ELSE login_throttles.window_started_at END
       RETURNING key, attempts,
         ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS retry_after`,
      [[account, address], window],
    );
    const limits: Record<string, number> = {
      [account]: this.config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT', { infer: true }),
      [address]: this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS', { infer: true }),
    };
    const exceeded = rows.filter((row) => row.attempts > limits[row.key]);
    if (exceeded.length > 0) {
      const retryAfter = Math.max(1, ...exceeded.map((row) => row.retry_after));
      throw new ProblemException(
        'LOGIN_THROTTLED',
        `Too many failed logins; try again in ${retryAfter} seconds`,
        {
          headers: { 'retry-after': String(retryAfter) },
        },
      );
    }
  }

  async purgeSpentWindows(): Promise<void> {
    const window = this.config.get('LOGIN_THROTTLE_WINDOW_SECONDS', { infer: true });
    await this.txHost.tx.query(
      `DELETE FROM login_throttles WHERE window_started_at < now() - make_interval(secs => $1)`,
      [window],
    );
  }

  /** A successful login clears the account's count and gives the address its attempt back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    const { account, address } = this.keys(attempt);
    await this.txHost.tx.query(`DELETE FROM login_throttles WHERE key = $1`, [account]);
    await this.txHost.tx.query(
      `UPDATE login_throttles SET attempts = greatest(attempts - 1, 0) WHERE key = $1`,
      [address],
    );
  }
}
