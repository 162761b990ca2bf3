#!/usr/bin/env node
// Local services for tests, the demo and CI: a MongoDB-compatible server (mongo-java-server),
// Redis, and optionally stripe-mock and Chromium. Installs what is missing, starts each as our own
// child process on a free port, and stops them again. Node 20 builtins only, so it can run before
// `npm install` and on a fresh machine.
//
//   node scripts/services/index.mjs up [--profile local|test] [--stripe] [--chromium]
//   node scripts/services/index.mjs install [--stripe] [--chromium]

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LAUNCHER_SRC = path.resolve(HERE, '../mongo-launcher');
const STRIPE_MOCK_VERSION = 'v0.197.0';
const DEFAULT_PORTS = { mongo: 27017, redis: 6379, stripe: 12111 };
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

// ---------------------------------------------------------------------------------------------
// public API

/**
 * Make sure the services exist and run them. `mongoHeap` is the JVM's -Xmx; `mongoFastStart` (default: on
 * for profile test) trades the JIT's peak speed for start-up time, which suits a short test run but not a
 * benchmark holding a large data set.
 * @param {{profile?: 'test'|'local', projectRoot?: string, stripe?: boolean, chromium?: boolean,
 *          mongoHeap?: string, mongoFastStart?: boolean, log?: (msg: string) => void}} options
 * @returns {Promise<{mongoUri: string, redisUrl: string, stripeMockUrl?: string,
 *          chromiumPath?: string, exited: Promise<{name: string, code: number|null, signal: string|null}>,
 *          stop: () => Promise<void>}>}
 */
export async function startServices({
  profile = 'test',
  projectRoot = defaultProjectRoot(),
  stripe = false,
  chromium = false,
  mongoHeap = '1g',
  mongoFastStart = profile === 'test',
  log = (msg) => console.error(msg),
} = {}) {
  if (profile !== 'test' && profile !== 'local') throw new Error(`unknown profile "${profile}" (test|local)`);
  if (!/^\d+[kmg]$/i.test(mongoHeap)) throw new Error(`mongoHeap "${mongoHeap}" is not a JVM size like 1g`);
  const ctx = {
    profile,
    projectRoot: path.resolve(projectRoot),
    mongoHeap,
    mongoFastStart,
    log,
    children: [],
  };
  const env = process.env;
  // Two `local` runs would share the h2 file and Redis' AOF directory; refuse the second one.
  const releaseLock = profile === 'local' ? lockDataDir(ctx) : () => {};

  // Each service installs and starts independently, so e.g. Redis is up while Maven still builds.
  const tasks = {
    mongoUri: env.MONGODB_URI || ensureMongoLauncher(ctx).then(() => startMongo(ctx)),
    redisUrl: env.REDIS_URL || ensureRedis(ctx).then((bin) => startRedis(ctx, bin)),
    stripeMockUrl: stripe
      ? env.STRIPE_MOCK_URL || ensureStripeMock(ctx).then((bin) => startStripeMock(ctx, bin))
      : undefined,
    chromiumPath: chromium ? ensureChromium(ctx) : undefined,
  };
  const names = Object.keys(tasks);
  const settled = await Promise.allSettled(Object.values(tasks));
  const stop = () => stopChildren(ctx.children).finally(releaseLock);

  const errors = settled
    .filter((s) => s.status === 'rejected')
    .map((s) => s.reason?.message ?? String(s.reason));
  if (errors.length) {
    await stop();
    throw new Error(`could not start local services:\n- ${errors.join('\n- ')}`);
  }
  const result = Object.fromEntries(names.map((name, i) => [name, settled[i].value]));
  // Lets a long-running caller (the CLI) notice when a service dies underneath it.
  result.exited = ctx.children.length
    ? Promise.race(ctx.children.map((c) => c.exited.then((how) => ({ name: c.name, ...how }))))
    : new Promise(() => {});
  result.stop = stop;
  return result;
}

/** Install/build everything that `startServices` would need, start nothing (CI preparation). */
export async function installServices({
  projectRoot = defaultProjectRoot(),
  stripe = false,
  chromium = false,
  log = (msg) => console.error(msg),
} = {}) {
  const ctx = { projectRoot: path.resolve(projectRoot), log };
  const env = process.env;
  const settled = await Promise.allSettled([
    env.MONGODB_URI ? null : ensureMongoLauncher(ctx),
    env.REDIS_URL ? null : ensureRedis(ctx),
    stripe && !env.STRIPE_MOCK_URL ? ensureStripeMock(ctx) : null,
    chromium ? ensureChromium(ctx) : null,
  ]);
  const errors = settled
    .filter((s) => s.status === 'rejected')
    .map((s) => s.reason?.message ?? String(s.reason));
  if (errors.length) throw new Error(`could not install local services:\n- ${errors.join('\n- ')}`);
}

