import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { AppModule, DatabaseConnection } from './app.module';
import { requireSupportedContentType } from './common/http/content-type.hook';
import { corsOptions, securityHeaders } from './common/http/security-headers';
import { rejectMalformedInput } from './common/http/json-input.hook';
import { versionEtag } from './common/concurrency/version-etag.hook';
import { requestIdOf } from './common/logging/request-id';
import type { Environment } from './config/environment';
import { PROJECT_ROOT } from './config/paths';
import { DemoDataService } from './demo/demo-data.service';
import { setupOpenApi } from './openapi';

export const API_PREFIX = 'api/v1';
export const CSV_BODY_LIMIT_BYTES = 64 * 1024 * 1024;
const WEB_ROOT = join(PROJECT_ROOT, 'web', 'dist');

export function shouldSeedDemo(env: Environment, database: DatabaseConnection): boolean {
  return env.SEED_DEMO ?? (database.embedded && env.NODE_ENV !== 'production');
}

/** Builds the whole app (migrated, seeded when it should be), ready to listen. */
export async function createApp(
  env: Environment,
  database: DatabaseConnection,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    trustProxy: env.TRUST_PROXY,
    bodyLimit: env.BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // Requests Node's HTTP parser rejects (a raw non-ASCII URL, a broken request line) still get problem+json.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({
        type: 'urn:park-crm:problem:bad-request',
        title: 'Bad request',
        status: 400,
        detail: 'The HTTP request is malformed (a URL must be percent-encoded)',
        code: 'BAD_REQUEST',
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env, database),
    adapter,
    // rawBody: webhooks are verified against the exact bytes their signature covers.
    { bufferLogs: true, rawBody: true },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Before any route or plugin, so that every response (errors, static files, docs) carries them.
  // helmet's middleware is built once: @fastify/helmet builds it again for every request.
  const setSecurityHeaders = helmet(securityHeaders());
  fastify.addHook('onRequest', (request, reply, done) =>
    setSecurityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error as Error | undefined),
    ),
  );
  if (env.CORS_ORIGINS.length > 0) app.enableCors(corsOptions(env.CORS_ORIGINS));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onRequest', requireSupportedContentType);
  fastify.addHook('preValidation', rejectMalformedInput);
  fastify.addHook('preSerialization', versionEtag);
  // CSV uploads (lead import) arrive as raw bytes: the importer detects UTF-8 or GB18030 itself.
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  setupOpenApi(app);
  if (existsSync(WEB_ROOT)) {
    // Files are looked up per request (a rebuilt bundle is served without a restart). Hashed
    // assets never change; index.html is revalidated so that a new build is picked up at once.
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      prefix: '/',
      decorateReply: false,
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        void reply.header(
          'cache-control',
          path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  await app.init();
  if (shouldSeedDemo(env, database)) await app.get(DemoDataService).seed();
  return app;
}
