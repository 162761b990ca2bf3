import { createHash } from 'node:crypto';
import type { Express } from 'express';
import { Queue } from 'bullmq';
import sharp from 'sharp';
import { ZBuyerOrder, ZSellerOrder, type TSellerOrder } from '../../../shared/contracts/orders';
import type { TRole } from '../../../shared/contracts/organisations';
import { QUEUES } from '../../../shared/jobs';
import { agentFor, createOrganisation, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import {
  giveCreditLine,
  inDays,
  orderingMarket,
  placeOrder,
  STOCKED,
  type Member,
} from '../../../test/helpers/orders';
import { bullPrefix } from '../../platform/jobs';
import { LocalDiskStorage } from '../../platform/storage';
import { makeThumbnails } from '../photos';

/** The buyer's photo of the signed BAST (berita acara serah terima) or of the goods as received. */
let t: TestApp;
let market: Awaited<ReturnType<typeof orderingMarket>>;
let storage: LocalDiskStorage;
let thumbnails: Queue;
beforeAll(async () => {
  t = await startTestApp();
  market = await orderingMarket(t.app as Express);
  storage = new LocalDiskStorage(t.config.STORAGE_DIR);
  thumbnails = new Queue(QUEUES.thumbnails, {
    connection: t.redis,
    prefix: bullPrefix(t.config.REDIS_KEY_PREFIX),
  });
});
afterAll(async () => {
  await thumbnails.close();
  await t.close();
});

type Agent = Awaited<ReturnType<typeof agentFor>>;

let shade = 0;
/** A real picture with its own bytes each time, as a phone would send it. */
async function picture(format: 'jpeg' | 'png' | 'webp' = 'jpeg') {
  shade++;
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: shade, g: 90, b: 40 } } })
    .toFormat(format)
    .toBuffer();
}
const idOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A seller order of a buyer organisation with a member per role, moved by the seller as far as `status`. */
async function orderAt(status: 'placed' | 'shipped') {
  const seller = await market.seller();
  const productId = await market.product(seller, STOCKED);
  const organisation = await createOrganisation({ kind: 'buyer', status: 'verified' });
  await giveCreditLine(String(organisation._id));
  const members: Partial<Record<TRole, Agent>> = {};
  for (const role of ['admin', 'purchaser', 'approver', 'finance'] as const) {
    members[role] = await agentFor(
      t.app as Express,
      (await createUser({ organisation, roles: [role] })).user,
    );
  }
  const placed = ZBuyerOrder.parse(
    (
      await placeOrder(members.purchaser!, {
        lines: [{ productId, quantity: 3 }],
        requestedDeliveryDate: inDays(3),
      }).expect(201)
    ).body,
  );
  const id = placed.sellerOrders[0]!.id;
  if (status === 'shipped') {
    await seller.agent.post(`/api/seller-orders/${id}/accept`).send({}).expect(200);
    await seller.agent.post(`/api/seller-orders/${id}/mark-ready`).send({}).expect(200);
    await seller.agent
      .post(`/api/seller-orders/${id}/ship`)
      .send({ courier: 'JNE', trackingNumber: 'JNE0012345' })
      .expect(200);
  }
  return { id, seller, buyer: members as Record<TRole, Agent>, organisationId: String(organisation._id) };
}

function upload(agent: Agent | Member['agent'], sellerOrderId: string, bytes: Buffer, type = 'image/jpeg') {
  return agent.put(`/api/seller-orders/${sellerOrderId}/receipt-photo`).set('Content-Type', type).send(bytes);
}
const photoUrl = (sellerOrderId: string, photoId: string, size = 'original') =>
  `/api/seller-orders/${sellerOrderId}/receipt-photo/${photoId}?size=${size}`;

it('the purchaser attaches the photo, confirms receipt, and both sides see it; nobody else does', async () => {
  const { id, seller, buyer } = await orderAt('shipped');
  const bytes = await picture('png');
  const attached = ZSellerOrder.parse(
    (await upload(buyer.purchaser, id, bytes, 'image/png').expect(200)).body,
  );
  expect(attached.receiptPhoto).toEqual({ id: idOf(bytes), uploadedAt: expect.any(String) });
  expect(attached.status).toBe('shipped');
  const key = `receipts/${id}/${idOf(bytes)}`;
  expect(await storage.get(key)).not.toBeNull();
  // The worker is asked for its thumbnails.
  expect((await thumbnails.getJobs(['waiting', 'delayed', 'active'])).map((job) => job.data.key)).toContain(
    key,
  );

  const received = ZSellerOrder.parse(
    (
      await buyer.purchaser
        .post(`/api/seller-orders/${id}/confirm-receipt`)
        .send({ bastNumber: 'BAST/KOPKAR/117' })
        .expect(200)
    ).body,
  );
  expect(received).toMatchObject({ status: 'received', receiptPhoto: { id: idOf(bytes) } });

  // The seller, and every member of the buyer organisation, read it.
  const sellerView = ZSellerOrder.parse(
    (await seller.agent.get(`/api/seller-orders/${id}`).expect(200)).body,
  );
  expect(sellerView.receiptPhoto?.id).toBe(idOf(bytes));
  for (const reader of [seller.agent, buyer.finance, buyer.approver]) {
    const image = await reader
      .get(photoUrl(id, idOf(bytes)))
      .buffer(true)
      .expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.body as Buffer, bytes)).toBe(0);
  }
  // The small size is the original until the thumbnail is made, then the WebP.
  const standIn = await seller.agent
    .get(photoUrl(id, idOf(bytes), 'small'))
    .buffer(true)
    .expect(200);
  expect(standIn.headers['content-type']).toBe('image/png');
  await makeThumbnails(storage, key);
  const small = await seller.agent
    .get(photoUrl(id, idOf(bytes), 'small'))
    .buffer(true)
    .expect(200);
  expect(await sharp(small.body as Buffer).metadata()).toMatchObject({ format: 'webp', width: 320 });

  // Another buyer, another seller and Dinkop get the same 404 as for a photo that does not exist.
  const strangers = [
    (await market.buyer(['admin'])).agent,
    (await market.seller()).agent,
    await agentFor(t.app as Express, (await createUser({ kind: 'dinkop', roles: ['admin'] })).user),
  ];
  for (const stranger of strangers) {
    const res = await stranger.get(photoUrl(id, idOf(bytes))).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  }
  await buyer.purchaser.get(photoUrl(id, 'a'.repeat(64))).expect(404);
  await buyer.purchaser.get(photoUrl(id, 'not-a-photo')).expect(400);
  await buyer.purchaser.get(photoUrl(id, idOf(bytes), 'huge')).expect(400);
});