function defaultProjectRoot() {
  return path.resolve(HERE, '../..');
}

// ---------------------------------------------------------------------------------------------
// installation

function findExecutable(name, fallbacks = []) {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  for (const candidate of [...dirs.map((d) => path.join(d, name)), ...fallbacks]) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here (or not executable): try the next place
    }
  }
  return null;
}

const isRoot = () => process.getuid?.() === 0;

// apt/dpkg take a global lock, so all apt work goes through one queue; `update` runs once per process.
let aptQueue = Promise.resolve();
let aptUpdated = null;
function aptInstall(ctx, packages, why) {
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const task = aptQueue.then(async () => {
    if (!isRoot()) throw new Error(`${why} is missing; install it as root: ${command}`);
    ctx.log(`installing ${packages.join(' ')} with apt…`);
    // Wait for a concurrent apt/dpkg (e.g. unattended-upgrades) instead of failing on its lock.
    const opts = ['-q', '-o', 'DPkg::Lock::Timeout=600'];
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    aptUpdated ??= run('apt-get', [...opts, 'update'], { env });
    try {
      await aptUpdated;
      await run('apt-get', [...opts, 'install', '-y', ...packages], { env });
    } catch (err) {
      aptUpdated = null;
      throw new Error(`${command} failed: ${err.message}`);
    }
  });
  aptQueue = task.catch(() => {});
  return task;
}

async function ensureRedis(ctx) {
  const bin = () => findExecutable('redis-server', ['/usr/bin/redis-server']);
  if (!bin()) await aptInstall(ctx, ['redis-server'], 'redis-server (Redis 7)');
  return bin() ?? fail('redis-server still not found after apt-get install redis-server');
}

async function ensureChromium(ctx) {
  const bin = () => findExecutable('chromium', ['/usr/bin/chromium']);
  if (!bin()) await aptInstall(ctx, ['chromium'], 'chromium (for browser tests)');
  return bin() ?? fail('chromium still not found after apt-get install chromium');
}

// Concurrent callers in one process share a build instead of racing on the same output folder.
function oncePerRoot(fn) {
  const pending = new Map();
  return (ctx) => {
    if (!pending.has(ctx.projectRoot)) {
      const promise = fn(ctx).finally(() => pending.delete(ctx.projectRoot));
      pending.set(ctx.projectRoot, promise);
    }
    return pending.get(ctx.projectRoot);
  };
}

function launcherDir(ctx) {
  return path.join(ctx.projectRoot, '.tools', 'mongo-launcher');
}

// Content hash rather than mtimes: git checkouts reset mtimes, and a stale launcher is confusing.
function launcherSourceHash() {
  const hash = crypto.createHash('sha256');
  const walk = (dir) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(LAUNCHER_SRC, full)).update('\0').update(fs.readFileSync(full));
    }
  };
  walk(LAUNCHER_SRC);
  return hash.digest('hex');
}

const ensureMongoLauncher = oncePerRoot(async (ctx) => {
  const out = launcherDir(ctx);
  const hash = launcherSourceHash();
  if (readOr(path.join(out, 'build.stamp')) === hash) return out;

  const missing = [
    ['javac', 'default-jdk-headless', 'a Java 17 JDK'],
    ['mvn', 'maven', 'Maven'],
  ].filter(([bin]) => !findExecutable(bin));
  if (missing.length) {
    const what = `${missing.map(([, , label]) => label).join(' and ')} (to build the mongo launcher)`;
    await aptInstall(
      ctx,
      missing.map(([, pkg]) => pkg),
      what,
    );
  }

  ctx.log('building mongo launcher with maven…');
  // Build next to the old output and swap at the end: no stale jars from an older version on the
  // classpath, and a concurrent or interrupted build never leaves a half-built launcher in place.
  const tmp = `${out}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        path.join(LAUNCHER_SRC, 'pom.xml'),
        `-Dlauncher.out=${tmp}`,
        'compile',
        'dependency:copy-dependencies',
      ],
      { what: 'maven build of scripts/mongo-launcher' },
    );
    fs.writeFileSync(path.join(tmp, 'build.stamp'), hash);
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(tmp, out);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
});

const ensureStripeMock = oncePerRoot(async (ctx) => {
  const binDir = path.join(ctx.projectRoot, '.tools', 'bin');
  const bin = path.join(binDir, 'stripe-mock');
  const stampFile = `${bin}.version`; // `stripe-mock -version` says "master" for go-installed builds
  if (fs.existsSync(bin) && readOr(stampFile) === STRIPE_MOCK_VERSION) return bin;

  const go = findExecutable('go', ['/usr/local/go/bin/go']);
  if (!go) {
    fail(
      `Go >= 1.22 is missing (needed to build stripe-mock ${STRIPE_MOCK_VERSION}); install Go to /usr/local/go ` +
        `or put it on PATH (Debian 12's golang-go is too old), or set STRIPE_MOCK_URL to a running stripe-mock`,
    );
  }
  ctx.log(`installing stripe-mock ${STRIPE_MOCK_VERSION} with go install…`);
  await run(go, ['install', `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`], {
    env: { ...process.env, GOBIN: binDir },
    what: 'go install stripe-mock',
  });
  fs.writeFileSync(stampFile, STRIPE_MOCK_VERSION);
  return bin;
});

