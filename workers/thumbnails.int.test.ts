import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Express } from 'express';
import sharp from 'sharp';
import { QUEUES } from '../shared/jobs';
import { ZSellerProduct } from '../shared/contracts/products';
import { createWorkerRedis } from '../server/platform/redis';
import { LocalDiskStorage } from '../server/platform/storage';
import { thumbnailKey } from '../server/modules/photos';
import { agentFor, createUser } from '../test/factories';
import { KERIPIK_TEMPE } from '../test/fixtures';
import { startTestApp, testServiceUrls, type TestApp } from '../test/helpers/app';
import { thumbnailsProcessor } from './processors/thumbnails';

/**
 * The API queues thumbnails when a photo is uploaded; a real BullMQ worker on the same Redis prefix and
 * storage folder makes them; the API then serves them.
 */
let t: TestApp;
let storage: LocalDiskStorage;
const connections = Array.from({ length: 3 }, () => createWorkerRedis(testServiceUrls().redis));
let queue: Queue;
let events: QueueEvents;
let worker: Worker;

beforeAll(async () => {
  t = await startTestApp();
  storage = new LocalDiskStorage(t.config.STORAGE_DIR);
  const prefix = `${t.config.REDIS_KEY_PREFIX}bull`;
  queue = new Queue(QUEUES.thumbnails, { connection: connections[0]!, prefix });
  events = new QueueEvents(QUEUES.thumbnails, { connection: connections[1]!, prefix });
  worker = new Worker(QUEUES.thumbnails, thumbnailsProcessor({ storage }), {
    connection: connections[2]!,
    prefix,
  });
  await events.waitUntilReady();
});
afterAll(async () => {
  await worker.close();
  await events.close();
  await queue.close();
  connections.forEach((connection) => connection.disconnect());
  await t.close();
});

async function uploadToNewProduct(bytes: Buffer) {
  const { user, organisation } = await createUser({ kind: 'umkm', roles: ['owner'] });
  const agent = await agentFor(t.app as Express, user);
  const productId = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body.id;
  const product = ZSellerProduct.parse(
    (
      await agent
        .post(`/api/catalog/my-products/${productId}/photos`)
        .set('Content-Type', 'image/jpeg')
        .send(bytes)
        .expect(200)
    ).body,
  );
  const photo = product.content.photos[0]!;
  const key = `products/${organisation._id}/${productId}/${photo.id}`;
  // The job the API queued, by the id it was given.
  const job = await queue.getJob(`${key}-${Date.parse(photo.uploadedAt)}`);
  expect(job).toBeDefined();
  return { agent, key, url: `/api/catalog/products/${productId}/photos/${photo.id}`, job: job! };
}

it('makes upright WebP thumbnails of 320 and 960 px, never enlarged, without the camera metadata', async () => {
  // A phone photo taken sideways: stored 1200×800 with EXIF "rotate 90°", and a GPS position.
  const sideways = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#8b5a2b' } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'PasarPhone' }, IFD3: { GPSLatitudeRef: 'S' } })
    .jpeg()
    .toBuffer();
  expect(await sharp(sideways).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
  const { agent, key, url, job } = await uploadToNewProduct(sideways);

  expect(await job.waitUntilFinished(events, 20_000)).toEqual({ made: ['small', 'large'] });
  const small = await sharp((await storage.get(thumbnailKey(key, 'small')))!).metadata();
  const large = await sharp((await storage.get(thumbnailKey(key, 'large')))!).metadata();
  // Upright it is 800×1200: small is 320 wide, large stays 800 wide rather than being blown up to 960.
  expect([small.format, small.width, small.height]).toEqual(['webp', 320, 480]);
  expect([large.format, large.width, large.height]).toEqual(['webp', 800, 1200]);
  for (const metadata of [small, large]) {
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
  }

  const served = await agent.get(`${url}?size=small`).buffer(true).expect(200);
  expect(served.headers['content-type']).toBe('image/webp');
  expect((await sharp(served.body as Buffer).metadata()).width).toBe(320);
});

it('gives up at once on a file that only looks like a JPEG, and the page shows the original', async () => {
  const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 0x42)]);
  const { agent, url, job } = await uploadToNewProduct(broken);
  await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow();
  const failed = (await queue.getJob(job.id!))!;
  expect(await failed.getState()).toBe('failed');
  // Not retried: no attempt of the five would read it better.
  expect(failed.attemptsMade).toBe(1);
  const standIn = await agent.get(`${url}?size=large`).buffer(true).expect(200);
  expect(standIn.headers['content-type']).toBe('image/jpeg');
  expect(Buffer.compare(standIn.body as Buffer, broken)).toBe(0);
});
