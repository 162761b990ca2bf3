import type { TNotification } from '../../../shared/contracts/notifications';
import type { NotificationDoc } from './notification.model';

export function presentNotification(doc: NotificationDoc, userId: string): TNotification {
  return {
    id: String(doc._id),
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    link: doc.link ?? null,
    read: doc.readBy.some((reader) => String(reader) === userId),
    createdAt: doc.createdAt.toISOString(),
  };
}
