#!/usr/bin/env node
// `npm start` and `npm test` build only what is not built: each output must be newer than its sources.
// `--api-only` skips the web admin (the OpenAPI export needs only the API).
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const SOURCE = /\.(ts|tsx|css|html|svg|json)$/;

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(child));
    else if (SOURCE.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name))
      latest = Math.max(latest, statSync(child).mtimeMs);
  }
  return latest;
}

function ensure(name, output, inputs, script) {
  const target = join(root, output);
  const latest = Math.max(...inputs.map((input) => newest(join(root, input))));
  if (existsSync(target) && statSync(target).mtimeMs >= latest) return;
  console.log(`building the ${name}…`);
  execSync(`npm run ${script} --silent`, { cwd: root, stdio: 'inherit' });
}

const lock = 'package-lock.json';
ensure(
  'API',
  'dist/src/main.js',
  ['src', 'migrations', lock, 'tsconfig.json', 'tsconfig.build.json'],
  'build:api',
);
if (!process.argv.includes('--api-only'))
  ensure('web admin', 'web/dist/index.html', ['web', lock], 'build:web');
