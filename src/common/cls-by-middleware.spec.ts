import { Controller, DynamicModule, Get, Module, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClsModule, ClsService } from 'nestjs-cls';
import { clsByMiddleware } from './cls-by-middleware';

const providedTokens = (module: DynamicModule): unknown[] => [
  ...(module.providers ?? []).map((provider: Provider) =>
    typeof provider === 'object' ? provider.provide : provider,
  ),
  ...(module.imports ?? []).flatMap((imported) =>
    imported && typeof imported === 'object' && 'module' in imported
      ? providedTokens(imported)
      : [],
  ),
];

@Controller()
class ProbeController {
  constructor(private readonly cls: ClsService) {}

  @Get('probe')
  probe() {
    return { id: this.cls.getId(), active: this.cls.isActive() };
  }
}

describe('clsByMiddleware', () => {
  const options = { global: true, middleware: { mount: true as const, generateId: true } };

  it('keeps ClsModule’s providers but its pass-through global guard and interceptor', () => {
    const original = providedTokens(ClsModule.forRoot(options));
    const kept = providedTokens(clsByMiddleware(options));
    // Fails once nestjs-cls stops registering them: clsByMiddleware is then no longer needed.
    expect(original).toEqual(expect.arrayContaining([APP_GUARD, APP_INTERCEPTOR]));
    expect(kept).not.toContain(APP_GUARD);
    expect(kept).not.toContain(APP_INTERCEPTOR);
    expect(kept).toEqual(
      original.filter((token) => token !== APP_GUARD && token !== APP_INTERCEPTOR),
    );
  });

  it('still opens a context for every request, through the middleware', async () => {
    @Module({ imports: [clsByMiddleware(options)], controllers: [ProbeController] })
    class ProbeModule {}
    const app = await NestFactory.create<NestFastifyApplication>(
      ProbeModule,
      new FastifyAdapter(),
      {
        logger: false,
      },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const [first, second] = await Promise.all(
        [1, 2].map(async () =>
          (await app.inject({ method: 'GET', url: '/probe' })).json<{
            id: string;
            active: boolean;
          }>(),
        ),
      );
      expect(first.active).toBe(true);
      expect(first.id).toEqual(expect.any(String));
      expect(second.id).not.toBe(first.id);
    } finally {
      await app.close();
    }
  });
});
