import type { z } from 'zod';
import { trusted } from 'mongoose';
import type { TPaymentProvider } from '../../../shared/contracts/payments';
import type { JOBS } from '../../../shared/jobs';
import { isDuplicateKeyError } from '../../platform/db';
import { publishNow, withOutbox } from '../../platform/outbox';
import { ProviderEventModel, type ProviderEventDoc } from './payment.models';
import { PaymentProviderError, type PaymentProvider, type ProviderEvent } from './payment-provider';
import { applyPaymentState, type ApplyOutcome } from './payments.service';
import { applyRefundState } from './order-settlement.service';
import { providerEventOutbox, providerEventReceived } from './payments.outbox';

/** What is done with each kind of event: act on it (queue a job), or only keep it (dedupe, audit). */
function handlingOf(event: ProviderEvent): 'queued' | 'ignored' {
  return event.type === 'ignored' ? 'ignored' : 'queued';
}

/**
 * A verified webhook event, stored under its provider event id with its job in the same insert (the
 * outbox): a second delivery of the same event hits the unique index and does nothing; with Redis away
 * the job waits in the document for the relay. Returns whether it was a duplicate.
 */
export async function recordProviderEvent(
  provider: TPaymentProvider,
  event: ProviderEvent,
  now = new Date(),
): Promise<{ duplicate: boolean }> {
  const handling = handlingOf(event);
  const entries = handling === 'queued' ? [providerEventReceived(provider, event.id, now)] : [];
  let stored;
  try {
    stored = await ProviderEventModel.create({
      provider,
      eventId: event.id,
      type: event.type,
      providerType: event.providerType,
      objectId: event.objectId,
      handling,
      receivedAt: now,
      ...withOutbox(entries),
    });
  } catch (error) {
    if (isDuplicateKeyError(error)) return { duplicate: true };
    throw error;
  }
  // Best effort and quick; the relay is the guarantee (docs/adr/008).
  if (entries.length > 0) await publishNow(providerEventOutbox.source, stored._id, entries, [0]);
  return { duplicate: false };
}

export type ProviderEventOutcome = ApplyOutcome | 'not_found' | 'not_applicable';

/**
 * The `provider-event` job: re-reads the payment the event names from the provider (the event itself
 * may be late, repeated or out of order) and applies what the provider says now. Safe to run again.
 */
export async function processProviderEvent(
  payload: z.output<(typeof JOBS)['payments']['provider-event']>,
  provider: PaymentProvider,
): Promise<{ outcome: ProviderEventOutcome }> {
  if (payload.provider !== provider.name) {
    throw new PaymentProviderError('unexpected', `no adapter for provider "${payload.provider}" here`);
  }
  const event = await ProviderEventModel.findOne({
    provider: payload.provider,
    eventId: payload.eventId,
  }).lean<ProviderEventDoc>();
  if (!event) return { outcome: 'not_found' };
  let outcome: ProviderEventOutcome = 'not_applicable';
  if (event.type.startsWith('payment.') && event.objectId) {
    // Taken before the read: the answer is at least this fresh, and an older read never wins.
    const observedAt = new Date();
    const observed = await provider.retrievePayment(event.objectId);
    if (observed.providerPaymentId !== event.objectId) {
      throw new PaymentProviderError(
        'unexpected',
        `asked for ${event.objectId}, got ${observed.providerPaymentId}`,
      );
    }
    ({ outcome } = await applyPaymentState({
      provider: provider.name,
      observed,
      observedAt,
      eventId: event.eventId,
    }));
  }
  if (event.type === 'refund.updated' && event.objectId) {
    const observed = await provider.retrieveRefund(event.objectId);
    if (observed.providerRefundId !== event.objectId) {
      throw new PaymentProviderError(
        'unexpected',
        `asked for ${event.objectId}, got ${observed.providerRefundId}`,
      );
    }
    outcome = await applyRefundState(observed);
  }
  if (outcome === 'not_recorded_yet') {
    // A plain error: BullMQ retries with backoff, by which time startPayment has recorded the id.
    throw new Error(`payment ${event.objectId} is not recorded yet; retrying`);
  }
  await ProviderEventModel.updateOne({ _id: event._id }, { $set: { processedAt: new Date(), outcome } });
  return { outcome };
}

/** Errors a retry will not cure (the provider refused, or answered with something we cannot use). */
export function isPermanentProviderError(error: unknown): boolean {
  return error instanceof PaymentProviderError && error.kind !== 'unavailable';
}

/**
 * Stripe retries a webhook for up to three days; an event's id must be remembered at least that long to
 * deduplicate it. Kept 30 days for support questions, then dropped once handled (or of no concern).
 */
export const PROVIDER_EVENT_KEEP_DAYS = 30;

export async function purgeOldProviderEvents(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - PROVIDER_EVENT_KEEP_DAYS * 86_400_000);
  const { deletedCount } = await ProviderEventModel.deleteMany({
    receivedAt: trusted({ $lt: before }),
    outboxPending: 0,
    $or: [{ handling: trusted({ $ne: 'queued' }) }, { processedAt: trusted({ $ne: null }) }],
  });
  return deletedCount;
}
