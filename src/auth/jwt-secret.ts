import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Environment } from '../config/environment';

/** Every access token names its issuer and audience; a token without them (or other ones) is refused. */
export const JWT_ISSUER = 'park-crm';
export const JWT_AUDIENCE = 'park-crm-api';
/** The only algorithm signed and accepted: `none`, RS256 or HS512 headers are refused. */
export const JWT_ALGORITHM = 'HS256';

/**
 * The key that signs access tokens: JWT_SECRET, required in production. In development without it,
 * a random key is kept beside the embedded database (never in the repo), so that tokens survive a
 * restart and instances on one machine agree.
 */
@Injectable()
export class JwtSecret {
  readonly value: string;
  /**
   * The same secret as a KeyObject: given a string, jsonwebtoken first tries it as a PEM public
   * key and builds the secret key from the exception, on every verification (a tenth of a
   * request's CPU).
   */
  readonly key: KeyObject;

  constructor(config: ConfigService<Environment, true>) {
    this.value = JwtSecret.load(config);
    this.key = createSecretKey(Buffer.from(this.value));
  }

  private static load(config: ConfigService<Environment, true>): string {
    const configured = config.get('JWT_SECRET', { infer: true });
    if (configured) return configured;
    if (config.get('NODE_ENV', { infer: true }) === 'production')
      throw new Error('JWT_SECRET is required in production');
    const file = resolve(dirname(config.get('EMBEDDED_PG_DIR', { infer: true })), 'jwt-secret');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      try {
        writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
        new Logger('Auth').warn(`JWT_SECRET is not set: using a development key kept in ${file}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return readFileSync(file, 'utf8').trim();
  }
}
