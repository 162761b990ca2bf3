import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Queue, Worker, type Processor } from 'bullmq';
import { io as connectSocket } from 'socket.io-client';
import type { Agent } from 'supertest';
import {
  PRODUCT_IMPORT_PROGRESS_EVENT,
  ZListProductImportsResponse,
  ZProductImport,
  ZProductImportSummary,
  type TProductImport,
  type TProductImportSummary,
} from '../shared/contracts/product-imports';
import { ZListSellerProductsResponse } from '../shared/contracts/products';
import { QUEUES } from '../shared/jobs';
import { accountsSettings, createApp } from '../server/app';
import { actorFromCookieHeader, SESSION_COOKIE } from '../server/modules/accounts';
import { createSession } from '../server/modules/accounts/sessions.service';
import { ProductModel } from '../server/modules/catalog/product.model';
import { ProductImportModel } from '../server/modules/catalog/product-import.model';
import { bullPrefix, JobQueues } from '../server/platform/jobs';
import { createLogger } from '../server/platform/logger';
import { attachRealtime } from '../server/platform/realtime';
import { createRedis, createWorkerRedis } from '../server/platform/redis';
import { createStorage } from '../server/platform/storage';
import { agentFor, createUser } from '../test/factories';
import { startTestApp, testServiceUrls, type TestApp } from '../test/helpers/app';
import { productImportProcessor } from './processors/product-import';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DESCRIPTION = 'Keripik tempe renyah dari kedelai lokal, digoreng dengan minyak baru setiap pagi.';

/** Rows to append to the downloaded template (whose example is row 2): rows 3–7, row 5 blank. */
const MORE_ROWS = [
  `"Keripik Singkong; Balado";"Singkong pilihan, bumbu balado; pedas manis,\nkemasan 200 g.";Makanan ringan;pak;200;Rp 12.000;;10;10;;1.500;3;90`,
  `Opak Ketan;${DESCRIPTION};makanan_ringan;pak;150;9000;50:9500;20;10;;1000;3;60`,
  '',
  `Sambal Bawang Bu Ani;Sambal bawang pedas level 3, dibuat segar setiap hari di Klari.;bumbu_dan_sambal;botol;200;25.000;;12;6;48;;1;30`,
  `Ab;${DESCRIPTION};lainnya;ton;100;5000;;10;10;;100;2;`,
];

async function seller() {
  const { user, organisation } = await createUser({ kind: 'umkm', roles: ['staff'] });
  return { agent: await agentFor(t.app, user), user, organisationId: String(organisation._id) };
}

function upload(agent: Agent, body: string | Buffer) {
  return agent.post('/api/catalog/product-imports').set('Content-Type', 'text/csv').send(Buffer.from(body));
}

/** A real BullMQ worker on the app's queues, with the product-import processor (or a wrapper of it). */
function startWorker(wrap: (processor: Processor) => Processor = (processor) => processor) {
  const connection = createWorkerRedis(testServiceUrls().redis);
  const processor = productImportProcessor({ storage: createStorage(t.config) });
  const worker = new Worker(QUEUES['product-import'], wrap(processor), {
    connection,
    prefix: bullPrefix(t.config.REDIS_KEY_PREFIX),
  });
  return async () => {
    await worker.close();
    connection.disconnect();
  };
}

