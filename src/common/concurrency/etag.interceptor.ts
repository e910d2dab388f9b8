import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable, tap } from 'rxjs';

/** Every response that is one versioned record carries `ETag: "<version>"`. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((body: unknown) => {
        const record = body as { id?: unknown; version?: unknown } | null;
        if (
          record &&
          typeof record === 'object' &&
          typeof record.id === 'string' &&
          Number.isInteger(record.version)
        ) {
          void context
            .switchToHttp()
            .getResponse<FastifyReply>()
            .header('etag', `"${String(record.version)}"`);
        }
      }),
    );
  }
}
