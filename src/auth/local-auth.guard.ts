import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../common/errors/problem.exception';
import { validationProblem } from '../common/http/validation';
import { LoginDto } from './dto/login.dto';

/**
 * Runs the e-mail + password check for POST /auth/login, after validating the body as the global
 * pipe would (which runs only after guards): credentials come from the JSON body only, never from
 * the query string, and a malformed body never reaches the password check or the throttle.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.url.includes('?')) {
      throw new ProblemException(
        'BAD_REQUEST',
        'Send credentials in the JSON body, never in the URL',
      );
    }
    const errors = await validate(plainToInstance(LoginDto, request.body ?? {}), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    if (errors.length > 0) throw validationProblem(errors);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error as Error;
    if (!user)
      throw new ProblemException('INVALID_CREDENTIALS', 'The e-mail or the password is wrong');
    return user;
  }
}
