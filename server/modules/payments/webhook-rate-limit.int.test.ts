import { randomUUID } from 'node:crypto';
import { trusted } from 'mongoose';
import request from 'supertest';
import Stripe from 'stripe';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { ProviderEventModel } from './payment.models';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(() => t.close());

it('signed provider webhooks are not held to the per-address API limit; everything else is', async () => {
  const deliveries = Array.from({ length: 6 }, () => {
    const id = `evt_${randomUUID().replace(/-/g, '')}`;
    const payload = JSON.stringify({ id, object: 'event', type: 'customer.created', data: { object: {} } });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: t.config.STRIPE_WEBHOOK_SECRET,
    });
    return { id, payload, signature };
  });
  for (const { payload, signature } of deliveries) {
    await request(t.app)
      .post('/api/payments/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signature)
      .send(payload)
      .expect(200);
  }
  expect(
    await ProviderEventModel.countDocuments({ eventId: trusted({ $in: deliveries.map((d) => d.id) }) }),
  ).toBe(6);

  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await request(t.app).get('/api/regions')).status);
  expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
  expect(statuses.slice(3)).toEqual([429, 429]);
});
