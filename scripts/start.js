#!/usr/bin/env node
// `npm start`: the API and web admin (dist/src/main.js). For the demo (no DATABASE_URL, no
// COMPUTE_CENTER_URL, not production) a compute-center simulator runs beside it, with a fresh
// token and webhook secret per start, so that the demo's accounts open and activate.
// COMPUTE_CENTER_SIMULATOR=off starts the app alone.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { createServer } = require('node:net');
const { join } = require('node:path');

const root = join(__dirname, '..');
const env = { ...process.env };

function wantsSimulator() {
  if (env.DATABASE_URL || env.COMPUTE_CENTER_URL || env.NODE_ENV === 'production') return false;
  if (env.COMPUTE_CENTER_SIMULATOR === 'off') return false;
  try {
    require.resolve('ts-node/register/transpile-only', { paths: [root] });
    return true;
  } catch {
    return false; // installed without dev dependencies: no simulator to run
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
  });
}

async function main() {
  const children = [];
  let simulator;
  if (wantsSimulator()) {
    const simPort = await freePort();
    const appHost =
      !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
    const token = randomBytes(24).toString('hex');
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    simulator = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join('test', 'compute-center', 'main.ts')],
      {
        cwd: root,
        stdio: 'inherit',
        env: {
          ...env,
          SIM_PORT: String(simPort),
          COMPUTE_CENTER_TOKEN: token,
          COMPUTE_CENTER_WEBHOOK_SECRET: secret,
          COMPUTE_CENTER_WEBHOOK_URL: `http://${appHost}:${env.PORT || 3000}/api/v1/integrations/compute-center/events`,
        },
      },
    );
    children.push(simulator);
    Object.assign(env, {
      COMPUTE_CENTER_URL: `http://127.0.0.1:${simPort}`,
      COMPUTE_CENTER_TOKEN: token,
      COMPUTE_CENTER_WEBHOOK_SECRET: secret,
    });
  }
  const app = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  children.push(app);
  const forward = (signal) => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  app.on('exit', (code, signal) => {
    if (simulator && simulator.exitCode === null) simulator.kill('SIGTERM');
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