async function waitUntilFinished(agent: Agent, importId: string): Promise<TProductImport> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const current = ZProductImport.parse(
      (await agent.get(`/api/catalog/product-imports/${importId}`).expect(200)).body,
    );
    if (current.status === 'done' || current.status === 'failed') return current;
    if (Date.now() > deadline) throw new Error(`import still ${current.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const HEADER =
  'nama;deskripsi;kategori;satuan;berat_gram;harga;harga_grosir;minimal_order;kelipatan;stok;kapasitas_mingguan;lama_produksi_hari;masa_simpan_hari';

/** Only the required columns, and one product. */
const MINIMAL_HEADER =
  'nama;deskripsi;kategori;satuan;berat_gram;harga;minimal_order;stok;lama_produksi_hari';
const MINIMAL_ROW = `Keripik;${DESCRIPTION};lainnya;pcs;100;1000;1;5;0`;
const MINIMAL_FILE = `${MINIMAL_HEADER}\n${MINIMAL_ROW}\n`;

const countAllProducts = () => ProductModel.countDocuments({}).setOptions({ crossTenant: true });

/** The uploaded CSVs kept for an organisation (local disk storage in tests). */
async function storedFiles(organisationId: string): Promise<string[]> {
  const folder = path.join(t.config.STORAGE_DIR, 'product-imports', organisationId);
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

it('imports the template plus more rows: valid rows become drafts, invalid rows are reported and write nothing', async () => {
  const { agent, user, organisationId } = await seller();
  const template = await agent.get('/api/catalog/product-import-template').expect(200);
  expect(template.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(template.headers['content-disposition']).toContain('templat-impor-produk.csv');
  const productsBefore = await countAllProducts();

  const stop = startWorker();
  try {
    const started = ZProductImport.parse(
      (await upload(agent, `${template.text}${MORE_ROWS.join('\n')}\n`).expect(201)).body,
    );
    expect(started).toMatchObject({ status: 'queued', rows: { total: 5, processed: 0 }, errors: [] });
    expect(await storedFiles(organisationId)).toHaveLength(1);

    const finished = await waitUntilFinished(agent, started.id);
    expect(finished).toMatchObject({
      status: 'done',
      rows: { total: 5, processed: 5, created: 3, invalid: 2 },
      failure: null,
      errorsTruncated: false,
    });
    expect(finished.errors).toEqual([
      { row: 4, column: 'harga_grosir', message: 'Harga tingkat harus lebih murah dari Rp 9.000' },
      { row: 7, column: 'nama', message: 'Nama produk minimal 3 karakter' },
      { row: 7, column: 'satuan', message: 'Satuan tidak dikenal' },
    ]);

    // Exactly the valid rows, as drafts of this seller made by the uploader; nothing else anywhere.
    expect(await countAllProducts()).toBe(productsBefore + 3);
    const drafts = ZListSellerProductsResponse.parse(
      (await agent.get('/api/catalog/my-products').query({ status: 'draft' }).expect(200)).body,
    );
    expect(drafts.items.map((product) => product.id).sort()).toEqual([...finished.createdProductIds].sort());
    expect(drafts.items.map((product) => product.content.name).sort()).toEqual([
      'Keripik Singkong; Balado',
      'Keripik Tempe Original 250 g',
      'Sambal Bawang Bu Ani',
    ]);
    const singkong = drafts.items.find((product) => product.content.name.startsWith('Keripik Singkong'));
    expect(singkong?.content).toMatchObject({
      description: 'Singkong pilihan, bumbu balado; pedas manis,\nkemasan 200 g.',
      category: 'makanan_ringan',
      price: 12_000,
      supply: { mode: 'capacity', weeklyCapacity: 1_500 },
    });
    const stored = await ProductModel.find({ organisationId }).lean();
    expect(stored.every((product) => String(product.createdByUserId) === String(user._id))).toBe(true);

    // The job reported its progress to BullMQ too.
    const queue = new Queue(QUEUES['product-import'], {
      connection: t.redis,
      prefix: bullPrefix(t.config.REDIS_KEY_PREFIX),
    });
    expect((await queue.getJob(started.id))?.progress).toBe(100);
    await queue.close();

    const list = ZListProductImportsResponse.parse(
      (await agent.get('/api/catalog/product-imports').expect(200)).body,
    );
    expect(list.items.map((item) => [item.id, item.status, item.rows.created])).toEqual([
      [started.id, 'done', 3],
    ]);
  } finally {
    await stop();
  }
});

it('a job retried after a crash in the middle finishes the import without duplicating products', async () => {
  const { agent, organisationId } = await seller();
  let attempts = 0;
  // The first attempt dies after writing: as if it crashed just before inserting the last valid row
  // and before recording anything (the import is still "running" with its counters half way).
  const stop = startWorker((processor) => async (job) => {
    attempts++;
    const result = await processor(job);
    if (attempts === 1) {
      const [last] = await ProductModel.find({ organisationId }).sort({ createdAt: -1 }).limit(1).lean();
      const lastName = last!.content.name;
      await ProductModel.deleteOne({ _id: last!._id, organisationId });
      await ProductImportModel.updateOne(
        { _id: job.data.importId, organisationId },
        { $set: { status: 'running', 'rows.processed': 1, 'rows.created': 1, createdProductIds: [] } },
      );
      throw new Error(`worker crashed before inserting ${lastName}`);
    }
    return result;
  });
  try {
    const rows = [1, 2, 3, 4].map(
      (n) => `Produk nomor ${n};${DESCRIPTION};lainnya;pcs;100;${10_000 + n};;10;10;;100;2;`,
    );
    const started = ZProductImport.parse(
      (await upload(agent, `${HEADER}\n${rows.join('\n')}\n`).expect(201)).body,
    );
    // The first attempt shows "done" for a moment before the simulated crash undoes it.
    while (attempts < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    const finished = await waitUntilFinished(agent, started.id);

    expect(attempts).toBe(2);
    expect(finished).toMatchObject({
      status: 'done',
      rows: { total: 4, processed: 4, created: 4, invalid: 0 },
    });
    const products = await ProductModel.find({ organisationId }).lean();
    expect(products.map((product) => product.content.name).sort()).toEqual([
      'Produk nomor 1',
      'Produk nomor 2',
      'Produk nomor 3',
      'Produk nomor 4',
    ]);
    expect(products.map((product) => String(product._id)).sort()).toEqual(
      [...finished.createdProductIds].sort(),
    );
  } finally {
    await stop();
  }
});

it('a job failing on its last attempt marks the import failed, with a reason for the seller', async () => {
  const { agent, user, organisationId } = await seller();
  const productImport = await ProductImportModel.create({
    organisationId,
    createdByUserId: user._id,
    status: 'queued',
    file: { key: `product-imports/${organisationId}/x/y`, size: 1, sha256: 'y' },
    rows: { total: 1, processed: 0, created: 0, invalid: 0 },
  });
  const unreadableStorage = {
    put: () => Promise.resolve(),
    get: () => Promise.reject(new Error('storage unreachable')),
    delete: () => Promise.resolve(),
  };
  const connection = createWorkerRedis(testServiceUrls().redis);
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  const worker = new Worker(
    QUEUES['product-import'],
    productImportProcessor({ storage: unreadableStorage }),
    {
      connection,
      prefix,
    },
  );
  const queue = new Queue(QUEUES['product-import'], { connection: t.redis, prefix });
  try {
    await queue.add(
      'import-products',
      { version: 1, importId: String(productImport._id), organisationId },
      { jobId: `last-attempt-${productImport._id}`, attempts: 1 },
    );
    const failed = await waitUntilFinished(agent, String(productImport._id));
    expect(failed).toMatchObject({ status: 'failed', rows: { created: 0 } });
    expect(failed.failure).toContain('Impor terhenti karena gangguan di server.');
  } finally {
    await queue.close();
    await worker.close();
    connection.disconnect();
  }
});

it("pushes the import's progress live to its organisation's sockets", async () => {
  const http = createServer(t.app);
  const io = attachRealtime(http, {
    actorFromCookies: actorFromCookieHeader(accountsSettings(t.config)),
    corsOrigins: [],
    redis: { client: t.redis, keyPrefix: t.config.REDIS_KEY_PREFIX },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { user } = await createUser({ kind: 'umkm', roles: ['owner'] });
  const session = await createSession(user, 1, 'jest');
  const socket = connectSocket(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    extraHeaders: { cookie: `${SESSION_COOKIE}=${session.token}` },
    reconnection: false,
  });
  const stop = startWorker();
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const events: TProductImportSummary[] = [];
    const finished = new Promise<void>((resolve) =>
      socket.on(PRODUCT_IMPORT_PROGRESS_EVENT, (payload: unknown) => {
        const summary = ZProductImportSummary.parse(payload);
        events.push(summary);
        if (summary.status === 'done') resolve();
      }),
    );
    const rows = Array.from(
      { length: 30 },
      (_, n) => `Produk nomor ${n + 1};${DESCRIPTION};lainnya;pcs;100;${10_000 + n};;10;10;;100;2;`,
    );
    const started = ZProductImport.parse(
      (await upload(await agentFor(t.app, user), `${HEADER}\n${rows.join('\n')}\n`).expect(201)).body,
    );
    await finished;
    expect(events.every((event) => event.id === started.id)).toBe(true);
    expect(events.map((event) => [event.status, event.rows.processed])).toEqual([
      ['running', 0],
      ['running', 25],
      ['done', 30],
    ]);
  } finally {
    socket.close();
    await stop();
    await io.close();
  }
});

describe('uploads refused before anything is stored', () => {
  it.each([
    ['a file over 1 MB', Buffer.alloc(1024 * 1024 + 1, 'a'), 413, 'PAYLOAD_TOO_LARGE'],
    [
      'a PNG renamed .csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['a binary file', Buffer.from('nama;harga\n\x00\x01\x02', 'latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'a Latin-1 ("ANSI") CSV',
      Buffer.from(`${MINIMAL_HEADER}\nKue caf\xe9;x\n`, 'latin1'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['an empty body', Buffer.alloc(0), 400, 'VALIDATION_FAILED'],
  ])('%s', async (_name, body, status, code) => {
    const { agent, organisationId } = await seller();
    const res = await upload(agent, body).expect(status);
    expect(res.body.error.code).toBe(code);
    expect(await ProductImportModel.countDocuments({ organisationId })).toBe(0);
    expect(await storedFiles(organisationId)).toEqual([]);
  });

  it('an unknown column or more than 1,000 rows: 400 saying so, per problem', async () => {
    const { agent, organisationId } = await seller();
    const unknown = await upload(agent, `warna;${MINIMAL_HEADER}\nmerah;${MINIMAL_ROW}\n`).expect(400);
    expect(unknown.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        issues: [
          { path: ['file'], message: 'Kolom tidak dikenal: warna. Pakai judul kolom seperti di templat.' },
        ],
      },
    });
    const tooMany = await upload(agent, `${MINIMAL_HEADER}\n${`${MINIMAL_ROW}\n`.repeat(1_001)}`).expect(400);
    expect(tooMany.body.error.details.issues[0].message).toContain('maksimal 1.000 baris');
    expect(await ProductImportModel.countDocuments({ organisationId })).toBe(0);
  });
});

it("another organisation's import is not found, and not listed", async () => {
  const owner = await seller();
  const started = ZProductImport.parse((await upload(owner.agent, MINIMAL_FILE).expect(201)).body);
  const stranger = await seller();
  const res = await stranger.agent.get(`/api/catalog/product-imports/${started.id}`).expect(404);
  expect(res.body.error.code).toBe('NOT_FOUND');
  expect((await stranger.agent.get('/api/catalog/product-imports').expect(200)).body.items).toEqual([]);
});

it('with Redis down at upload: 503, and neither an import nor its file is left behind', async () => {
  const unreachable = createRedis('redis://127.0.0.1:1');
  unreachable.on('error', () => undefined);
  const jobs = new JobQueues(unreachable, bullPrefix(t.config.REDIS_KEY_PREFIX));
  const { app } = createApp({ config: t.config, redis: t.redis, logger: createLogger('silent'), jobs });
  const { user, organisation } = await createUser({ kind: 'umkm', roles: ['owner'] });
  try {
    const res = await upload(await agentFor(app, user), MINIMAL_FILE).expect(503);
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(await ProductImportModel.countDocuments({ organisationId: organisation._id })).toBe(0);
    expect(await storedFiles(String(organisation._id))).toEqual([]);
  } finally {
    await jobs.close();
    unreachable.disconnect();
  }
});
