import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../common/idempotency/canonical-json';
import { ProblemException } from '../../common/errors/problem.exception';
import type { Environment } from '../../config/environment';
import type { Principal, StaffRole } from '../roles';
import { AuthSession } from './auth-session.entity';
import { RefreshToken } from './refresh-token.entity';
import { TokenPairDto } from './token-pair.dto';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
}

export interface ClientInfo {
  ipAddress?: string;
  userAgent?: string;
}

/** Sessions kept as checked at most (the least recently checked are dropped first). */
const CHECKED_MAX = 10_000;

const invalidRefreshToken = () =>
  new ProblemException(
    'INVALID_REFRESH_TOKEN',
    'The refresh token is invalid, expired or signed out; log in again',
  );

/**
 * Login sessions: a short-lived JWT access token plus a rotating refresh token. Each refresh
 * consumes its token and issues the next one of the same family (session); presenting a consumed
 * token again means it was copied, so the whole family is revoked.
 */
@Injectable()
export class SessionsService {
  /** Sessions found open lately, by id: see SESSION_CHECK_TTL_MS. */
  private readonly checked = new Map<string, { principal: Principal; until: number }>();
  /** Counts revocations, so that a check that raced one is not kept. */
  private revocations = 0;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Transactional()
  async open(userId: string, client: ClientInfo): Promise<TokenPairDto> {
    const session = await this.txHost.tx.getRepository(AuthSession).save({
      userId,
      ipAddress: client.ipAddress?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return this.issue(userId, session.id);
  }

  async rotate(refreshToken: string): Promise<TokenPairDto> {
    const outcome = await this.txHost.withTransaction(async () => {
      const token = await this.txHost.tx
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.tokenHash = :hash', { hash: sha256(refreshToken) })
        .getOne();
      if (!token) return { kind: 'invalid' as const };
      const session = await this.txHost.tx
        .getRepository(AuthSession)
        .findOneBy({ id: token.sessionId });
      if (!session || session.revokedAt) return { kind: 'invalid' as const };
      if (token.usedAt) {
        await this.revokeSession(session.id, 'refresh-token-reuse');
        return { kind: 'reused' as const };
      }
      if (token.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      await this.txHost.tx
        .getRepository(RefreshToken)
        .update({ id: token.id }, { usedAt: new Date() });
      return { kind: 'rotated' as const, pair: await this.issue(session.userId, session.id) };
    });
    // Thrown after the transaction so that a reuse's revocation is committed, not rolled back.
    if (outcome.kind === 'reused') {
      throw new ProblemException(
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used, so the session has been signed out everywhere; log in again',
      );
    }
    if (outcome.kind === 'invalid') throw invalidRefreshToken();
    return outcome.pair;
  }

  /** Signs out the session a refresh token belongs to; unknown tokens are ignored. */
  @Transactional()
  async close(refreshToken: string): Promise<void> {
    const token = await this.txHost.tx
      .getRepository(RefreshToken)
      .findOneBy({ tokenHash: sha256(refreshToken) });
    if (token) await this.revokeSession(token.sessionId, 'logout');
  }

  async revokeAllForUser(userId: string, reason: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
    this.forgetChecked();
  }

  /**
   * The principal behind a verified access token, if its user is still active and its session
   * open: looked up at most every SESSION_CHECK_TTL_MS for a session (a burst of requests from
   * one screen checks it once).
   */
  async principalFor(payload: AccessTokenPayload): Promise<Principal | null> {
    const now = Date.now();
    const kept = this.checked.get(payload.sid);
    if (kept && kept.until > now && kept.principal.id === payload.sub) return kept.principal;
    const revocations = this.revocations;
    const principal = await this.lookUpPrincipal(payload);
    const ttl = this.config.get('SESSION_CHECK_TTL_MS', { infer: true });
    if (principal && ttl > 0 && revocations === this.revocations) {
      this.checked.delete(payload.sid);
      this.checked.set(payload.sid, { principal, until: now + ttl });
      if (this.checked.size > CHECKED_MAX) this.checked.delete(this.checked.keys().next().value!);
    }
    return principal;
  }

  private async lookUpPrincipal(payload: AccessTokenPayload): Promise<Principal | null> {
    const [row] = await this.txHost.tx.query<
      { id: string; email: string; display_name: string; role: StaffRole }[]
    >(
      `SELECT u.id, u.email, u.display_name, u.role
         FROM users u JOIN auth_sessions s ON s.user_id = u.id
        WHERE u.id = $1 AND s.id = $2 AND u.active AND u.deleted_at IS NULL AND s.revoked_at IS NULL`,
      [payload.sub, payload.sid],
    );
    if (!row) return null;
    return {
      kind: 'user',
      id: row.id,
      role: row.role,
      sessionId: payload.sid,
      email: row.email,
      displayName: row.display_name,
    };
  }

  /**
   * Deletes what can never be used again: tokens expired over a day ago, and sessions with no live
   * token left (revoked ones are kept for the refresh-token lifetime, for the record).
   */
  async purgeDead(): Promise<void> {
    const days = this.config.get('REFRESH_TOKEN_TTL_DAYS', { infer: true });
    await this.txHost.tx.query(
      `DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'`,
    );
    await this.txHost.tx.query(
      `DELETE FROM auth_sessions s
        WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.session_id = s.id)
          AND (s.revoked_at IS NULL OR s.revoked_at < now() - make_interval(days => $1))`,
      [days],
    );
  }

  private async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
    this.forgetChecked();
  }

  /**
   * Revocations are rare: each forgets every session checked, and the checks still running then
   * are not kept. One that starts before the revocation commits may be, for SESSION_CHECK_TTL_MS.
   */
  private forgetChecked(): void {
    this.revocations++;
    this.checked.clear();
  }

  private async issue(userId: string, sessionId: string): Promise<TokenPairDto> {
    const refreshToken = randomBytes(32).toString('base64url');
    const days = this.config.get('REFRESH_TOKEN_TTL_DAYS', { infer: true });
    const refreshExpiresAt = new Date(Date.now() + days * 86_400_000);
    await this.txHost.tx.getRepository(RefreshToken).insert({
      sessionId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    const expiresIn = this.config.get('JWT_ACCESS_TTL_SECONDS', { infer: true });
    const payload: AccessTokenPayload = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn, refreshToken, refreshExpiresAt };
  }
}
