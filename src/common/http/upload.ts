import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ProblemException } from '../errors/problem.exception';
import type { UploadRoute } from './request-body';
import { uploadOf } from './request-body';

const tooLarge = (limitBytes: number) =>
  new ProblemException(
    'PAYLOAD_TOO_LARGE',
    `The upload is larger than ${Math.floor(limitBytes / 1024 / 1024)} MiB`,
  );

/**
 * The upload's bytes, read from its stream up to the route's limit. A length announced over the
 * limit is refused before anything is read; a stream that runs over it is refused at that point.
 */
export async function readUpload(
  stream: Readable,
  announcedLength: number,
  limitBytes: number,
): Promise<Buffer> {
  if (announcedLength > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Reads an upload route's body once the global guard has authenticated and authorised the caller
 * (the body parser left it unread), so that no anonymous or unauthorised request makes the server
 * buffer it; an upload over the route's limit is refused here. A route guard, so that it runs
 * after the global one and before every interceptor (idempotency compares the bytes).
 */
@Injectable()
export class UploadGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const upload = uploadOf(request);
    if (upload && request.body instanceof Readable) {
      request.body = await readUpload(
        request.body,
        Number(request.headers['content-length'] ?? 0),
        upload.limitBytes,
      );
    }
    return true;
  }
}

/**
 * An upload route: its body, of one media type and at most `limitBytes`, is read only after the
 * caller is authenticated and authorised.
 */
export const Upload = (upload: UploadRoute) =>
  applyDecorators(
    UseGuards(UploadGuard),
    RouteConfig({ upload }),
    ApiConsumes(upload.contentType),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
    ApiPayloadTooLargeResponse({
      description: `PAYLOAD_TOO_LARGE: the upload is over ${upload.limitBytes} bytes`,
    }),
    ApiUnsupportedMediaTypeResponse({
      description: `UNSUPPORTED_MEDIA_TYPE: the body is not ${upload.contentType}`,
    }),
  );
