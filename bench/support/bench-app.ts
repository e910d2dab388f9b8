import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnvironment } from '../../src/config/environment';
import { createApp } from '../../src/create-app';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';

export interface BenchApp {
  app: NestFastifyApplication;
  /** The app's origin, `http://127.0.0.1:<port>`. */
  origin: string;
  databaseUrl: string;
  /** Closes the app and keeps the database running. */
  closeApp(): Promise<void>;
  /** Closes the app, then stops and removes the embedded PostgreSQL. */
  stop(): Promise<void>;
}

/**
 * The real app with demo data on DATABASE_URL's server, or on an embedded PostgreSQL in a
 * temporary folder that `stop()` removes; jobs off, so that only the measured work runs.
 */
export async function startBenchApp(): Promise<BenchApp> {
  const folder = mkdtempSync(join(tmpdir(), 'crm-bench-'));
  const embedded = process.env.DATABASE_URL
    ? undefined
    : new EmbeddedPostgres({ dataDir: join(folder, 'postgres'), database: 'crm_bench' });
  const databaseUrl = process.env.DATABASE_URL ?? (await embedded!.start());
  const env = validateEnvironment({
    NODE_ENV: 'test',
    JWT_SECRET: 'bench-secret-long-enough-for-hs256-signing!',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    JOBS_ENABLED: 'false',
    // Long enough for any warm-up call to find its session checked by the call just before it.
    SESSION_CHECK_TTL_MS: '10000',
    DATABASE_URL: databaseUrl,
  });
  const app = await createApp(env, { url: databaseUrl, embedded: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  let closed: Promise<void> | undefined;
  const closeApp = () => (closed ??= app.close());
  return {
    app,
    origin: `http://127.0.0.1:${port}`,
    databaseUrl,
    closeApp,
    stop: async () => {
      await closeApp();
      await embedded?.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
