import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { accountsSettings, createApp } from '../../server/app';
import { attachRealtime } from '../../server/platform/realtime';
import { createLogger } from '../../server/platform/logger';
import { CLIENT_BUILD_DIR } from '../../server/platform/paths';
import { actorFromCookieHeader, SESSION_COOKIE } from '../../server/modules/accounts';
import { createSession } from '../../server/modules/accounts/sessions.service';
import type { createUser } from '../factories';
import { startTestApp, type TestApp } from './app';

export interface BrowserApp {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A browser context already signed in as the user (a real server-side session). */
  signedInAs(user: Awaited<ReturnType<typeof createUser>>['user'], width?: number): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * The real app serving the built client on a free port, and Debian's Chromium (never a downloaded one),
 * started without the background networking this machine's closed network would refuse.
 */
export async function startBrowserApp(): Promise<BrowserApp> {
  if (!existsSync(path.join(CLIENT_BUILD_DIR, 'index.html'))) {
    throw new Error('The client is not built: run `npm test`, which builds it first.');
  }
  const t = await startTestApp();
  const { app } = createApp({
    config: { ...t.config, SERVE_CLIENT: true },
    redis: t.redis,
    logger: createLogger('silent'),
  });
  const server: Server = createServer(app);
  // Live updates as in production: Socket.IO on the same server, fed through Redis.
  const io = attachRealtime(server, {
    actorFromCookies: actorFromCookieHeader(accountsSettings(t.config)),
    corsOrigins: [],
    redis: { client: t.redis, keyPrefix: t.config.REDIS_KEY_PREFIX },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.TEST_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    t,
    baseUrl,
    browser,
    async signedInAs(user, width = 1280) {
      const session = await createSession(user, 1, 'chromium');
      const context = await browser.newContext({ locale: 'id-ID', viewport: { width, height: 900 } });
      await context.addCookies([
        { name: SESSION_COOKIE, value: session.token, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
      ]);
      return context;
    },
    async close() {
      await browser.close();
      await io.close(); // closes the HTTP server too
      await t.close();
    },
  };
}
