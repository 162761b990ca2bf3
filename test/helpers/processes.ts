import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { createRedis } from '../../server/platform/redis';
import { testServiceUrls, waitForRedis, type TestApp } from './app';

const root = path.resolve(__dirname, '../..');

/** A port nobody listens on right now: redis-server cannot pick its own, and the API does not say its. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment of an API or worker process sharing this test file's database, Redis key prefix and
 * upload folder, so what the test writes through its in-process app the processes see, and back.
 */
export function entryPointEnv(t: TestApp, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    MONGODB_URI: `${testServiceUrls().mongo}/${mongoose.connection.db!.databaseName}`,
    REDIS_URL: testServiceUrls().redis,
    REDIS_KEY_PREFIX: t.config.REDIS_KEY_PREFIX,
    STORAGE_DIR: t.config.STORAGE_DIR,
    SERVE_CLIENT: 'false',
    // The ready lines ("API listening", "worker ready") are info.
    LOG_LEVEL: 'info',
    ...env,
  };
}

export interface EntryPoint {
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * A real entry point (`server/main.ts`, `workers/main.ts`) as a child process, resolved once it printed
 * `readyText`. `node --import tsx`, not the tsx CLI: the CLI is a wrapper process between a signal and
 * the app.
 */
export async function startEntryPoint(
  entry: string,
  env: Record<string, string>,
  readyText: string,
): Promise<EntryPoint> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} not ready:\n${output}`));
    }, 30_000);
    void exited.then((code) => reject(new Error(`${entry} exited with ${code} before ready:\n${output}`)));
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
  return {
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A redis-server of our own on a free port, to stop and start again (no persistence: it comes back empty). */
export async function redisServer() {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | null = null;
  return {
    url,
    async start() {
      proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      const probe = createRedis(url);
      probe.on('error', () => undefined);
      await waitForRedis(probe);
      probe.disconnect();
    },
    async stop() {
      if (!proc || proc.exitCode !== null) return;
      const exited = once(proc, 'exit');
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
