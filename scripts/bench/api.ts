import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Types } from 'mongoose';
import { QUEUES } from '../../shared/jobs';
import { SESSION_COOKIE } from '../../server/modules/accounts';
import { createSession } from '../../server/modules/accounts/sessions.service';
import { bullPrefix } from '../../server/platform/jobs';
import { createRedis } from '../../server/platform/redis';

const projectRoot = path.resolve(__dirname, '../..');
const DEFAULT_KEY_PREFIX = 'bench:';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  stop(): Promise<void>;
}

export interface RunningApi extends RunningProcess {
  url: string;
}

export interface ProcessEnv {
  mongoUri: string;
  redisUrl: string;
  /** Keeps one scenario's queues, rooms and rate-limit keys apart from another's on the shared Redis. */
  redisKeyPrefix?: string;
}

/** What API and worker processes share: production mode, the bench's services, errors-only logs. */
function productionEnv(env: ProcessEnv, storageDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    MONGODB_URI: env.mongoUri,
    REDIS_URL: env.redisUrl,
    REDIS_KEY_PREFIX: env.redisKeyPrefix ?? DEFAULT_KEY_PREFIX,
    STORAGE_DIR: storageDir,
    // Errors only: "not ready yet" answers while it boots are expected, request and job logs cost CPU.
    LOG_LEVEL: 'error',
  };
}

/** Spawns `entry` under tsx; `stop` sends SIGTERM (a graceful shutdown) and removes its storage dir. */
async function spawnProcess(entry: string, env: (storageDir: string) => NodeJS.ProcessEnv) {
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'pasar-bench-'));
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      '--import',
      'tsx',
      entry,
    ],
    {
      cwd: projectRoot,
      env: env(storageDir),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(storageDir, { recursive: true, force: true });
  };
  return { child, stop };
}

/** Polls `ready` every 250 ms for up to 60 s; stops the process and throws if it exits or never gets there. */
async function waitUntilReady(
  { child, stop }: Awaited<ReturnType<typeof spawnProcess>>,
  what: string,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${what} exited during start-up (code ${child.exitCode})`);
    }
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${what} did not become ready within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The real API as production runs it, in its own process on a real port: NODE_ENV=production (responses
 * are not parsed against their contracts a second time), and rate limits raised so the benchmark measures
 * the API rather than the limiter saying no. Two of them on one Redis are two nodes of one deployment.
 */
export async function startApi(env: ProcessEnv): Promise<RunningApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = await spawnProcess('server/main.ts', (storageDir) => ({
    ...productionEnv(env, storageDir),
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    COOKIE_SECURE: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
    AUTH_RATE_LIMIT_PER_15_MIN: '1000',
    SERVE_CLIENT: 'false',
  }));
  await waitUntilReady(api, `the API at ${url}`, async () => (await fetch(`${url}/readyz`)).ok);
  return { url, stop: api.stop };
}

/**
 * The real worker process (workers/main.ts: every queue's processor and the outbox relay), configured by
 * `extraEnv` (notice channels, OUTBOX_POLL_MS). Ready once each of its queues has a BullMQ worker.
 */
export async function startWorker(
  env: ProcessEnv & { extraEnv: Record<string, string> },
): Promise<RunningProcess> {
  const worker = await spawnProcess('workers/main.ts', (storageDir) => ({
    ...productionEnv(env, storageDir),
    ...env.extraEnv,
  }));
  const connection = createRedis(env.redisUrl);
  connection.on('error', () => undefined);
  const queues = Object.values(QUEUES).map(
    (name) => new Queue(name, { connection, prefix: bullPrefix(env.redisKeyPrefix ?? DEFAULT_KEY_PREFIX) }),
  );
  try {
    await waitUntilReady(worker, 'the worker', async () =>
      (await Promise.all(queues.map((queue) => queue.getWorkersCount()))).every((count) => count > 0),
    );
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    connection.disconnect();
  }
  return { stop: worker.stop };
}

/** A real server-side session of a seeded user, as its Cookie header (no sign-in round trip per user). */
export async function sessionCookie(user: { _id: Types.ObjectId; organisationId: Types.ObjectId }) {
  const session = await createSession(user, 24, 'pasar-bench');
  return `${SESSION_COOKIE}=${session.token}`;
}

/** Signs in over HTTP, as a browser would, and returns the Cookie header for later requests. */
export async function signIn(apiUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error('sign-in answered without a session cookie');
  return session.split(';')[0]!;
}

export interface HttpResponse {
  status: number;
  body: Buffer;
}

/**
 * Requests over keep-alive connections with Node's own HTTP client (lighter per request than fetch, and
 * this process shares the machine with the API it measures). Resolves with the whole body.
 */
export function createHttpClient(baseUrl: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const send = (
    method: 'GET' | 'POST',
    pathAndQuery: string,
    options: { cookie: string; headers?: Record<string, string>; json?: unknown },
  ): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      const body = options.json === undefined ? undefined : JSON.stringify(options.json);
      const headers: Record<string, string> = { cookie: options.cookie, ...options.headers };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const req = http.request(`${baseUrl}${pathAndQuery}`, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

/** GETs as one signed-in user. */
export function createGetter(baseUrl: string, cookie: string, maxSockets: number) {
  const client = createHttpClient(baseUrl, maxSockets);
  return { get: (pathAndQuery: string) => client.send('GET', pathAndQuery, { cookie }), close: client.close };
}