it('purchasers and admins attach it, from shipped until the order is completed; a new one replaces the old', async () => {
  const early = await orderAt('placed');
  const refused = await upload(early.buyer.purchaser, early.id, await picture()).expect(409);
  expect(refused.body.error).toMatchObject({
    code: 'INVALID_STATE',
    details: { currentStatus: 'placed', allowedFrom: ['shipped', 'delivered', 'received'] },
  });

  const { id, seller, buyer } = await orderAt('shipped');
  // Approvers confirm receipts but do not take deliveries; finance neither; the seller never.
  for (const agent of [buyer.approver, buyer.finance, seller.agent]) {
    await upload(agent, id, await picture()).expect(403);
  }
  await upload((await market.buyer(['admin'])).agent, id, await picture()).expect(404);

  const first = await picture();
  const v1 = ZSellerOrder.parse((await upload(buyer.admin, id, first).expect(200)).body);
  // The same picture again changes nothing.
  const again = ZSellerOrder.parse((await upload(buyer.admin, id, first).expect(200)).body);
  expect(again.version).toBe(v1.version);

  await seller.agent.post(`/api/seller-orders/${id}/mark-delivered`).send({}).expect(200);
  await buyer.purchaser
    .post(`/api/seller-orders/${id}/confirm-receipt`)
    .send({ bastNumber: 'BAST/117', note: 'Dus ke-3 penyok' })
    .expect(200);
  // After the receipt was confirmed, a better photo still replaces the first one; its file goes.
  const second = await picture('png');
  const replaced = ZSellerOrder.parse(
    (await upload(buyer.purchaser, id, second, 'image/png').expect(200)).body,
  );
  expect(replaced.receiptPhoto?.id).toBe(idOf(second));
  expect(replaced.version).toBeGreaterThan(v1.version);
  expect(replaced.receipt).toMatchObject({ bastNumber: 'BAST/117', note: 'Dus ke-3 penyok' });
  expect(await storage.get(`receipts/${id}/${idOf(first)}`)).toBeNull();
  await buyer.purchaser.get(photoUrl(id, idOf(first))).expect(404);
  await buyer.purchaser.get(photoUrl(id, idOf(second))).expect(200);

  await buyer.admin.post(`/api/seller-orders/${id}/complete`).send({}).expect(200);
  const closed = await upload(buyer.purchaser, id, await picture()).expect(409);
  expect(closed.body.error.details.currentStatus).toBe('completed');
  const final: TSellerOrder = ZSellerOrder.parse(
    (await buyer.purchaser.get(`/api/seller-orders/${id}`).expect(200)).body,
  );
  expect(final.receiptPhoto?.id).toBe(idOf(second));
  // No step of the order's life: the history has only the moves.
  expect(final.history.map((entry) => entry.to)).toEqual([
    'placed',
    'accepted',
    'ready_to_ship',
    'shipped',
    'delivered',
    'received',
    'completed',
  ]);
});

it('takes JPEG or PNG only, read from the content, up to 5 MB', async () => {
  const { id, buyer } = await orderAt('shipped');
  const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << >> endobj\n');
  const disguised = await upload(buyer.purchaser, id, pdf, 'image/jpeg').expect(415);
  expect(disguised.body.error).toMatchObject({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: expect.stringContaining('JPG, PNG'),
  });
  await upload(buyer.purchaser, id, await picture('webp'), 'image/webp').expect(415);
  await upload(
    buyer.purchaser,
    id,
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    'image/png',
  ).expect(415);
  const huge = Buffer.concat([await picture(), Buffer.alloc(5 * 1024 * 1024, 1)]);
  const tooLarge = await upload(buyer.purchaser, id, huge).expect(413);
  expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  const empty = await buyer.purchaser.put(`/api/seller-orders/${id}/receipt-photo`).expect(400);
  expect(empty.body.error.code).toBe('VALIDATION_FAILED');
  const order = ZSellerOrder.parse((await buyer.purchaser.get(`/api/seller-orders/${id}`).expect(200)).body);
  expect(order.receiptPhoto).toBeNull();
});
