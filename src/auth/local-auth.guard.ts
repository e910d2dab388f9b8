import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ProblemException } from '../common/errors/problem.exception';

/** Runs the e-mail + password check for POST /auth/login. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error) throw error as Error;
    if (!user) {
      const missing = (info as { message?: string } | undefined)?.message === 'Missing credentials';
      if (missing) {
        throw new ProblemException('VALIDATION_FAILED', 'Send both email and password', {
          errors: [
            { field: 'email', message: 'email is required' },
            { field: 'password', message: 'password is required' },
          ],
        });
      }
      throw new ProblemException('INVALID_CREDENTIALS', 'The e-mail or the password is wrong');
    }
    return user;
  }
}
