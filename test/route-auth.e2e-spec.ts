import { Controller, Get, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { Authorize, Public } from '../src/auth/policies/auth-decision.decorator';
import { PolicyService } from '../src/auth/policies/policy.service';
import { minimalBody, registeredRoutes } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

@Controller('fixture')
class FixtureController {
  @Get('open')
  @Public()
  open() {}

  @Get('guarded')
  @Authorize('read', 'User')
  guarded() {}

  @Post('forgotten')
  forgotten() {}
}

const concrete = (path: string) => path.replace(/:(\w+)/g, () => randomUUID());

describe('every route has an auth decision, and the guard enforces it', () => {
  let t: TestApp;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    const created = await t.request('POST', '/api/v1/api-keys', {
      token: await t.tokenFor('admin'),
      body: { name: 'walker' },
    });
    apiKey = created.body.key;
  });
  afterAll(() => t.close());

  it('finds a route without a decision (the check can fail)', async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [FixtureController],
    }).compile();
    const undecided = registeredRoutes(moduleRef)
      .filter((r) => !r.decision)
      .map((r) => r.route);
    expect(undecided).toEqual(['FixtureController.forgotten']);
    await moduleRef.close();
  });

  it('has no route without @Public, @Authenticated or @Authorize', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.decision).map((r) => r.route)).toEqual([]);
  });

  it('documents every route in the OpenAPI document', async () => {
    const docs = (await t.request('GET', '/api/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const route of registeredRoutes(t.app)) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      expect({
        route: route.route,
        documented: Boolean(docs.paths[openApiPath]?.[route.method.toLowerCase()]),
      }).toEqual({
        route: route.route,
        documented: true,
      });
    }
  });

  it('answers 401 to every non-public route called without credentials', async () => {
    for (const route of registeredRoutes(t.app).filter((r) => r.decision?.kind !== 'public')) {
      const response = await t.request(route.method, concrete(route.path), minimalBody(route));
      expect({ route: route.route, status: response.status, code: response.body?.code }).toEqual({
        route: route.route,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('answers 403 to an integration key on every route its role does not allow', async () => {
    const policy = t.app.get(PolicyService);
    const integration = {
      kind: 'api_key' as const,
      id: randomUUID(),
      role: 'integration' as const,
    };
    for (const route of registeredRoutes(t.app)) {
      const decision = route.decision;
      if (
        decision?.kind !== 'permission' ||
        policy.canAny(integration, decision.action, decision.subject)
      )
        continue;
      const response = await t.request(route.method, concrete(route.path), {
        apiKey,
        ...minimalBody(route),
      });
      expect({ route: route.route, status: response.status }).toEqual({
        route: route.route,
        status: 403,
      });
    }
  });
});
