import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  exited: Promise<number | null>;
}

/** `node dist/src/main.js` as a real process: what `npm start` runs (or node with `nodeArgs`). */
export function spawnApp(
  env: Record<string, string | undefined>,
  nodeArgs: readonly string[] = [MAIN],
): AppProcess {
  const clean = { ...process.env };
  for (const key of Object.keys(clean))
    if (/^(DATABASE_|JWT_|SEED_|EMBEDDED_|CRM_)/.test(key)) delete clean[key];
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...clean, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, baseUrl: `http://127.0.0.1:${env.PORT}`, output: () => output, exited };
}

/** Resolves when /health answers 200; rejects with the app's output if it exits first. */
export async function waitUntilHealthy(app: AppProcess, timeoutMs = 90_000): Promise<void> {
  let exitCode: number | null | undefined;
  void app.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`app exited with ${exitCode}:\n${app.output()}`);
    try {
      if ((await fetch(`${app.baseUrl}/health`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`app did not become healthy:\n${app.output()}`);
}

export async function stopApp(
  app: AppProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  app.child.kill(signal);
  return app.exited;
}
