import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repo root, whether running from sources (tsx, jest) or from the compiled dist/ folder. */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const CLIENT_BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'client');
