import type { z } from 'zod';
import type { JOBS } from '../../../shared/jobs';
import type { JobQueues } from '../../platform/jobs';
import { notify, notifyDinkop } from '../notifications';
import { SellerOrderModel, type SellerOrderDoc } from './order.models';
import { announceMove } from './order-notices';

type Payload<N extends keyof (typeof JOBS)['orders']> = z.output<(typeof JOBS)['orders'][N]>;

export interface OrderTiming {
  /** Hours a placed order may wait for the seller's answer before a reminder, and before Dinkop hears. */
  reminderHours: number;
  escalationHours: number;
}

const HOUR_MS = 60 * 60 * 1000;

async function sellerOrder(id: string, organisationId: string): Promise<SellerOrderDoc | null> {
  return SellerOrderModel.findOne({ _id: id, organisationId }).lean<SellerOrderDoc>();
}

/**
 * An order event from the outbox: the other side is told (notices are keyed by order version, so a
 * redelivered event tells no one twice), and the follow-ups the new status needs are scheduled as
 * delayed jobs with fixed ids (scheduling twice is one job).
 */
export async function handleOrderEvent(
  event: Payload<'order-event'>,
  jobs: JobQueues,
  timing: OrderTiming,
  now = new Date(),
): Promise<void> {
  const order = await sellerOrder(event.sellerOrderId, event.sellerOrganisationId);
  if (!order) return;
  const atVersion = { ...order, version: event.orderVersion, status: event.status };
  await announceMove(atVersion, event.move ?? 'placed');
  const ids = {
    version: 1 as const,
    sellerOrderId: event.sellerOrderId,
    sellerOrganisationId: event.sellerOrganisationId,
  };
  if (event.status === 'placed') {
    await jobs.enqueue(
      'orders',
      'order-unanswered',
      { ...ids, stage: 'reminder' },
      {
        jobId: `unanswered-reminder-${event.sellerOrderId}`,
        delayMs: timing.reminderHours * HOUR_MS,
      },
    );
    await jobs.enqueue(
      'orders',
      'order-unanswered',
      { ...ids, stage: 'escalation' },
      {
        jobId: `unanswered-escalation-${event.sellerOrderId}`,
        delayMs: timing.escalationHours * HOUR_MS,
      },
    );
  }
  if (event.status === 'accepted') {
    // The morning of the requested delivery date, Jakarta time.
    const due = new Date(`${order.requestedDeliveryDate}T09:00:00+07:00`).getTime();
    await jobs.enqueue('orders', 'order-not-shipped', ids, {
      jobId: `not-shipped-${event.sellerOrderId}`,
      delayMs: Math.max(0, due - now.getTime()),
    });
  }
}

/** Still unanswered when the delay ran out: remind the seller, later tell Dinkop. Answered: nothing. */
export async function remindUnanswered(job: Payload<'order-unanswered'>): Promise<boolean> {
  const order = await sellerOrder(job.sellerOrderId, job.sellerOrganisationId);
  if (!order || order.status !== 'placed') return false;
  const dedupeKey = `unanswered:${job.sellerOrderId}:${job.stage}`;
  if (job.stage === 'reminder') {
    return notify(job.sellerOrganisationId, {
      kind: 'order.changed',
      title: `Pesanan ${order.number} menunggu jawaban Anda`,
      body: `${order.buyer?.name ?? 'Pembeli'} menunggu. Terima atau tolak pesanan ini hari ini.`,
      link: `/usaha/pesanan/${job.sellerOrderId}`,
      roles: ['owner', 'staff'],
      dedupeKey,
    });
  }
  await notifyDinkop({
    kind: 'order.changed',
    title: `Pesanan ${order.number} belum dijawab ${order.seller?.name ?? 'UMKM'}`,
    body: `Dipesan ${order.buyer?.name ?? 'pembeli'}; belum diterima atau ditolak. Hubungi UMKM ini.`,
    link: null,
    roles: ['admin'],
    dedupeKey,
  });
  return true;
}

/** The promised date came and the goods have not left: remind the seller. */
export async function remindNotShipped(job: Payload<'order-not-shipped'>): Promise<boolean> {
  const order = await sellerOrder(job.sellerOrderId, job.sellerOrganisationId);
  if (!order || !['accepted', 'in_production', 'ready_to_ship'].includes(order.status)) return false;
  return notify(job.sellerOrganisationId, {
    kind: 'order.changed',
    title: `Pesanan ${order.number} belum dikirim`,
    body: `Tanggal kirim yang diminta ${order.buyer?.name ?? 'pembeli'} adalah hari ini (${order.requestedDeliveryDate}).`,
    link: `/usaha/pesanan/${job.sellerOrderId}`,
    roles: ['owner', 'staff'],
    dedupeKey: `not-shipped:${job.sellerOrderId}`,
  });
}
