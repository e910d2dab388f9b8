import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { AUTH_DECISION, type AuthDecision } from '../../src/auth/policies/auth-decision.decorator';
import type { UploadRoute } from '../../src/common/http/request-body';

export interface RegisteredRoute {
  route: string;
  method: string;
  path: string;
  decision: AuthDecision | undefined;
  /** What an upload route takes (`@Upload`); other routes take JSON. */
  upload?: UploadRoute;
}

/**
 * The smallest body a route takes, in its media type: none on a GET, an empty JSON object, or for
 * an upload route a one-line CSV (so that the guard, not the media type, decides the answer).
 */
export function minimalBody(route: RegisteredRoute): {
  body?: unknown;
  rawBody?: Buffer;
  headers?: Record<string, string>;
} {
  if (route.method === 'GET') return {};
  if (route.upload) {
    return {
      rawBody: Buffer.from('企业名称\n'),
      headers: { 'content-type': route.upload.contentType },
    };
  }
  return { body: {} };
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route of every controller in the app, with the auth decision the global guard will read. */
export function registeredRoutes(
  app: Pick<INestApplication, 'get'>,
  prefix = 'api/v1',
  excluded = ['health'],
): RegisteredRoute[] {
  const scanner = new MetadataScanner();
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (methodPath === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const decision = (Reflect.getMetadata(AUTH_DECISION, handler) ??
          Reflect.getMetadata(AUTH_DECISION, controller)) as AuthDecision | undefined;
        const path = excluded.includes(base)
          ? join(base, methodPath)
          : join(prefix, base, methodPath);
        const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as
          { upload?: UploadRoute } | undefined;
        routes.push({
          route: `${controller.name}.${name}`,
          method,
          path,
          decision,
          upload: config?.upload,
        });
      }
    }
  }
  return routes;
}
