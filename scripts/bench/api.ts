import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE } from '../../server/modules/accounts';

const projectRoot = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real API as production runs it, in its own process on a real port: NODE_ENV=production (responses
 * are not parsed against their contracts a second time), and rate limits raised so the benchmark measures
 * the API rather than the limiter saying no.
 */
export async function startApi(env: { mongoUri: string; redisUrl: string }): Promise<RunningApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'pasar-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      COOKIE_SECURE: 'false',
      MONGODB_URI: env.mongoUri,
      REDIS_URL: env.redisUrl,
      REDIS_KEY_PREFIX: 'bench:',
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_15_MIN: '1000',
      SERVE_CLIENT: 'false',
      STORAGE_DIR: storageDir,
      // Errors only: "not ready yet" answers while it boots are expected, request logs would cost CPU.
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(storageDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited during start-up (code ${child.exitCode})`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not become ready at ${url}/readyz within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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

/**
 * GET over keep-alive connections with Node's own HTTP client (lighter per request than fetch, and
 * this process shares the machine with the API it measures). Resolves with the whole body.
 */
export function createGetter(baseUrl: string, cookie: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const get = (pathAndQuery: string): Promise<{ status: number; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const req = http.get(`${baseUrl}${pathAndQuery}`, { agent, headers: { cookie } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}
