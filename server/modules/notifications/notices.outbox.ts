import { defineOutbox, toJob } from '../../platform/outbox';
import { NotificationModel } from './notification.model';

/** Notices carry one event, written with the notice: the relay queues its e-mail/WhatsApp delivery. */
export const noticeOutbox = defineOutbox('notifications', NotificationModel, {
  'notice.created': toJob('notices', 'deliver-notice'),
});
