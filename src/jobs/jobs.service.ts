import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import PgBoss from 'pg-boss';
import type { Environment } from '../config/environment';

export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');

export interface JobDefinition<T extends object> {
  /** Queue name: kebab-case, one per kind of job. */
  queue: string;
  handler: (data: T) => Promise<void>;
  /** Cron expression to enqueue the job on a schedule; pg-boss runs each tick once across instances. */
  cron?: string;
  /** Time zone of `cron` (default UTC); business schedules use Asia/Shanghai. */
  timeZone?: string;
  queueOptions?: Omit<PgBoss.Queue, 'name'>;
  workOptions?: PgBoss.WorkOptions;
  /** False: the queue exists and takes jobs, but this instance does not work them (yet). */
  worker?: boolean;
}

/**
 * Background jobs on pg-boss: queues live in the app's PostgreSQL (schema `pgboss`, created by a
 * migration), so N instances share them with no other server. Feature modules `define` their jobs
 * while the app initialises; workers and schedules start once the app has booted.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly boss: PgBoss;
  private readonly definitions: JobDefinition<object>[] = [];
  private started = false;

  constructor(
    @Inject(JOBS_DATABASE_URL) databaseUrl: string,
    private readonly config: ConfigService<Environment, true>,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      migrate: false,
      max: 4,
      application_name: 'park-crm-jobs',
      maintenanceIntervalSeconds: config.get('JOBS_MAINTENANCE_INTERVAL_SECONDS', { infer: true }),
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    if (this.started) throw new Error(`Define job ${definition.queue} before the app boots`);
    this.definitions.push(definition as unknown as JobDefinition<object>);
  }

  /**
   * Enqueues a job. Inside a transaction the job is inserted by that transaction (an outbox): it
   * exists exactly when the change that asked for it commits.
   */
  async send<T extends object>(
    queue: string,
    data: T,
    options: PgBoss.SendOptions = {},
  ): Promise<string | null> {
    const db = this.txHost.isTransactionActive() ? this.transactionDb() : undefined;
    return this.boss.send(queue, data, { ...options, ...(db ? { db } : {}) });
  }

  /** Runs a defined job's handler now, in this process (operators' "run now", tests). */
  async runNow(queue: string, data: object = {}): Promise<void> {
    const definition = this.definitions.find((d) => d.queue === queue);
    if (!definition) throw new Error(`No job ${queue}`);
    await definition.handler(data);
  }

  get queues(): string[] {
    return this.definitions.map((d) => d.queue);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('JOBS_ENABLED', { infer: true })) return;
    await this.boss.start();
    this.started = true;
    for (const definition of this.definitions) {
      await this.boss.createQueue(definition.queue, {
        name: definition.queue,
        ...definition.queueOptions,
      });
      // An existing queue keeps its first options otherwise; configuration may have changed since.
      if (definition.queueOptions)
        await this.boss.updateQueue(definition.queue, {
          name: definition.queue,
          ...definition.queueOptions,
        });
      if (definition.worker === false) continue;
      await this.boss.work<object>(definition.queue, definition.workOptions ?? {}, async (jobs) => {
        for (const job of jobs) await definition.handler(job.data);
      });
      if (definition.cron) {
        await this.boss.schedule(
          definition.queue,
          definition.cron,
          {},
          { tz: definition.timeZone ?? 'UTC' },
        );
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  private transactionDb(): PgBoss.Db {
    return {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: await this.txHost.tx.query<unknown[]>(text, values),
      }),
    };
  }
}
