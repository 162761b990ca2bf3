import type { TNotificationKind } from '../../../shared/contracts/notifications';

/** Ways a notice leaves the app; every notice is also stored and shown in-app. */
export const NOTICE_CHANNELS = ['email', 'whatsapp'] as const;
export type TNoticeChannel = (typeof NOTICE_CHANNELS)[number];

/**
 * Which notices also go out by e-mail and WhatsApp: the one table. WhatsApp is for what costs a seller
 * sales if missed (a document about to lapse, a product taken off sale); decisions on a product come by
 * e-mail; a product waiting for review stays in-app, in the curators' queue.
 */
export const CHANNELS_BY_KIND: Record<TNotificationKind, readonly TNoticeChannel[]> = {
  'legality.expiring': ['email', 'whatsapp'],
  'product.unlisted': ['email', 'whatsapp'],
  'product.relisted': ['email'],
  'product.approved': ['email'],
  'product.changes_requested': ['email'],
  'product.rejected': ['email'],
  'product.needs_legality': ['email'],
  'product.submitted': [],
  // Fulfilment: a seller learns of a new order, a buyer of acceptance, shipping, delivery.
  'order.changed': ['email', 'whatsapp'],
};
