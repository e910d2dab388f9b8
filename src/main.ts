import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigurationError, Environment, validateEnvironment } from './config/environment';
import { createApp, shouldSeedDemo } from './create-app';
import { startDatabaseServer } from './database/database-server';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-data.service';

const SHUTDOWN_TIMEOUT_MS = 25_000;

function loadEnvironment(): Environment {
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function announce(app: NestFastifyApplication, env: Environment, seeded: boolean): void {
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const url = env.PUBLIC_URL ?? `http://${host}:${port}`;
  const lines = [
    `Park Recruitment CRM is running at ${url}/`,
    `  API docs:  ${url}/api/docs   health: ${url}/health`,
  ];
  if (seeded)
    lines.push(
      `  Demo login: ${DEMO_USERS[0].email} / ${DEMO_PASSWORD} (also manager@, promoter1@, promoter2@, viewer@demo.park)`,
    );
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const env = loadEnvironment();
  const database = await startDatabaseServer(env);
  let app: NestFastifyApplication;
  try {
    app = await createApp(env, database);
    await app.listen({ port: env.PORT, host: env.HOST });
  } catch (error) {
    await database.stop();
    throw error;
  }
  announce(app, env, shouldSeedDemo(env, database));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    new Logger('Shutdown').log(`${signal}: finishing requests, then stopping`);
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    app
      .close()
      .then(() => database.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