// ---------------------------------------------------------------------------------------------
// starting

async function startMongo(ctx) {
  const out = launcherDir(ctx);
  const java =
    findExecutable('java') ??
    fail('java is missing; install it as root: apt-get update && apt-get install -y default-jdk-headless');
  const port = ctx.profile === 'local' ? await preferredPort(ctx, 'mongo') : 0; // 0: the launcher binds any free port, no race
  const backend =
    ctx.profile === 'local'
      ? ['--backend', 'h2', '--file', path.join(ctx.projectRoot, '.data', 'mongo', 'pasar.mv')]
      : ['--backend', 'memory'];
  // Tests start a fresh JVM on every run, so they trade peak speed for ~100 ms less start-up.
  const fastStart = ctx.mongoFastStart ? ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] : [];
  const child = spawnChild(ctx, 'mongo', java, [
    ...fastStart,
    `-Xmx${ctx.mongoHeap}`,
    '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
    '-cp',
    `${path.join(out, 'classes')}${path.delimiter}${path.join(out, 'deps', '*')}`,
    'pasar.MongoLauncher',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    ...backend,
  ]);
  const [, actualPort] = await waitForLine(child, /^MONGO_READY port=(\d+)/);
  return `mongodb://127.0.0.1:${actualPort}`;
}

async function startRedis(ctx, bin) {
  const persistence =
    ctx.profile === 'local'
      ? ['--appendonly', 'yes', '--dir', mkdirp(path.join(ctx.projectRoot, '.data', 'redis'))]
      : ['--save', '', '--appendonly', 'no', '--dir', os.tmpdir()];
  // redis-server cannot bind port 0, so a probed port may be taken before it binds: retry then.
  for (let attempt = 1; ; attempt++) {
    const port =
      ctx.profile === 'local' && attempt === 1 ? await preferredPort(ctx, 'redis') : await freePort();
    const child = spawnChild(ctx, 'redis', bin, [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--daemonize',
      'no',
      ...persistence,
    ]);
    try {
      await waitUntil(child, () => redisAnswers(port, child.proc.pid));
      return `redis://127.0.0.1:${port}`;
    } catch (err) {
      if (attempt < 3 && child.lines.some((l) => /address already in use/i.test(l))) {
        ctx.children.splice(ctx.children.indexOf(child), 1);
        continue;
      }
      throw err;
    }
  }
}

async function startStripeMock(ctx, bin) {
  const port = ctx.profile === 'local' ? await preferredPort(ctx, 'stripe') : '';
  // HTTPS is always on (default :12112, all interfaces); pin it to loopback on a system-chosen port.
  const child = spawnChild(ctx, 'stripe-mock', bin, [
    '-http-addr',
    `127.0.0.1:${port}`,
    '-https-addr',
    '127.0.0.1:',
  ]);
  const [, actualPort] = await waitForLine(child, /Listening for HTTP at address: .*:(\d+)\s*$/);
  const url = `http://127.0.0.1:${actualPort}`;
  await waitUntil(child, async () => {
    const res = await fetch(`${url}/v1/customers`, { headers: { authorization: 'Bearer sk_test_123' } });
    await res.arrayBuffer();
    return true;
  });
  return url;
}

// ---------------------------------------------------------------------------------------------
// child processes

const live = new Set();
// Last resort for a parent that exits without calling stop(); signals that kill the parent
// outright are covered by setpriv's parent-death signal below. SIGTERM rather than SIGKILL in
// both cases: all three servers exit promptly on it, and the JVM flushes the h2 file first.
process.on('exit', () => {
  for (const child of live) child.proc.kill('SIGTERM');
});
const SETPRIV = findExecutable('setpriv', ['/usr/bin/setpriv']);

