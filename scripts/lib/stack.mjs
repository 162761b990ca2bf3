import { spawn } from 'node:child_process';
import net from 'node:net';
import { bin, ensureDependencies, projectRoot } from './run.mjs';

/**
 * What `demo` and `dev` share: local services, seeding, child processes that all stop together on
 * Ctrl-C, and a readiness wait. Any child dying on its own takes the whole stack down, loudly.
 */
export function createStack(log) {
  const children = [];
  let services;
  let stopping = false;

  async function shutdown(code) {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(
      children
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))),
    );
    await services?.stop();
    process.exit(code);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  function spawnChild(name, command, args, env) {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); shutting down`);
      void shutdown(1);
    });
    children.push(child);
    return child;
  }

  return {
    shutdown,

    async prepare() {
      await ensureDependencies(log);
      const { startServices } = await import('../services/index.mjs');
      // stripe-mock stands in for Stripe on this machine (payments), unless STRIPE_API_URL is set.
      const stripe = !process.env.STRIPE_API_URL;
      services = await startServices({ profile: 'local', projectRoot, log, stripe });
      return services;
    },

    spawn: spawnChild,

    /**
     * The local inbox (scripts/inbox: an SMTP catcher and a fake WhatsApp Cloud API) that the worker's
     * e-mail and WhatsApp notices go to on this machine. Returns the variables pointing the app at it,
     * and the address of its page listing what arrived.
     */
    async startInbox() {
      const smtpPort = await freePort(2525);
      const httpPort = await freePort(8025);
      const args = ['--smtp-port', String(smtpPort), '--http-port', String(httpPort)];
      spawnChild(
        'inbox',
        process.execPath,
        ['--import', 'tsx', 'scripts/inbox/main.ts', ...args],
        process.env,
      );
      const url = `http://127.0.0.1:${httpPort}`;
      await waitUntilAnswers(`${url}/messages.json`, 30_000, 'the local inbox');
      return {
        url,
        env: {
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtpPort),
          SMTP_FROM: 'Pasar UMKM <pemberitahuan@pasar-umkm.localhost>',
          WHATSAPP_API_URL: url,
          // What the fake provider accepts (scripts/inbox/inbox.ts defaults).
          WHATSAPP_PHONE_NUMBER_ID: '100000000000001',
          WHATSAPP_TOKEN: 'local-fake-whatsapp-token',
        },
      };
    },

    /** Runs the seed, passing its progress through and returning its DEMO_LOGINS line. */
    async seed(env) {
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
      return JSON.parse(lines.find((l) => l.startsWith('DEMO_LOGINS=')).slice('DEMO_LOGINS='.length));
    },
  };
}

export async function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const server = net.createServer().once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address();
        server.close(() => resolve(bound));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0));
}

export function waitUntilReady(url, timeoutMs = 90_000) {
  return waitUntilAnswers(`${url}/readyz`, timeoutMs, 'the API');
}

async function waitUntilAnswers(url, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

export function printBanner({ url, docsUrl, demo, extra = [] }) {
  const width = Math.max(...demo.logins.map((l) => l.who.length));
  console.log(`
  Pasar UMKM is running:  ${url}
  API documentation:      ${docsUrl}
${extra.map((line) => `  ${line}`).join('\n')}
  Demo logins (password for all: ${demo.password})
${demo.logins.map((l) => `    ${l.who.padEnd(width)}  ${l.email}`).join('\n')}

  Ctrl-C stops everything.
`);
}
