import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { IncomingMessage } from 'node:http';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { clsByMiddleware } from './common/cls-by-middleware';
import { CommonModule } from './common/common.module';
import { CompaniesModule } from './companies/companies.module';
import { ProblemFilter } from './common/errors/problem.filter';
import { createValidationPipe } from './common/http/validation';
import { loggerOptions } from './common/logging/logger-options';
import { requestIdOf } from './common/logging/request-id';
import type { Environment } from './config/environment';
import { dataSourceOptions } from './database/data-source-options';
import { runMigrationsLocked } from './database/migrate';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { LeadsModule } from './leads/leads.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { SiteVisitsModule } from './site-visits/site-visits.module';
import { SpacesModule } from './spaces/spaces.module';
import { OnboardingModule } from './onboarding/onboarding.module';
import { IncentivesModule } from './incentives/incentives.module';
import { SearchModule } from './search/search.module';
import { ComputeCenterModule } from './compute-center/compute-center.module';
import { ReportsModule } from './reports/reports.module';

export interface DatabaseConnection {
  url: string;
  embedded: boolean;
}

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

@Module({})
export class AppModule {
  static forRoot(env: Environment, database: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The environment was validated once at start-up (main.ts); the app reads only that copy.
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => ({ ...env })],
        }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) =>
            loggerOptions(config.get('LOG_LEVEL', { infer: true })),
        }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) =>
            dataSourceOptions(database.url, config.get('DATABASE_POOL_SIZE', { infer: true })),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
        clsByMiddleware({
          global: true,
          middleware: {
            mount: true,
            generateId: true,
            idGenerator: (request: IncomingMessage) => requestIdOf(request),
          },
          plugins: [
            new ClsPluginTransactional({
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
        EventEmitterModule.forRoot(),
        JobsModule.forRoot(database.url),
        CommonModule,
        AuditModule,
        AuthModule,
        NotificationsModule,
        CompaniesModule,
        LeadsModule,
        PipelineModule,
        SiteVisitsModule,
        SpacesModule,
        OnboardingModule,
        ComputeCenterModule,
        IncentivesModule,
        SearchModule,
        ReportsModule,
        HealthModule,
        DemoModule,
      ],
      providers: [
        { provide: DATABASE_CONNECTION, useValue: database },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
