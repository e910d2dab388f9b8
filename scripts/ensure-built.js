#!/usr/bin/env node
// `npm start` builds only what is not built: the compiled app must be newer than every source file.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const output = join(root, 'dist', 'src', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['src', 'migrations'].map((dir) => newestSource(join(root, dir)));
const configs = ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map(
  (f) => statSync(join(root, f)).mtimeMs,
);
if (!existsSync(output) || statSync(output).mtimeMs < Math.max(...sources, ...configs)) {
  console.log('building the app…');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}
