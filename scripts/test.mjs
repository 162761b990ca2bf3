#!/usr/bin/env node
/**
 * `npm test`: installs what is missing (npm packages, Redis, Chromium, the mongo launcher, stripe-mock),
 * builds the client for the browser test, then runs every jest test: unit, integration against real
 * services (started throwaway by the jest global setup) and the browser flow. Extra args go to jest.
 */
import { bin, ensureDependencies, run } from './lib/run.mjs';

const log = (line) => console.error(`[test] ${line}`);

try {
  await ensureDependencies(log);
  const { installServices } = await import('./services/index.mjs');
  await installServices({ stripe: true, chromium: true, log });
  log('building the client for the browser test…');
  await run(bin('vite'), ['build', '--config', 'client/vite.config.mts', '--logLevel', 'warn']);
  await run(bin('jest'), ['--ci', ...process.argv.slice(2)]);
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
