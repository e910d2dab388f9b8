import { Logger } from '@nestjs/common';
import type { Environment } from '../config/environment';
import { EmbeddedPostgres } from './embedded-postgres';

/** The PostgreSQL the app talks to: the one in DATABASE_URL, else an embedded one it runs itself. */
export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function startDatabaseServer(
  env: Environment,
  options: { shareWithLiveOwner?: boolean } = {},
): Promise<DatabaseServer> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => undefined };
  }
  const logger = new Logger('EmbeddedPostgres');
  const server = new EmbeddedPostgres({
    dataDir: env.EMBEDDED_PG_DIR,
    database: 'crm',
    log: (message) => logger.log(message),
    shareWithLiveOwner: options.shareWithLiveOwner,
  });
  const url = await server.start();
  return { url, embedded: true, stop: () => server.stop() };
}
