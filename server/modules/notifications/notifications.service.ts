import { randomUUID } from 'node:crypto';
import { trusted, Types } from 'mongoose';
import type { z } from 'zod';
import {
  NOTIFICATION_CREATED_EVENT,
  type TNotificationKind,
  type ZListNotificationsQuery,
} from '../../../shared/contracts/notifications';
import type { TRole } from '../../../shared/contracts/organisations';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { publishNow, withOutbox } from '../../platform/outbox';
import { afterCursor, toPage } from '../../platform/pagination';
import { publishLive, rooms } from '../../platform/realtime';
import { dinkopOrganisationIds } from '../accounts';
import { NotificationModel, type NotificationDoc } from './notification.model';
import { noticeOutbox } from './notices.outbox';

export interface Notice {
  kind: TNotificationKind;
  title: string;
  body: string;
  link?: string | null;
  /** Members holding any of these roles; empty or absent: every member. */
  roles?: readonly TRole[];
  /** The same key is sent once per organisation; give one whenever a retry could repeat the send. */
  dedupeKey?: string;
}

/**
 * Stores the notice with its "notice created" event in the same insert (the relay then queues the
 * e-mail/WhatsApp delivery, see adr/008), and tells the organisation's open sockets that something
 * arrived. Returns false when the dedupe key was already used (nothing new was sent).
 */
export async function notify(organisationId: string, notice: Notice): Promise<boolean> {
  const notificationId = new Types.ObjectId();
  const created = noticeOutbox.event('notice.created', {
    version: 1,
    notificationId: String(notificationId),
    organisationId,
  });
  try {
    await NotificationModel.create({
      _id: notificationId,
      organisationId,
      roles: [...(notice.roles ?? [])],
      kind: notice.kind,
      title: notice.title,
      body: notice.body,
      link: notice.link ?? null,
      dedupeKey: notice.dedupeKey ?? randomUUID(),
      ...withOutbox([created]),
    });
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
  await publishNow(noticeOutbox.source, notificationId, [created], [0]);
  publishLive([rooms.organisation(organisationId)], NOTIFICATION_CREATED_EVENT, {
    id: String(notificationId),
  });
  return true;
}

/** Dinkop's curators and admins hear about the catalog (a product waiting, one taken off sale). */
export async function notifyDinkop(notice: Notice): Promise<void> {
  for (const organisationId of await dinkopOrganisationIds()) await notify(organisationId, notice);
}

/** What this member may see: notices for everyone in the organisation, or for a role they hold. */
function visibleTo(actor: Actor): Record<string, unknown> {
  return {
    organisationId: actor.organisationId,
    $or: [{ roles: trusted({ $size: 0 }) }, { roles: trusted({ $in: actor.roles }) }],
  };
}

export async function listNotifications(actor: Actor, query: z.output<typeof ZListNotificationsQuery>) {
  const filter: Record<string, unknown> = visibleTo(actor);
  const and: Record<string, unknown>[] = [];
  if (query.unreadOnly) filter.readBy = trusted({ $ne: actor.userId });
  if (query.cursor) and.push(afterCursor('createdAt', query.cursor, -1));
  if (and.length > 0) filter.$and = and;
  const rows = await NotificationModel.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<NotificationDoc[]>();
  return toPage(rows, query.limit, (row) => row.createdAt);
}

export async function countUnread(actor: Actor): Promise<number> {
  return NotificationModel.countDocuments({ ...visibleTo(actor), readBy: trusted({ $ne: actor.userId }) });
}

export async function markRead(actor: Actor, notificationId: string): Promise<NotificationDoc> {
  const updated = await NotificationModel.findOneAndUpdate(
    { _id: notificationId, ...visibleTo(actor) },
    { $addToSet: { readBy: actor.userId } },
    { returnDocument: 'after' },
  ).lean<NotificationDoc>();
  if (!updated) throw new AppError('NOT_FOUND', 'Pemberitahuan tidak ditemukan.');
  return updated;
}

export async function markAllRead(actor: Actor): Promise<void> {
  await NotificationModel.updateMany(
    { ...visibleTo(actor), readBy: trusted({ $ne: actor.userId }) },
    { $addToSet: { readBy: actor.userId } },
  );
}
