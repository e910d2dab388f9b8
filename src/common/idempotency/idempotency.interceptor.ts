import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, map, Observable } from 'rxjs';
import { canonicalJson } from './canonical-json';
import { assertIdempotencyKey, IdempotencyService } from './idempotency.service';

interface Caller {
  kind: string;
  id: string;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !request.user) return next.handle();
    assertIdempotencyKey(key);
    const status =
      this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const run = this.idempotency.run(
      {
        principal: `${request.user.kind}:${request.user.id}`,
        // The route pattern and its parameters, so that /users and /%75sers share a key.
        route: `${request.method} ${request.routeOptions.url ?? ''} ${canonicalJson(request.params ?? {})} ${canonicalJson(request.query ?? {})}`,
        key,
        body: request.body,
        status,
      },
      () => lastValueFrom(next.handle(), { defaultValue: undefined }),
    );
    return from(run).pipe(
      map((result) => {
        if (result.replayed) {
          void context
            .switchToHttp()
            .getResponse<FastifyReply>()
            .header('idempotent-replayed', 'true');
        }
        return result.body;
      }),
    );
  }
}

/** On a creating POST: honours `Idempotency-Key` (retry → first response; other body → 422). */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Makes a retry return the first response',
    }),
    ApiResponse({
      status: 422,
      description: 'IDEMPOTENCY_KEY_REUSED: the key was used with another body',
    }),
  );
