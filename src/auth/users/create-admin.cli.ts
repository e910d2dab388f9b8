/**
 * Creates the first admin of a production install, where no default user exists:
 *   ADMIN_EMAIL=… ADMIN_PASSWORD=… [ADMIN_NAME=…] node dist/src/auth/users/create-admin.cli.js
 * The password comes from the environment, never from the command line (it would show in `ps`).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { AppModule } from '../../app.module';
import { validateEnvironment } from '../../config/environment';
import { startDatabaseServer } from '../../database/database-server';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../passwords';
import { UsersService } from './users.service';

async function main(): Promise<number> {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password, ADMIN_NAME: name } = process.env;
  if (!email || !password || password.length < PASSWORD_MIN_LENGTH) {
    console.error(
      `Set ADMIN_EMAIL and ADMIN_PASSWORD (${PASSWORD_MIN_LENGTH}+ characters) in the environment.`,
    );
    return 2;
  }
  const weak = passwordProblem(password, { email, displayName: name });
  if (weak) {
    console.error(`ADMIN_PASSWORD is refused: ${weak}.`);
    return 2;
  }
  const env = validateEnvironment({
    ...process.env,
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const database = await startDatabaseServer(env, { shareWithLiveOwner: true });
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(env, database), {
    logger: ['error'],
  });
  try {
    const created = await context
      .get(ClsService)
      .run(() =>
        context
          .get(UsersService)
          .ensureUsers([{ email, password, displayName: name ?? 'Administrator', role: 'admin' }], {
            checkPassword: true,
          }),
      );
    console.log(
      created ? `created admin ${email}` : `a user ${email} already exists: nothing changed`,
    );
    return 0;
  } finally {
    await context.close();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
