import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import { Logger } from 'nestjs-pino';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { AppModule, DatabaseConnection } from './app.module';
import { requireSupportedContentType } from './common/http/content-type.hook';
import { MAX_PATH_SEGMENT_LENGTH, rejectLongPathSegments } from './common/http/path-budget.hook';
import { corsOptions, staticSecurityHeaders } from './common/http/security-headers';
import { bodyDeadline } from './common/http/body-deadline.hook';
import { answerOnSocket, clientErrorProblem } from './common/http/socket-answer';
import { sendProblem } from './common/errors/problem.filter';
import { budgetedJsonParser } from './common/http/json-body.parser';
import { rejectMalformedInput } from './common/http/json-input.hook';
import { versionEtag } from './common/concurrency/version-etag.hook';
import { requestIdOf } from './common/logging/request-id';
import type { Environment } from './config/environment';
import { PROJECT_ROOT } from './config/paths';
import { DemoDataService } from './demo/demo-data.service';
import { setupOpenApi } from './openapi';

import { API_PREFIX } from './common/http/api-prefix';

export { API_PREFIX };
const WEB_ROOT = join(PROJECT_ROOT, 'web', 'dist');
/** How often Node looks for requests past their time (its default, 30 s, would double a 30 s timeout). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export function shouldSeedDemo(env: Environment, database: DatabaseConnection): boolean {
  return env.SEED_DEMO ?? (database.embedded && env.NODE_ENV !== 'production');
}

/**
 * Fastify's options: what a request may cost before it is refused (body size, how long it may
 * take to arrive, how long a connection may stay silent), and problem+json with the security
 * headers for what Fastify and Node refuse themselves.
 */
function fastifyAdapter(env: Environment, securityHeaders: Record<string, string>): FastifyAdapter {
  // Node enforces the longest time (uploads'); the bodyDeadline hook holds every other route to
  // REQUEST_TIMEOUT_MS.
  const requestTimeout = Math.max(env.REQUEST_TIMEOUT_MS, env.UPLOAD_REQUEST_TIMEOUT_MS);
  return new FastifyAdapter({
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    trustProxy: env.TRUST_PROXY,
    bodyLimit: env.BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PATH_SEGMENT_LENGTH },
    return503OnClosing: true,
    requestTimeout,
    connectionTimeout: env.CONNECTION_TIMEOUT_MS,
    http: {
      requestTimeout,
      headersTimeout: env.REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    // A URL Fastify's router refuses (bad percent-encoding, a parameter over maxParamLength).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      void reply.headers(securityHeaders).header('x-request-id', request.id);
      sendProblem(error, request, reply);
    },
    // Requests Node's HTTP parser refuses (a raw non-ASCII URL, a broken request line, headers
    // over its limit) and requests that did not arrive within their time.
    clientErrorHandler: (error, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const { code, detail } = clientErrorProblem(error);
      answerOnSocket(socket, code, detail, securityHeaders);
    },
  });
}

/** Builds the whole app (migrated, seeded when it should be), ready to listen. */
export async function createApp(
  env: Environment,
  database: DatabaseConnection,
): Promise<NestFastifyApplication> {
  // Taken from helmet once: the same on every response, raw socket answers included.
  const securityHeaders = staticSecurityHeaders();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env, database),
    fastifyAdapter(env, securityHeaders),
    // rawBody: webhooks are verified against the exact bytes their signature covers.
    { bufferLogs: true, rawBody: true },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Before any route or plugin, so that every response (errors, static files, docs) carries them.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeaders).header('x-request-id', request.id);
    done();
  });
  if (env.CORS_ORIGINS.length > 0) app.enableCors(corsOptions(env.CORS_ORIGINS));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  fastify.addHook('onRequest', rejectLongPathSegments);
  fastify.addHook('onRequest', requireSupportedContentType);
  fastify.addHook('onRequest', bodyDeadline(env.REQUEST_TIMEOUT_MS, securityHeaders));
  fastify.addHook('preValidation', rejectMalformedInput);
  fastify.addHook('preSerialization', versionEtag);
  // Registered before init, so that Nest registers none of its own (nor a form parser).
  app.useBodyParser(
    'application/json',
    { bodyLimit: env.BODY_LIMIT_BYTES },
    budgetedJsonParser(fastify),
  );
  // An upload's body is left unread here: its route's UploadGuard reads it once the caller is
  // authorised. The content-type hook refuses CSV on every route that is not an upload route.
  fastify.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  setupOpenApi(app, env.API_DOCS_UI ?? env.NODE_ENV !== 'production');
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
