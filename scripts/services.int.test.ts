import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { Redis } from 'ioredis';

/**
 * The services script as the demo and CI use it: its own throwaway MongoDB-compatible server, Redis and
 * stripe-mock, all answering, and all gone after SIGTERM.
 */
it('starts MongoDB, Redis and stripe-mock on free ports and stops them all on SIGTERM', async () => {
  const script = path.join(__dirname, 'services/index.mjs');
  const child = spawn(process.execPath, [script, 'up', '--profile', 'test', '--stripe'], {
    env: { ...process.env, MONGODB_URI: '', REDIS_URL: '', STRIPE_MOCK_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`services exited early (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^(MONGODB_URI|REDIS_URL|STRIPE_MOCK_URL)=(.+)$/.exec(line);
      if (match) urls[match[1]!] = match[2]!;
      if (urls.MONGODB_URI && urls.REDIS_URL && urls.STRIPE_MOCK_URL) resolve();
    });
  });

  const mongo = await mongoose
    .createConnection(urls.MONGODB_URI!, { serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  const hello = await mongo.db!.command({ isMaster: 1 });
  expect(hello.maxWireVersion).toBeGreaterThanOrEqual(13);
  await mongo.close();

  const redis = new Redis(urls.REDIS_URL!);
  expect(await redis.ping()).toBe('PONG');
  redis.disconnect();

  const stripe = await fetch(`${urls.STRIPE_MOCK_URL}/v1/customers`, {
    headers: { Authorization: 'Bearer sk_test_123' },
  });
  expect(stripe.status).toBe(200);
  expect(((await stripe.json()) as { object: string }).object).toBe('list');

  // The early-exit rejection above is spent: its promise already resolved.
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const url of [urls.MONGODB_URI!, urls.REDIS_URL!, urls.STRIPE_MOCK_URL!]) {
    const port = Number(new URL(url).port);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }
}, 120_000);
