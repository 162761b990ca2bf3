import type { z } from 'zod';
import type { JOBS } from '../../../shared/jobs';
import { RELEASING_MOVES, type TSellerOrderStatus } from '../../../shared/states/order';
import type { JobQueues } from '../../platform/jobs';
import { releaseCredit } from '../credit';
import { creditInvoice, invoiceForJob } from '../invoices';
import { recordSellerOrderPaid, recordSellerOrderRefund, type LedgerSettings } from '../ledger';
import { notify } from '../notifications';
import {
  buyerOrderForBilling,
  confirmOrderPayment,
  expireOrderPayment,
  sellerOrderForBilling,
  sellerOrdersOf,
} from '../orders';
import { closeUnpaidPayment, refundSellerOrder, type PaymentProvider } from '../payments';

type OrdersJob<N extends keyof (typeof JOBS)['orders']> = z.output<(typeof JOBS)['orders'][N]>;

/**
 * The money steps that follow order, payment and invoice events. They live here, not in the orders or
 * payments module, so that neither has to know the other's insides: orders move parts, payments talk to
 * the provider, credit holds the terms, invoices and the ledger record — this module decides when.
 * Every step is idempotent (each callee is), because every event arrives at least once.
 */
export interface BillingDeps {
  provider: PaymentProvider;
  jobs: JobQueues;
  ledger: LedgerSettings;
}

const OFF: readonly TSellerOrderStatus[] = ['rejected', 'cancelled'];

interface SellerOrderMoney {
  _id: unknown;
  organisationId: unknown;
  number: string;
  totals?: { subtotal?: number | null; ppn?: number | null; total?: number | null } | null;
}

function paidEntry(order: SellerOrderMoney, at: Date) {
  return {
    sellerOrganisationId: String(order.organisationId),
    sellerOrderId: String(order._id),
    sellerOrderNumber: order.number,
    subtotalRupiah: order.totals?.subtotal ?? 0,
    ppnRupiah: order.totals?.ppn ?? 0,
    occurredAt: at,
  };
}

/** Money received for a part that will not be delivered goes back, and the seller's ledger says so. */
async function refundPart(
  buyerOrderId: string,
  buyerOrganisationId: string,
  part: SellerOrderMoney,
  deps: BillingDeps,
  now: Date,
): Promise<void> {
  const outcome = await refundSellerOrder(
    {
      buyerOrderId,
      buyerOrganisationId,
      sellerOrderId: String(part._id),
      amountRupiah: part.totals?.total ?? 0,
    },
    deps.provider,
    now,
  );
  if (outcome === 'failed')
    throw new Error(`refund of seller order ${String(part._id)} failed at the provider`);
  if (outcome === 'not_paid') return;
  await recordSellerOrderRefund({
    sellerOrganisationId: String(part.organisationId),
    sellerOrderId: String(part._id),
    sellerOrderNumber: part.number,
    occurredAt: now,
  });
}

/**
 * A payment changed status. Succeeded: the order is paid and its sellers asked, each live part is owed
 * to its seller, a part cancelled meanwhile is refunded; if the payment window had closed first, all of
 * it goes back. Failed or canceled: nothing — the order waits until its window closes.
 */
export async function onPaymentEvent(
  event: OrdersJob<'payment-event'>,
  deps: BillingDeps,
  now = new Date(),
): Promise<void> {
  if (event.status !== 'succeeded') return;
  const outcome = await confirmOrderPayment(event.buyerOrderId, event.buyerOrganisationId, now);
  if (outcome === 'unknown') return;
  const order = (await buyerOrderForBilling(event.buyerOrderId, event.buyerOrganisationId))!;
  const paidAt = order.payment.paidAt ?? now;
  for (const part of await sellerOrdersOf(event.buyerOrderId, event.buyerOrganisationId)) {
    // Recorded as paid even when it goes straight back: the ledger shows the money in and out.
    await recordSellerOrderPaid(paidEntry(part, paidAt), deps.ledger);
    if (outcome === 'expired' || OFF.includes(part.status)) {
      await refundPart(event.buyerOrderId, event.buyerOrganisationId, part, deps, now);
    }
  }
  if (outcome === 'expired') {
    await notify(event.buyerOrganisationId, {
      kind: 'order.changed',
      title: `Pembayaran pesanan ${order.number} dikembalikan`,
      body: 'Pembayaran diterima setelah batas waktunya lewat dan pesanan sudah dibatalkan; dananya dikembalikan.',
      link: `/pesanan/${event.buyerOrderId}`,
      dedupeKey: `payment-late-refund:${event.buyerOrderId}`,
    });
  }
}