// Server log lines that are expected, not problems: mongo-java-server keeps only unique secondary
// indexes and says so for every other one (docs/adr/001); and mongoose's startup `create` of a collection
// that already exists is refused with error 48, which mongoose ignores, but the server logs with a trace.
const KNOWN_NOISE = /adding secondary index with keys .* is not yet implemented/;
const EXPECTED_FAILURE_START = /failed to handle \{"create" : /;
const EXPECTED_FAILURE_BODY = /^(de\.bwaldvogel\.mongo\.exception\.NamespaceExistsException|\s+at )/;

/** Lines worth a developer's attention from a service's stderr: everything but the expected noise. */
function createStderrFilter() {
  let inExpectedFailure = false;
  return (line) => {
    if (EXPECTED_FAILURE_START.test(line)) {
      inExpectedFailure = true;
      return false;
    }
    if (inExpectedFailure && EXPECTED_FAILURE_BODY.test(line)) return false;
    inExpectedFailure = false;
    return line.trim() !== '' && !KNOWN_NOISE.test(line);
  };
}

function spawnChild(ctx, name, cmd, args) {
  // setpriv (util-linux) sets PR_SET_PDEATHSIG then execs, so the service is signalled even if we
  // are SIGKILLed. Same process group as ours, so Ctrl-C in a terminal reaches it too.
  const [file, argv] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'TERM', '--', cmd, ...args]] : [cmd, args];
  const proc = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const child = { name, proc, lines: [], listeners: new Set() };
  // stderr carries only warnings and errors (the launcher logs at warn): pass them on, or a server-side
  // failure during a test run (an OutOfMemoryError, say) would show up only as "Unknown error".
  const onText = (stream, forward) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (text) => {
      const parts = (partial + text).split(/\r?\n/);
      partial = parts.pop();
      for (const line of parts) {
        if (forward?.(line)) ctx.log(`[${name}] ${line}`);
        child.lines.push(line);
        if (child.lines.length > 40) child.lines.shift();
        for (const listener of child.listeners) listener(line);
      }
    });
    // Keep draining so the child never blocks on a full pipe, but let the parent exit.
    stream.unref?.();
  };
  onText(proc.stdout, null);
  onText(proc.stderr, createStderrFilter());
  child.exited = new Promise((resolve) => {
    // 'close' comes after the last output was read (needed for error messages), but a forked
    // grandchild (redis' background save) can hold the pipes open, so do not wait long for it.
    proc.once('exit', (code, signal) => {
      proc.once('close', () => resolve({ code, signal }));
      setTimeout(() => resolve({ code, signal }), 200).unref();
    });
    proc.once('error', (err) => {
      child.lines.push(String(err.message));
      resolve({ code: null, signal: null, error: err });
    });
  });
  child.exited.then(() => live.delete(child));
  proc.unref();
  live.add(child);
  ctx.children.push(child);
  return child;
}

function startupError(child, what) {
  const output = child.lines.filter((l) => l.trim()).slice(-15);
  return new Error(
    `${child.name} ${what}${output.length ? `; its last output:\n    ${output.join('\n    ')}` : ' (no output)'}`,
  );
}

function describeExit({ code, signal, error }) {
  return error
    ? `failed to start (${error.code ?? error.message})`
    : `exited (${signal ?? `code ${code}`}) before it was ready`;
}

