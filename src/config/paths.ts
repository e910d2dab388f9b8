import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** The folder holding package.json, whether the code runs from src/ (tests) or dist/src/. */
export const PROJECT_ROOT = findProjectRoot(__dirname);
