import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { testServiceUrls } from './helpers/app';

const root = path.resolve(__dirname, '..');
// `node --import tsx`, not the tsx CLI: the CLI is a wrapper process between the signal and the app.
const run = (entry: string) => [process.execPath, ['--import', 'tsx', entry]] as const;

/** Starts a real entry point (API or worker), waits for its ready line, sends a signal, returns its exit code. */
async function startAndStop(
  entry: string,
  readyText: string,
  signal: NodeJS.Signals,
  env: Record<string, string>,
) {
  const [node, args] = run(entry);
  const child = spawn(node, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} not ready:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  child.kill(signal);
  const code = await exited;
  return { code, output };
}

function baseEnv() {
  const urls = testServiceUrls();
  const id = randomUUID().slice(0, 8);
  return {
    NODE_ENV: 'test',
    MONGODB_URI: `${urls.mongo}/shutdown_${id}`,
    REDIS_URL: urls.redis,
    REDIS_KEY_PREFIX: `s${id}:`,
    PORT: '0',
    LOG_LEVEL: 'info',
  };
}

it('the API closes HTTP, sockets, MongoDB and Redis on SIGTERM and exits 0', async () => {
  const { code, output } = await startAndStop('server/main.ts', 'API listening', 'SIGTERM', baseEnv());
  expect(output).toContain('"msg":"stopped"');
  expect(code).toBe(0);
}, 60_000);

it('the worker finishes and closes its queues on SIGINT and exits 0', async () => {
  const { code, output } = await startAndStop('workers/main.ts', 'worker ready', 'SIGINT', baseEnv());
  expect(output).toContain('worker shutting down');
  expect(code).toBe(0);
}, 60_000);

it('a bad configuration stops the API at boot, naming the variable', async () => {
  const [node, args] = run('server/main.ts');
  const child = spawn(node, args, {
    cwd: root,
    env: { ...process.env, ...baseEnv(), REDIS_URL: 'http://not-redis' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(1);
  expect(output).toContain('REDIS_URL');
}, 60_000);
