import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

declare global {
  var __servicesProcess: ChildProcess | undefined;
}

/**
 * Throwaway services for the whole run: in-memory mongo-java-server, a Redis without persistence and
 * stripe-mock, on free ports, started by the same script the demo uses. TEST_MONGODB_URI /
 * TEST_REDIS_URL / TEST_STRIPE_MOCK_URL point the suite at existing servers instead (each test file
 * still gets its own database and key prefix); whichever is not given is started.
 */
export default async function globalSetup(): Promise<void> {
  const given = {
    MONGODB_URI: process.env.TEST_MONGODB_URI,
    REDIS_URL: process.env.TEST_REDIS_URL,
    STRIPE_MOCK_URL: process.env.TEST_STRIPE_MOCK_URL,
  };
  if (given.MONGODB_URI && given.REDIS_URL && given.STRIPE_MOCK_URL) return;
  const root = path.resolve(__dirname, '..');
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts/services/index.mjs'), 'up', '--profile', 'test', '--stripe', '--chromium'],
    {
      cwd: root,
      // The script reuses a service whose URL it is given and starts the others.
      env: {
        ...process.env,
        MONGODB_URI: given.MONGODB_URI ?? '',
        REDIS_URL: given.REDIS_URL ?? '',
        STRIPE_MOCK_URL: given.STRIPE_MOCK_URL ?? '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  globalThis.__servicesProcess = child;
  const found: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('test services did not start within 240 s')), 240_000);
    child.once('exit', (code) => reject(new Error(`test services exited early with code ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^(MONGODB_URI|REDIS_URL|STRIPE_MOCK_URL|CHROMIUM_PATH)=(.+)$/.exec(line.trim());
      if (match) found[match[1]!] = match[2]!;
      if (found.MONGODB_URI && found.REDIS_URL && found.STRIPE_MOCK_URL && found.CHROMIUM_PATH) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  process.env.TEST_MONGODB_URI = found.MONGODB_URI;
  process.env.TEST_REDIS_URL = found.REDIS_URL;
  process.env.TEST_STRIPE_MOCK_URL = found.STRIPE_MOCK_URL;
  process.env.TEST_CHROMIUM_PATH = found.CHROMIUM_PATH;
}
