#!/usr/bin/env node
/**
 * `npm run demo`: the whole stack on this machine. Installs what is missing, starts MongoDB
 * (mongo-java-server, data under .data/), Redis and the app (API + worker), seeds Karawang demo data
 * on first run, prints the address and logins. Ctrl-C stops everything it started.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { bin, ensureDependencies, projectRoot, run } from './lib/run.mjs';

const log = (line) => console.error(`[demo] ${line}`);
const children = [];
let services;
let stopping = false;

async function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const server = net.createServer().once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(server.address()?.port ?? port)));
    });
  return (await tryPort(preferred)) ?? (await tryPort(0));
}

function start(name, script, env) {
  const child = spawn(process.execPath, [path.join(projectRoot, script)], {
    cwd: projectRoot,
    env,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); shutting down`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function waitUntilReady(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the API did not become ready at ${url}/readyz within ${timeoutMs / 1000} s`);
}

/** Runs the seed, passing its progress through and keeping its DEMO_LOGINS line for the banner. */
async function seedAndReadLogins(env) {
  const child = spawn(bin('tsx'), ['scripts/seed.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const lines = output.split('\n');
  for (const line of lines.filter((l) => l && !l.startsWith('DEMO_LOGINS='))) log(line);
  if (code !== 0) throw new Error(`seeding failed (exit ${code})`);
  const logins = lines.find((l) => l.startsWith('DEMO_LOGINS='));
  return JSON.parse(logins.slice('DEMO_LOGINS='.length));
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children
      .filter((child) => child.exitCode === null)
      .map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))),
  );
  await services?.stop();
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  await ensureDependencies(log);
  const { startServices } = await import('./services/index.mjs');
  services = await startServices({ profile: 'local', projectRoot, log });
  log('building server and client…');
  await run('npm', ['run', '--silent', 'build']);

  const port = Number(process.env.PORT) || (await freePort(3000));
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    COOKIE_SECURE: process.env.COOKIE_SECURE ?? 'false',
    MONGODB_URI: process.env.MONGODB_URI ?? `${services.mongoUri}/pasar`,
    REDIS_URL: services.redisUrl,
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  log('seeding demo data (only what is missing)…');
  const demo = await seedAndReadLogins(env);
  start('API', 'dist/server/main.js', env);
  start('worker', 'dist/workers/main.js', env);
  await waitUntilReady(`http://127.0.0.1:${port}`);

  const width = Math.max(...demo.logins.map((l) => l.who.length));
  console.log(`
  Pasar UMKM is running:  ${publicUrl}
  API documentation:      ${publicUrl}/api/docs

  Demo logins (password for all: ${demo.password})
${demo.logins.map((l) => `    ${l.who.padEnd(width)}  ${l.email}`).join('\n')}

  Ctrl-C stops everything.
`);
}

main().catch(async (error) => {
  log(error instanceof Error ? error.message : String(error));
  await shutdown(1);
});
