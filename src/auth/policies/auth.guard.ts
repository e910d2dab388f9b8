import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { forbidden, ProblemException } from '../../common/errors/problem.exception';
import type { RequestStore } from '../../common/request-context';
import type { Principal } from '../roles';
import { AUTH_DECISION, AuthDecision } from './auth-decision.decorator';
import { PolicyService } from './policy.service';

/**
 * The global guard: every route must carry an auth decision (`@Public`, `@Authenticated`,
 * `@Authorize`); one without is refused, never open. Callers authenticate with a bearer access
 * token (staff) or an X-API-Key header (machine clients).
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard(['jwt', 'api-key']) {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly policy: PolicyService,
    private readonly cls: ClsService<RequestStore>,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const decision = this.reflector.getAllAndOverride<AuthDecision | undefined>(AUTH_DECISION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!decision) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} has no auth decision`,
      );
      throw forbidden('This route has no access rule');
    }
    if (decision.kind === 'public') return true;
    await super.canActivate(context);
    const principal = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user: Principal }>().user;
    this.cls.set('actor', { type: principal.kind, id: principal.id });
    if (decision.kind === 'authenticated' && principal.kind === 'api_key' && !decision.apiKeys) {
      throw forbidden('API keys may not use this route');
    }
    if (
      decision.kind === 'permission' &&
      !this.policy.canAny(principal, decision.action, decision.subject)
    ) {
      throw forbidden(
        `Your role (${principal.role}) may not ${decision.action} ${decision.subject} records`,
      );
    }
    return true;
  }

  override handleRequest<T>(error: unknown, principal: T, info: unknown): T {
    if (error instanceof ProblemException) throw error;
    if (error) throw error as Error;
    if (!principal) {
      const expired = [info]
        .flat()
        .some((i) => (i as { name?: string } | undefined)?.name === 'TokenExpiredError');
      throw new ProblemException(
        'UNAUTHENTICATED',
        expired
          ? 'The access token has expired; get a new one at /api/v1/auth/refresh'
          : 'Send a valid access token (Authorization: Bearer …) or API key (X-API-Key)',
        { headers: { 'www-authenticate': 'Bearer' } },
      );
    }
    return principal;
  }
}
