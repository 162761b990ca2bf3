#!/usr/bin/env node
/**
 * `npm run dev`: like the demo, but the API and worker restart on change (tsx watch) and the client
 * is served by Vite with hot reload, proxying /api and /socket.io to the API.
 */
import { bin } from './lib/run.mjs';
import { createStack, freePort, printBanner, waitUntilReady } from './lib/stack.mjs';

const log = (line) => console.error(`[dev] ${line}`);
const stack = createStack(log);

try {
  const services = await stack.prepare();
  const inbox = await stack.startInbox();
  const apiPort = Number(process.env.PORT) || (await freePort(3000));
  const vitePort = await freePort(5173);
  // Links the server writes (invitations) must point at the page the developer has open: Vite's.
  const url = `http://localhost:${vitePort}`;
  const env = {
    // Notices go to the local inbox unless SMTP_* / WHATSAPP_* are set to real ones.
    ...inbox.env,
    ...process.env,
    NODE_ENV: 'development',
    MONGODB_URI: process.env.MONGODB_URI ?? `${services.mongoUri}/pasar`,
    REDIS_URL: services.redisUrl,
    STRIPE_API_URL: process.env.STRIPE_API_URL ?? services.stripeMockUrl,
    PORT: String(apiPort),
    PUBLIC_URL: url,
    CORS_ORIGINS: url,
    SERVE_CLIENT: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const demo = await stack.seed(env);
  stack.spawn('API', bin('tsx'), ['watch', 'server/main.ts'], env);
  stack.spawn('worker', bin('tsx'), ['watch', 'workers/main.ts'], env);
  stack.spawn(
    'vite',
    bin('vite'),
    ['--config', 'client/vite.config.mts', '--port', String(vitePort), '--strictPort'],
    {
      ...env,
      API_PORT: String(apiPort),
    },
  );
  await waitUntilReady(`http://127.0.0.1:${apiPort}`);
  printBanner({
    url,
    docsUrl: `http://localhost:${apiPort}/api/docs`,
    demo,
    extra: [
      `API (direct):           http://localhost:${apiPort}`,
      `Sent e-mail, WhatsApp:  ${inbox.url}`,
      '',
    ],
  });
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  await stack.shutdown(1);
}
