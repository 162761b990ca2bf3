#!/usr/bin/env node
/**
 * `npm run demo`: the whole stack on this machine. Installs what is missing, starts MongoDB
 * (mongo-java-server, data under .data/), Redis and the app (API + worker), seeds Karawang demo data
 * on first run, prints the address and logins. Ctrl-C stops everything it started.
 */
import { run } from './lib/run.mjs';
import { createStack, freePort, printBanner, waitUntilReady } from './lib/stack.mjs';

const log = (line) => console.error(`[demo] ${line}`);
const stack = createStack(log);

try {
  const services = await stack.prepare();
  const inbox = await stack.startInbox();
  log('building server and client…');
  await run('npm', ['run', '--silent', 'build']);
  const port = Number(process.env.PORT) || (await freePort(3000));
  const url = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const env = {
    // Notices go to the local inbox unless SMTP_* / WHATSAPP_* are set to real ones.
    ...inbox.env,
    ...process.env,
    NODE_ENV: 'production',
    // Plain http on this machine; behind TLS in production the default (secure) applies.
    COOKIE_SECURE: process.env.COOKIE_SECURE ?? 'false',
    MONGODB_URI: process.env.MONGODB_URI ?? `${services.mongoUri}/pasar`,
    REDIS_URL: services.redisUrl,
    STRIPE_API_URL: process.env.STRIPE_API_URL ?? services.stripeMockUrl,
    PORT: String(port),
    PUBLIC_URL: url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  log('seeding demo data (only what is missing)…');
  const demo = await stack.seed(env);
  stack.spawn('API', process.execPath, ['dist/server/main.js'], env);
  stack.spawn('worker', process.execPath, ['dist/workers/main.js'], env);
  await waitUntilReady(`http://127.0.0.1:${port}`);
  printBanner({ url, docsUrl: `${url}/api/docs`, demo, extra: [`Sent e-mail, WhatsApp:  ${inbox.url}`] });
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  await stack.shutdown(1);
}