/** The end of an online order's payment window: cancel what is still unpaid, unless it just got paid. */
export async function expireUnpaidOrder(
  job: OrdersJob<'expire-payment'>,
  deps: BillingDeps,
  now = new Date(),
): Promise<void> {
  const order = await buyerOrderForBilling(job.buyerOrderId, job.buyerOrganisationId);
  if (!order || order.payment.method !== 'online' || order.payment.status !== 'awaiting') return;
  const deadline = order.payment.deadlineAt?.getTime() ?? now.getTime();
  if (deadline > now.getTime()) {
    // Ran early (clocks differ between machines): wait for the rest of the window.
    await deps.jobs.enqueue('orders', 'expire-payment', job, {
      jobId: `payment-expiry-${job.buyerOrderId}-again-${deadline}`,
      delayMs: deadline - now.getTime(),
    });
    return;
  }
  if (
    (await closeUnpaidPayment(job.buyerOrderId, job.buyerOrganisationId, deps.provider, now)) === 'succeeded'
  ) {
    return; // its payment.succeeded event confirms the order
  }
  if ((await expireOrderPayment(job.buyerOrderId, job.buyerOrganisationId, now)) !== 'expired') return;
  await notify(job.buyerOrganisationId, {
    kind: 'order.changed',
    title: `Pesanan ${order.number} dibatalkan: belum dibayar`,
    body: 'Batas waktu pembayaran sudah lewat, jadi stok yang dipesan dilepas. Silakan pesan lagi bila masih perlu.',
    link: `/pesanan/${job.buyerOrderId}`,
    dedupeKey: `payment-expired:${job.buyerOrderId}`,
  });
}

/**
 * A seller order was placed or moved. Placed awaiting payment: its window's end is scheduled (one job per
 * buyer order). Accepted: its invoice is issued. Rejected or cancelled: on terms, its credit goes back and
 * an issued invoice is credited; paid online, its money is refunded.
 */
export async function onOrderEvent(
  event: OrdersJob<'order-event'>,
  deps: BillingDeps,
  now = new Date(),
): Promise<void> {
  const part = await sellerOrderForBilling(event.sellerOrderId, event.sellerOrganisationId);
  if (!part) return;
  const buyerOrderId = String(part.buyerOrderId);
  const buyerOrganisationId = String(part.buyerOrganisationId);
  if (event.status === 'awaiting_payment' && event.move === null) {
    const order = await buyerOrderForBilling(buyerOrderId, buyerOrganisationId);
    const deadline = order?.payment.deadlineAt?.getTime();
    if (deadline === undefined) return;
    await deps.jobs.enqueue(
      'orders',
      'expire-payment',
      { version: 1, buyerOrderId, buyerOrganisationId },
      { jobId: `payment-expiry-${buyerOrderId}`, delayMs: Math.max(0, deadline - now.getTime()) },
    );
    return;
  }
  if (event.status === 'accepted') {
    await deps.jobs.enqueue(
      'invoices',
      'issue-invoice',
      { version: 1, sellerOrderId: event.sellerOrderId, sellerOrganisationId: event.sellerOrganisationId },
      { jobId: `issue-invoice-${event.sellerOrderId}` },
    );
    return;
  }
  if (!event.move || !RELEASING_MOVES.includes(event.move) || event.move === 'expirePayment') return;
  if (part.paymentMethod === 'tempo') {
    await releaseCredit(buyerOrganisationId, event.sellerOrderId);
    const reason = part.history.at(-1)?.reason ?? 'Pesanan dibatalkan';
    await creditInvoice(event.sellerOrderId, reason, part.history.at(-1)?.byName ?? 'Pasar UMKM', now);
    // Already paid on its invoice: the seller no longer earns it (the buyer is repaid by transfer).
    await recordSellerOrderRefund({
      sellerOrganisationId: event.sellerOrganisationId,
      sellerOrderId: event.sellerOrderId,
      sellerOrderNumber: part.number,
      occurredAt: now,
    });
    return;
  }
  const order = await buyerOrderForBilling(buyerOrderId, buyerOrganisationId);
  if (order?.payment.status === 'paid') await refundPart(buyerOrderId, buyerOrganisationId, part, deps, now);
}

/** A tempo invoice was paid: its credit goes back to the buyer's line and the seller is owed the money. */
export async function onInvoiceEvent(
  event: { invoiceId: string; sellerOrganisationId: string; type: string },
  deps: Pick<BillingDeps, 'ledger'>,
): Promise<void> {
  if (event.type !== 'paid') return;
  const invoice = await invoiceForJob(event.invoiceId, event.sellerOrganisationId);
  if (!invoice?.paidAt) return;
  const part = await sellerOrderForBilling(String(invoice.sellerOrderId), event.sellerOrganisationId);
  if (!part) return;
  await releaseCredit(String(part.buyerOrganisationId), String(part._id));
  await recordSellerOrderPaid(paidEntry(part, invoice.paidAt), deps.ledger);
}
