import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import S3rver from 's3rver';
import { loadConfig } from '../config/env';
import { REDACTED_PATHS } from './logger';
import { createS3Client, createStorage, LocalDiskStorage, S3Storage, type StoragePort } from './storage';

/**
 * Both adapters against real stores: a folder, and s3rver (an S3-compatible server from npm) spoken to
 * over HTTP through the AWS SDK v3 client, exactly as production speaks to S3 or MinIO.
 */
const BUCKET = 'pasar-test';
let folder: string;
let s3: S3rver;
let endpoint: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'pasar-storage-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(folder, 's3rver'),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3.close();
  await rm(folder, { recursive: true, force: true });
});

// s3rver knows one access key, S3RVER (it checks the key id; v4 signatures it does not verify).
const s3Env = () => ({
  MONGODB_URI: 'mongodb://127.0.0.1:27017/pasar',
  REDIS_URL: 'redis://127.0.0.1:6379',
  STORAGE_DRIVER: 's3',
  S3_BUCKET: BUCKET,
  S3_REGION: 'us-east-1',
  S3_ENDPOINT: endpoint,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  S3_FORCE_PATH_STYLE: 'true',
});

const adapters: Array<[string, () => StoragePort]> = [
  ['local disk', () => new LocalDiskStorage(path.join(folder, 'disk'))],
  ['S3 (configured through the environment)', () => createStorage(loadConfig(s3Env()))],
];

describe.each(adapters)('%s storage', (_name, make) => {
  it('keeps bytes under a key, answers null for a missing key, and deletes (a missing key too)', async () => {
    const storage = make();
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(300_000, 7)]);
    const key = 'products/6650a1b2c3d4e5f6a7b8c9d0/6650a1b2c3d4e5f6a7b8c9d1/abc123-small';
    await storage.put(key, photo);
    expect(Buffer.compare((await storage.get(key))!, photo)).toBe(0);
    // Same key, same content (keys are content hashes): a retried write is harmless.
    await storage.put(key, photo);
    expect(await storage.get(`${key}-large`)).toBeNull();
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('refuses keys the server would never make', async () => {
    const storage = make();
    for (const key of ['../etc/passwd', 'products/../../x', '/absolute/key', 'single', 'a/b c']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow('unsafe storage key');
      await expect(storage.get(key)).rejects.toThrow('unsafe storage key');
    }
  });
});

describe('S3 storage', () => {
  it('signs with the configured access key: one the store does not know is refused', async () => {
    const storage = createStorage(loadConfig({ ...s3Env(), S3_ACCESS_KEY_ID: 'AKIAUNKNOWN' }));
    await expect(storage.put('products/a/b', Buffer.from('x'))).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
  });

  it('reports a missing bucket as the error it is, not as a missing file', async () => {
    const config = loadConfig(s3Env());
    const storage = new S3Storage(createS3Client(config), 'no-such-bucket');
    await expect(storage.get('products/a/b')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('never writes the secret key to the logs', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    const config = loadConfig({ ...s3Env(), S3_SECRET_ACCESS_KEY: 'sangat-rahasia-42' });
    logger.info({ config }, 'booting');
    logger.info({ credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'sangat-rahasia-42' } }, 'client');
    logger.info(config, 'flat');
    expect(lines).toHaveLength(3);
    expect(lines.join('')).not.toContain('sangat-rahasia-42');
  });
});