function waitForLine(child, pattern, timeoutMs = READY_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const onLine = (line) => {
      const match = line.match(pattern);
      if (match) finish(null, match);
    };
    const timer = setTimeout(
      () => finish(startupError(child, `not ready after ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
    const finish = (err, match) => {
      clearTimeout(timer);
      child.listeners.delete(onLine);
      if (err) reject(err);
      else resolve(match);
    };
    child.listeners.add(onLine);
    child.lines.forEach(onLine);
    child.exited.then((how) => finish(startupError(child, describeExit(how))));
  });
}

async function waitUntil(child, probe, timeoutMs = READY_TIMEOUT_MS) {
  let exit = null;
  child.exited.then((how) => (exit = how));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw startupError(child, describeExit(exit));
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw startupError(child, `not ready after ${timeoutMs / 1000}s`);
    await sleep(50);
  }
}

async function stopChildren(children) {
  await Promise.all(
    children.map(async (child) => {
      if (!live.has(child)) return;
      child.proc.kill('SIGTERM');
      const timer = setTimeout(() => child.proc.kill('SIGKILL'), STOP_GRACE_MS);
      await child.exited;
      clearTimeout(timer);
    }),
  );
}

function lockDataDir(ctx) {
  const file = path.join(mkdirp(path.join(ctx.projectRoot, '.data')), 'services.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST' || attempt > 0) throw err;
      const owner = Number(readOr(file, '').trim());
      if (owner && isAlive(owner)) {
        fail(
          `local services already run in process ${owner} (${file}); stop that one first, or use --profile test`,
        );
      }
      fs.rmSync(file, { force: true }); // left behind by a process that died
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readOr(file, '').trim() === String(process.pid)) fs.rmSync(file, { force: true });
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// small helpers

function run(cmd, args, { env = process.env, what = `${cmd} ${args.join(' ')}` } = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    proc.stdout.on('data', collect);
    proc.stderr.on('data', collect);
    proc.once('error', (err) => reject(new Error(`${what}: cannot run ${cmd} (${err.code ?? err.message})`)));
    proc.once('close', (code, signal) => {
      if (code === 0) return resolve(output);
      const tail = output.trim().split('\n').slice(-20).join('\n    ');
      reject(new Error(`${what} failed (${signal ?? `exit code ${code}`}):\n    ${tail}`));
    });
  });
}

function listenOnce(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

async function freePort() {
  return (await listenOnce(0)) ?? fail('could not get a free TCP port from the OS');
}

// The well-known port when nobody uses it (nicer for the demo); never share a server we did not start.
async function preferredPort(ctx, service) {
  const wanted = DEFAULT_PORTS[service];
  if (await listenOnce(wanted)) return wanted;
  const port = await freePort();
  ctx.log(`${service}: port ${wanted} is in use, using ${port}`);
  return port;
}

// Ready means: answers on the port, and it is our process (another Redis may own a probed port
// for the moment before ours fails to bind it).
function redisAnswers(port, pid) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.startsWith('-'))
        done(false); // e.g. -LOADING while the AOF is replayed
      else if (/process_id:\d+\r\n/.test(reply)) done(reply.includes(`process_id:${pid}\r\n`));
    });
  });
}

function readOr(file, fallback = null) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function mkdirp(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(message) {
  throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(argv) {
  const [command, ...rest] = argv;
  const flags = { profile: 'local', stripe: false, chromium: false };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--profile') flags.profile = rest[++i];
    else if (rest[i].startsWith('--profile=')) flags.profile = rest[i].slice('--profile='.length);
    else if (rest[i] === '--stripe') flags.stripe = true;
    else if (rest[i] === '--chromium') flags.chromium = true;
    else return usage(`unknown option ${rest[i]}`);
  }

  if (command === 'install') {
    const started = Date.now();
    await installServices(flags);
    console.error(`services installed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return 0;
  }
  if (command !== 'up') return usage(command ? `unknown command ${command}` : 'missing command');

  // Listen before starting, so Ctrl-C during a slow first install still cleans up.
  const signalled = new Promise((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => resolve(sig));
  });
  setInterval(() => {}, 1 << 30); // children are unref'd; stay alive until a signal (exit is explicit below)
  const startup = startServices(flags);
  const first = await Promise.race([
    startup.then((s) => ({ services: s })),
    signalled.then((sig) => ({ sig })),
  ]);
  if (first.sig) {
    // startServices has not returned its stop() yet; the exit handler signals what it started.
    process.exit(130);
  }
  const { services } = first;
  for (const [key, value] of [
    ['MONGODB_URI', services.mongoUri],
    ['REDIS_URL', services.redisUrl],
    ['STRIPE_MOCK_URL', services.stripeMockUrl],
    ['CHROMIUM_PATH', services.chromiumPath],
  ]) {
    if (value) console.log(`${key}=${value}`);
  }
  console.error(`services up (profile ${flags.profile}); Ctrl-C stops them`);

  const reason = await Promise.race([
    signalled.then((sig) => ({ sig })),
    services.exited.then((exit) => ({ exit })),
  ]);
  if (reason.exit)
    console.error(
      `${reason.exit.name} exited unexpectedly (${reason.exit.signal ?? `code ${reason.exit.code}`}); stopping the rest`,
    );
  await services.stop();
  return reason.exit ? 1 : 0;
}

function usage(problem) {
  console.error(
    `${problem}\nusage: node scripts/services/index.mjs up [--profile local|test] [--stripe] [--chromium]\n` +
      `       node scripts/services/index.mjs install [--stripe] [--chromium]`,
  );
  return 2;
}

const invokedDirectly =
  process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
