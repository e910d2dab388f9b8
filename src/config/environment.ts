import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return value;
  const text = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value;
};

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;

/** A comma-separated list as trimmed, non-empty items (lower-cased, without a trailing slash). */
const toOriginList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim().toLowerCase().replace(/\/+$/, ''))
        .filter((item) => item !== '')
    : value;

/**
 * Every setting the app reads from its environment. A wrong value stops start-up with a message
 * naming the variable; settings required only in production are checked in `validateEnvironment`.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_READ_URL must be a postgres:// connection URL' })
  DATABASE_READ_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * How long (ms) a session found open answers for its access token without being looked up
   * again: a sign-out or a change of access through this instance takes effect at once, through
   * another instance within this time. 0: looked up on every request.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  SESSION_CHECK_TTL_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  IDEMPOTENCY_TTL_HOURS = 24;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO?: boolean;

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  /** Days an owner keeps a lead without working it before it returns to the pool (公海). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  LEAD_PROTECTION_DAYS = 30;

  /** Run job workers and schedules in this instance (all instances may: pg-boss runs each job once). */
  @Transform(toBoolean)
  @IsBoolean()
  JOBS_ENABLED = true;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** How long a request's head and body may take to arrive (upload routes: UPLOAD_REQUEST_TIMEOUT_MS); later, 408. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  REQUEST_TIMEOUT_MS = 30_000;

  /** How long an upload (the lead import's CSV) may take to arrive. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  UPLOAD_REQUEST_TIMEOUT_MS = 300_000;

  /** How long a connection may stay silent both ways (mid-request, or while a long answer is computed) before it is closed. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  CONNECTION_TIMEOUT_MS = 120_000;

  /** Serve Swagger UI at /api/docs (the document at /api/docs-json is always served); default: outside production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  API_DOCS_UI?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  PUBLIC_URL?: string;

  /**
   * Origins (scheme://host[:port], comma-separated) whose browser pages may call the API: the web
   * admin when it is served from another origin. Empty (the default): same-origin only.
   */
  @Transform(toOriginList)
  @IsArray()
  @Matches(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, {
    each: true,
    message: 'CORS_ORIGINS must be comma-separated origins such as https://crm.example.cn',
  })
  CORS_ORIGINS: string[] = [];

  /** How often pg-boss fails jobs stuck active past their expiry (a crashed worker's) and retries them. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  JOBS_MAINTENANCE_INTERVAL_SECONDS = 60;

  /** How long a report's result may be served from the database before it is computed again, even if nothing it read changed; 0: never cached. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86400)
  REPORT_CACHE_TTL_SECONDS = 300;

  /** How long after a change a report's kept result may still be served, while one call computes it again in the background (the results read within the hour are computed again before it runs out); 0: never outdated. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  REPORT_STALE_SECONDS = 300;

  /** The Ascend AI Computing Center's account API; without it, calls wait in the outbox. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'COMPUTE_CENTER_URL must be an http(s) URL' })
  COMPUTE_CENTER_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'COMPUTE_CENTER_TOKEN must be at least 16 characters long' })
  COMPUTE_CENTER_TOKEN?: string;

  /** Standard Webhooks signing secret shared with the compute center (`whsec_` + base64). */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9+/=]{24,}$/, {
    message: 'COMPUTE_CENTER_WEBHOOK_SECRET must be whsec_ followed by a base64 key',
  })
  COMPUTE_CENTER_WEBHOOK_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  COMPUTE_CENTER_TIMEOUT_MS = 10_000;

  /** Attempts after the first before a call goes to the dead-letter queue. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(50)
  COMPUTE_CENTER_RETRY_LIMIT = 12;

  /** First retry delay; each next one doubles, with jitter. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  COMPUTE_CENTER_RETRY_DELAY_SECONDS = 5;
}

export class ConfigurationError extends Error {}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

const ENVIRONMENT_KEYS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'DATABASE_POOL_SIZE',
  'EMBEDDED_PG_DIR',
  'JWT_SECRET',
  'JWT_ACCESS_TTL_SECONDS',
  'REFRESH_TOKEN_TTL_DAYS',
  'SESSION_CHECK_TTL_MS',
  'LOGIN_MAX_FAILURES_PER_ACCOUNT',
  'LOGIN_MAX_FAILURES_PER_ADDRESS',
  'LOGIN_THROTTLE_WINDOW_SECONDS',
  'IDEMPOTENCY_TTL_HOURS',
  'LOG_LEVEL',
  'SEED_DEMO',
  'TRUST_PROXY',
  'JOBS_ENABLED',
  'LEAD_PROTECTION_DAYS',
  'BODY_LIMIT_BYTES',
  'REQUEST_TIMEOUT_MS',
  'UPLOAD_REQUEST_TIMEOUT_MS',
  'CONNECTION_TIMEOUT_MS',
  'API_DOCS_UI',
  'PUBLIC_URL',
  'CORS_ORIGINS',
  'JOBS_MAINTENANCE_INTERVAL_SECONDS',
  'REPORT_CACHE_TTL_SECONDS',
  'REPORT_STALE_SECONDS',
  'COMPUTE_CENTER_URL',
  'COMPUTE_CENTER_TOKEN',
  'COMPUTE_CENTER_WEBHOOK_SECRET',
  'COMPUTE_CENTER_TIMEOUT_MS',
  'COMPUTE_CENTER_RETRY_LIMIT',
  'COMPUTE_CENTER_RETRY_DELAY_SECONDS',
] as const satisfies readonly (keyof Environment)[];

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const relevant = Object.fromEntries(
    ENVIRONMENT_KEYS.filter((key) => raw[key] !== undefined && raw[key] !== '').map((key) => [
      key,
      raw[key],
    ]),
  );
  const env = plainToInstance(Environment, relevant);
  const problems = describe(validateSync(env));
  if (env.NODE_ENV === 'production') {
    if (!env.DATABASE_URL) problems.push('DATABASE_URL is required in production');
    if (!env.JWT_SECRET)
      problems.push('JWT_SECRET is required in production (32+ random characters)');
    if (env.SEED_DEMO)
      problems.push('SEED_DEMO must not be enabled in production: no demo users exist there');
  }
  if (env.COMPUTE_CENTER_URL && !env.COMPUTE_CENTER_TOKEN)
    problems.push('COMPUTE_CENTER_TOKEN is required with COMPUTE_CENTER_URL');
  if (env.COMPUTE_CENTER_URL && !env.COMPUTE_CENTER_WEBHOOK_SECRET)
    problems.push('COMPUTE_CENTER_WEBHOOK_SECRET is required with COMPUTE_CENTER_URL');
  if (problems.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}
