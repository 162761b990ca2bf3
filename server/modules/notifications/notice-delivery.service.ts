import type { Config } from '../../config/env';
import { isDuplicateKeyError } from '../../platform/db';
import { noticeRecipients, type NoticeRecipient } from '../accounts';
import { smtpEmailSender, type EmailSender } from './email-sender';
import { CHANNELS_BY_KIND, type TNoticeChannel } from './notice-channels';
import { NoticeDeliveryModel, type NoticeDeliveryDoc } from './notice-delivery.model';
import { noticeEmail, noticeWhatsApp } from './notice-templates';
import { NotificationModel, type NotificationDoc } from './notification.model';
import { cloudApiWhatsAppSender, type WhatsAppSender } from './whatsapp-sender';

/** How notices leave this deployment; a channel that is not configured is simply not used. */
export interface NoticeSenders {
  email: EmailSender | null;
  whatsapp: WhatsAppSender | null;
  /** Links in messages are made absolute from it. */
  publicUrl: string;
}

export function createNoticeSenders(config: Config): NoticeSenders {
  return {
    email: smtpEmailSender(config),
    whatsapp: cloudApiWhatsAppSender(config),
    publicUrl: config.PUBLIC_URL,
  };
}

export interface DeliveryReport {
  sent: number;
  /** Sent by an earlier attempt of this job (or claimed this instant by another). */
  alreadySent: number;
}

/**
 * The "notice created" job: sends the notice by each channel its kind uses (CHANNELS_BY_KIND) to each
 * member it addresses who has that channel on and an address for it. Each (person, channel) is claimed
 * before sending and marked after, so a retried job sends only what is not marked sent. One person's
 * failure does not stop the others; the job fails at the end and BullMQ retries it with backoff.
 */
export async function deliverNotice(
  ref: { organisationId: string; notificationId: string },
  senders: NoticeSenders,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, alreadySent: 0 };
  const notice = await NotificationModel.findOne({
    _id: ref.notificationId,
    organisationId: ref.organisationId,
  }).lean<NotificationDoc>();
  if (!notice) return report;
  const channels = CHANNELS_BY_KIND[notice.kind].filter((channel) => senders[channel] !== null);
  if (channels.length === 0) return report;

  const failures: string[] = [];
  for (const person of await noticeRecipients(ref.organisationId, notice.roles)) {
    for (const channel of channels) {
      const address = channel === 'email' ? person.email : person.phone;
      if (!person.channels[channel] || !address) continue;
      try {
        const outcome = await deliverOnce(notice, person, channel, address, senders);
        report[outcome === 'sent' ? 'sent' : 'alreadySent'] += 1;
      } catch (error) {
        failures.push(`${channel} to user ${person.userId}: ${(error as Error).message}`);
      }
    }
  }
  if (failures.length > 0) throw new Error(`notice not delivered to all: ${failures.join('; ')}`);
  return report;
}

/**
 * The same for every attempt, so a copy sent again after a crash can be recognised downstream: mail
 * clients collapse duplicates by Message-ID, and the WhatsApp reference comes back in status webhooks.
 */
function messageRef(notice: NotificationDoc, userId: string, channel: TNoticeChannel, publicUrl: string) {
  const ref = `notice.${String(notice._id)}.${userId}`;
  return channel === 'email' ? `<${ref}@${new URL(publicUrl).hostname}>` : ref;
}

async function deliverOnce(
  notice: NotificationDoc,
  person: NoticeRecipient,
  channel: TNoticeChannel,
  address: string,
  senders: NoticeSenders,
): Promise<'sent' | 'already-sent'> {
  const ref = messageRef(notice, person.userId, channel, senders.publicUrl);
  const claim = await claimDelivery(notice, person.userId, channel, address, ref);
  if (!claim) return 'already-sent';
  const mine = {
    _id: claim._id,
    organisationId: claim.organisationId,
    attempts: claim.attempts,
    state: 'sending' as const,
  };
  try {
    const providerMessageId =
      channel === 'email'
        ? await senders.email!.send({
            to: { name: person.name, address },
            messageId: ref,
            ...noticeEmail(notice, person.name, senders.publicUrl),
          })
        : await senders.whatsapp!.send({
            to: address,
            reference: ref,
            parameters: noticeWhatsApp(notice, senders.publicUrl),
          });
    await NoticeDeliveryModel.updateOne(mine, {
      $set: { state: 'sent', sentAt: new Date(), providerMessageId, lastError: null },
    });
    return 'sent';
  } catch (error) {
    await NoticeDeliveryModel.updateOne(mine, {
      $set: { state: 'failed', lastError: String((error as Error).message).slice(0, 500) },
    });
    throw error;
  }
}

/**
 * Makes this attempt the one that sends, or answers null when there is nothing to send. A record left
 * `sending` belongs to an attempt that died between claiming and marking (it may or may not have handed
 * the message over; only the provider knows), one left `failed` was refused: both are sent again. The
 * takeover is guarded by the attempt count read, so of two attempts racing for it only one wins.
 */
async function claimDelivery(
  notice: NotificationDoc,
  userId: string,
  channel: TNoticeChannel,
  address: string,
  ref: string,
): Promise<NoticeDeliveryDoc | null> {
  const key = { organisationId: notice.organisationId, notificationId: notice._id, userId, channel };
  const existing = await NoticeDeliveryModel.findOne(key).lean<NoticeDeliveryDoc>();
  if (!existing) {
    try {
      const claim = await NoticeDeliveryModel.create({
        ...key,
        address,
        messageRef: ref,
        state: 'sending',
        attempts: 1,
        claimedAt: new Date(),
      });
      return claim.toObject();
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }
  if (existing.state === 'sent') return null;
  return NoticeDeliveryModel.findOneAndUpdate(
    {
      _id: existing._id,
      organisationId: existing.organisationId,
      attempts: existing.attempts,
      state: existing.state,
    },
    { $set: { state: 'sending', address, claimedAt: new Date() }, $inc: { attempts: 1 } },
    { returnDocument: 'after' },
  ).lean<NoticeDeliveryDoc>();
}
