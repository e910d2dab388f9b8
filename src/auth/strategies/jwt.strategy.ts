import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from '../roles';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, JwtSecret } from '../jwt-secret';
import { AccessTokenPayload, SessionsService } from '../tokens/sessions.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    secret: JwtSecret,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, which passport-jwt passes on to jsonwebtoken as is (its types say string).
      secretOrKey: secret.key as unknown as string,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  /** Checked on every request, so that a sign-out or a deactivation takes effect at once. */
  async validate(payload: AccessTokenPayload): Promise<Principal | false> {
    if (typeof payload?.sub !== 'string' || typeof payload?.sid !== 'string') return false;
    return (await this.sessions.principalFor(payload)) ?? false;
  }
}
