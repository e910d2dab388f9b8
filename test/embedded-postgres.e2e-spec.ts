import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { AppProcess, freePort, spawnApp, stopApp, waitUntilHealthy } from './support/app-process';
import { createTestDatabase } from './support/test-database';

/** `npm start` without DATABASE_URL: the app runs its own PostgreSQL under a data folder. */
describe('the embedded PostgreSQL lifecycle', () => {
  const folder = mkdtempSync(join(tmpdir(), 'crm-embedded-'));
  const dataDir = join(folder, 'postgres');
  let app: AppProcess | undefined;
  afterAll(async () => {
    if (app && app.child.exitCode === null) await stopApp(app);
    rmSync(folder, { recursive: true, force: true });
  });

  const start = async () => {
    app = spawnApp({
      EMBEDDED_PG_DIR: dataDir,
      PORT: String(await freePort()),
      NODE_ENV: 'development',
    });
    await waitUntilHealthy(app);
    return app;
  };
  const login = async (baseUrl: string) => {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.park', password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const serverPid = () =>
    Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const userCount = async (baseUrl: string, token: string, q: string) => {
    const response = await fetch(
      `${baseUrl}/api/v1/users?q=${encodeURIComponent(q)}&withTotal=true`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    return ((await response.json()) as { total: number }).total;
  };

  it('initialises, seeds the demo users, and keeps a write across a SIGKILL of the app', async () => {
    const first = await start();
    expect(first.output()).toContain('Demo login: admin@demo.park / Demo#2026');
    const token = await login(first.baseUrl);
    const created = await fetch(`${first.baseUrl}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        email: 'survivor@demo.park',
        displayName: '幸存者',
        role: 'viewer',
        password: 'a-long-password',
      }),
    });
    expect(created.status).toBe(201);
    const pid = serverPid();

    await stopApp(first, 'SIGKILL');
    expect(alive(pid)).toBe(true); // the server outlived the app: an orphan

    const second = await start();
    expect(serverPid()).toBe(pid); // adopted, not a second server on the same files
    expect(await userCount(second.baseUrl, await login(second.baseUrl), 'survivor@demo.park')).toBe(
      1,
    );

    expect(await stopApp(second)).toBe(0);
    expect(alive(pid)).toBe(false); // a graceful stop also stops the server
  });

  it('starts over a stale postmaster.pid that names a live process that is not the server', async () => {
    writeFileSync(join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n0\n5432\n`);
    const third = await start();
    expect(await userCount(third.baseUrl, await login(third.baseUrl), 'survivor@demo.park')).toBe(
      1,
    );
    expect(await stopApp(third)).toBe(0);
  });

  it('refuses a second app on the same data directory while the first runs', async () => {
    const first = await start();
    const second = spawnApp({
      EMBEDDED_PG_DIR: dataDir,
      PORT: String(await freePort()),
      NODE_ENV: 'development',
    });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already runs the embedded PostgreSQL/);
    expect((await fetch(`${first.baseUrl}/health`)).status).toBe(200);
    expect(await stopApp(first)).toBe(0);
  });

  it('keeps its server log private and free of the values a statement was refused for', async () => {
    const app = await start();
    const token = await login(app.baseUrl);
    const email = `private-${Date.now()}@demo.park`;
    const create = () =>
      fetch(`${app.baseUrl}/api/v1/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          email,
          displayName: '日志',
          role: 'viewer',
          password: 'a-long-password',
        }),
      });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(409);
    expect(await stopApp(app)).toBe(0);
    const logFile = `${dataDir}.log`;
    expect((statSync(logFile).mode & 0o777).toString(8)).toBe('600');
    const log = readFileSync(logFile, 'utf8');
    // The refusal was logged (so the check below is not vacuous), without the value refused.
    expect(log).toMatch(/duplicate key value violates unique constraint/);
    expect(log).not.toContain(email);
  });

  it('recovers from a server killed mid-write by PostgreSQL’s own crash recovery', async () => {
    const fourth = await start();
    const pid = serverPid();
    await stopApp(fourth, 'SIGKILL');
    process.kill(pid, 'SIGKILL');
    const fifth = await start();
    expect(await userCount(fifth.baseUrl, await login(fifth.baseUrl), 'survivor@demo.park')).toBe(
      1,
    );
    expect(await stopApp(fifth)).toBe(0);
  });
});

describe('embedded PostgreSQL set-up', () => {
  it('never wipes a folder that is not a cluster, and clears what an interrupted initdb left', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'crm-embedded-'));
    try {
      const notACluster = join(folder, 'documents');
      mkdirSync(notACluster);
      writeFileSync(join(notACluster, 'keep.txt'), 'precious');
      const refused = spawnApp({
        EMBEDDED_PG_DIR: notACluster,
        PORT: String(await freePort()),
        NODE_ENV: 'development',
      });
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain('is not a PostgreSQL data directory');
      expect(readFileSync(join(notACluster, 'keep.txt'), 'utf8')).toBe('precious');

      mkdirSync(join(folder, 'postgres.initdb-deadbeef'));
      const app = spawnApp({
        EMBEDDED_PG_DIR: join(folder, 'postgres'),
        PORT: String(await freePort()),
        NODE_ENV: 'development',
      });
      await waitUntilHealthy(app);
      expect(existsSync(join(folder, 'postgres.initdb-deadbeef'))).toBe(false);
      expect(await stopApp(app)).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('configuration validated at start-up', () => {
  it('stops with a message naming a wrong variable', async () => {
    const app = spawnApp({ PORT: 'eighty', NODE_ENV: 'development' });
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/Invalid configuration:[\s\S]*PORT/);
  });

  it('refuses to start in production without a database URL and a JWT secret', async () => {
    const app = spawnApp({ PORT: '3999', NODE_ENV: 'production' });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('DATABASE_URL is required in production');
    expect(app.output()).toContain('JWT_SECRET is required in production');
  });

  it('refuses demo data in production', async () => {
    const app = spawnApp({
      PORT: '3999',
      NODE_ENV: 'production',
      SEED_DEMO: 'true',
      DATABASE_URL: 'postgres://x@127.0.0.1/x',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('SEED_DEMO must not be enabled in production');
  });
});

describe('a production install', () => {
  it('has no user until an operator creates the first admin from the environment', async () => {
    const database = await createTestDatabase();
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      JWT_SECRET: 'p'.repeat(40),
      PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    };
    try {
      const app = spawnApp(env);
      await waitUntilHealthy(app);
      const demoLogin = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.park', password: DEMO_PASSWORD }),
      });
      expect(demoLogin.status).toBe(401);
      expect(app.output()).not.toContain('Demo login');

      const admin = { ADMIN_EMAIL: 'ops@park.example', ADMIN_PASSWORD: 'a-strong-first-password' };
      const first = spawnSync(process.execPath, ['dist/src/auth/users/create-admin.cli.js'], {
        env: { ...process.env, ...env, ...admin },
        encoding: 'utf8',
      });
      expect(first.stdout).toContain('created admin ops@park.example');
      const again = spawnSync(process.execPath, ['dist/src/auth/users/create-admin.cli.js'], {
        env: { ...process.env, ...env, ...admin },
        encoding: 'utf8',
      });
      expect(again.stdout).toContain('already exists');

      const login = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin.ADMIN_EMAIL, password: admin.ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { user, accessToken } = (await login.json()) as {
        user: { role: string };
        accessToken: string;
      };
      expect(user.role).toBe('admin');

      // JSON logs carry the request id; credentials never reach them.
      const requestId = randomUUID();
      await fetch(`${app.baseUrl}/api/v1/auth/me`, {
        headers: { authorization: `Bearer ${accessToken}`, 'x-request-id': requestId },
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = app
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { req?: { id?: string; url?: string } });
      expect(lines.find((line) => line.req?.id === requestId)?.req?.url).toBe('/api/v1/auth/me');
      expect(app.output()).not.toContain(admin.ADMIN_PASSWORD);
      expect(app.output()).not.toContain(accessToken);
      expect(await stopApp(app)).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
