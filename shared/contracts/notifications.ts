import { z } from 'zod';
import { ZIsoDateTime, ZObjectId, ZPage } from './common';

/** What a notice is about; the client picks an icon by it, and workers pick e-mail/WhatsApp templates. */
export const NOTIFICATION_KINDS = [
  'product.submitted',
  'product.approved',
  'product.changes_requested',
  'product.rejected',
  'product.needs_legality',
  'product.unlisted',
  'product.relisted',
  'legality.expiring',
  'order.changed',
] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const ZNotification = z.strictObject({
  id: ZObjectId,
  kind: ZNotificationKind,
  title: z.string(),
  body: z.string(),
  /** A path inside the web app (`/produk/…`), or null. */
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: ZIsoDateTime,
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const ZNotificationsPage = ZPage(ZNotification);
export const ZUnreadNotifications = z.strictObject({ unread: z.number().int().min(0) });
export const ZNotificationParams = z.strictObject({ notificationId: ZObjectId });

/** The live event: only the id, so members whose roles do not cover the notice learn nothing from it. */
export const NOTIFICATION_CREATED_EVENT = 'notification.created';
export const ZNotificationCreatedEvent = z.strictObject({ id: ZObjectId });
