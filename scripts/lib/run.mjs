import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const bin = (name) => path.join(projectRoot, 'node_modules', '.bin', name);

/** Runs a command to completion with the terminal attached; rejects with a message naming it. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', ...options });
    child.on('error', (error) => reject(new Error(`${command} could not start: ${error.message}`)));
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${path.basename(command)} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`),
          ),
    );
  });
}

/**
 * Installs npm packages when node_modules is missing or older than the lockfile, so a fresh clone needs
 * no manual step (npm keeps a copy of the lockfile it installed from in node_modules/.package-lock.json).
 * `npm install`, not `npm ci`: see .ci/run for the npm bug that makes `npm ci` refuse our lockfile.
 */
export async function ensureDependencies(log = console.error) {
  const installed = path.join(projectRoot, 'node_modules', '.package-lock.json');
  const lock = path.join(projectRoot, 'package-lock.json');
  const fresh = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  log('installing npm dependencies…');
  await run('npm', ['install', '--no-audit', '--no-fund']);
}
