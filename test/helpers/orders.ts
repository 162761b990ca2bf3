import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { Types } from 'mongoose';
import request from 'supertest';
import type { TRole } from '../../shared/contracts/organisations';
import type { TProductContent } from '../../shared/contracts/products';
import { todayInWib } from '../../shared/time';
import { SESSION_COOKIE } from '../../server/modules/accounts';
import { createSession } from '../../server/modules/accounts/sessions.service';
import { CreditLineModel } from '../../server/modules/credit/credit-line.model';
import { NotificationModel } from '../../server/modules/notifications/notification.model';
import { createUser } from '../factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../fixtures';

/** A signed-in member: its session cookie works on any API node, `agent` is on the in-process app. */
export interface Member {
  organisationId: string;
  cookie: string;
  agent: request.Agent;
}

/** The same member on another API process (a base URL). */
export function agentAt(url: string, member: Member): request.Agent {
  return request.agent(url).set('Cookie', member.cookie);
}

/** A product sold from stock with no tiers and no lead time beyond a day: the simplest thing to order. */
export const STOCKED = {
  supply: { mode: 'stock', stockOnHand: 1_000 },
  minimumOrder: 1,
  orderIncrement: 1,
  priceTiers: [],
  leadTimeDays: 1,
} satisfies Partial<TProductContent>;

/** A calendar date (WIB) this many days from today, as orders name delivery dates. */
export function inDays(days: number): string {
  return new Date(Date.parse(`${todayInWib()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A fresh Idempotency-Key, as the checkout page makes one per attempt. */
export const idempotencyKey = () => `test-${randomUUID()}`;

export function placeOrder(agent: request.Agent, body: object, key = idempotencyKey()) {
  return agent.post('/api/orders').set('Idempotency-Key', key).send(body);
}

/**
 * A market on one app: verified sellers with complete food legality, their products approved by a
 * curator (so on sale), and verified buyers.
 */
export async function orderingMarket(app: Express) {
  async function member(options: Parameters<typeof createUser>[0]): Promise<Member> {
    const { user, organisation } = await createUser(options);
    const cookie = `${SESSION_COOKIE}=${(await createSession(user, 24, 'jest')).token}`;
    return {
      organisationId: String(organisation._id),
      cookie,
      agent: request.agent(app).set('Cookie', cookie),
    };
  }
  const curator = await member({ kind: 'dinkop', roles: ['curator'] });
  return {
    async seller(): Promise<Member> {
      const owner = await member({ kind: 'umkm', roles: ['owner'], status: 'verified' });
      for (const doc of Object.values(VALID_FOOD_LEGALITY))
        await owner.agent.post('/api/legality/documents').send(doc).expect(201);
      return owner;
    },
    /** A product of this seller, on sale; returns its id. */
    async product(owner: Member, content: Partial<TProductContent> = STOCKED): Promise<string> {
      const { id } = (
        await owner.agent
          .post('/api/catalog/my-products')
          .send({ ...KERIPIK_TEMPE, ...content })
          .expect(201)
      ).body;
      await owner.agent.post(`/api/catalog/my-products/${id}/submit`).expect(200);
      await curator.agent.post(`/api/curation/products/${id}/start-review`).expect(200);
      await curator.agent.post(`/api/curation/products/${id}/approve`).send({}).expect(200);
      return id;
    },
    /**
     * A verified koperasi; by default with a 30-day credit line of Rp 1 billion, so its orders go on terms
     * and reach their sellers at once (`onTerms: false` for one that must pay online).
     */
    async buyer(roles: TRole[] = ['purchaser'], { onTerms = true } = {}): Promise<Member> {
      const buyer = await member({ kind: 'buyer', roles, status: 'verified' });
      if (onTerms) await giveCreditLine(buyer.organisationId);
      return buyer;
    },
  };
}

/** A credit line as a Dinkop admin would set it (30 days, Rp 1 billion by default), written directly. */
export async function giveCreditLine(organisationId: string, limitRupiah = 1_000_000_000): Promise<void> {
  await CreditLineModel.create({
    organisationId,
    organisationName: 'Koperasi uji',
    termDays: 30,
    limitRupiah,
    outstandingRupiah: 0,
    availableRupiah: limitRupiah,
    active: true,
    holds: [],
    updatedByUserId: new Types.ObjectId(),
    updatedByName: 'Admin Dinkop uji',
  });
}

/** An organisation's notices whose title starts so: "exactly once" is counted by what people read. */
export async function noticesTitled(organisationId: string, start: string): Promise<number> {
  const notices = await NotificationModel.find({ organisationId }).lean();
  return notices.filter((notice) => notice.title.startsWith(start)).length;
}
