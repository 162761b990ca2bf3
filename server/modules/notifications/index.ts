export { notificationRoutes } from './notifications.routes';
export { notify, notifyDinkop, type Notice } from './notifications.service';
export { noticeOutbox } from './notices.outbox';
export {
  createNoticeSenders,
  deliverNotice,
  type DeliveryReport,
  type NoticeSenders,
} from './notice-delivery.service';
