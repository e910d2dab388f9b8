import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { validateEnvironment } from '../../src/config/environment';
import { createApp } from '../../src/create-app';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.service';
import { createTestDatabase } from './test-database';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  apiKey?: string;
  body?: unknown;
  /** Sent as is (no JSON encoding). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
  /** Direct SQL on the app's database, to check what the API really wrote. */
  db: Pool;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** An access token of a demo user (`admin`, `manager`, `promoter1`, …). */
  tokenFor(user: string): Promise<string>;
  login(email: string, password?: string): Promise<ApiResponse>;
  close(): Promise<void>;
}

export const TEST_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'true',
  // A report read right after a write sees it (report-cache.e2e-spec covers outdated results).
  REPORT_STALE_SECONDS: '0',
};

/** The real app on a fresh copy of the migrated database, listening on a free port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = validateEnvironment({ ...TEST_ENV, ...env, DATABASE_URL: database.url });
  const app = await createApp(config, { url: database.url, embedded: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const db = new Pool({ connectionString: database.url, max: 3 });
  const tokens = new Map<string, string>();

  const request = async <T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };

  const login = (email: string, password = DEMO_PASSWORD) =>
    request('POST', '/api/v1/auth/login', { body: { email, password } });

  return {
    app,
    baseUrl,
    databaseUrl: database.url,
    db,
    request,
    login,
    async tokenFor(user: string) {
      const email = user.includes('@') ? user : `${user}@demo.park`;
      if (!tokens.has(email)) {
        const response = await login(email);
        if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.text}`);
        tokens.set(email, (response.body as { accessToken: string }).accessToken);
      }
      return tokens.get(email)!;
    },
    async close() {
      await app.close();
      await db.end();
      await database.drop();
    },
  };
}
