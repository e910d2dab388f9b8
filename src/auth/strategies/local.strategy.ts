import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { fieldError, ProblemException } from '../../common/errors/problem.exception';
import { AuthService } from '../auth.service';
import type { User } from '../users/user.entity';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, email: unknown, password: unknown): Promise<User> {
    if (typeof email !== 'string' || typeof password !== 'string') {
      throw new ProblemException('VALIDATION_FAILED', 'email and password must be strings', {
        errors: [
          fieldError(
            typeof email !== 'string' ? 'email' : 'password',
            'must_be_string',
            'must be a string',
          ),
        ],
      });
    }
    return this.auth.verifyCredentials(email, password, request.ip);
  }
}
