import {
  ZListNotificationsQuery,
  ZNotification,
  ZNotificationParams,
  ZNotificationsPage,
  ZUnreadNotifications,
} from '../../../shared/contracts/notifications';
import { defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { presentNotification } from './notifications.presenter';
import * as notifications from './notifications.service';

/** Every signed-in member reads the notices of their own organisation (those addressed to their roles). */
const members = signedIn();

export function notificationRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      summary: 'My notices, newest first',
      tag: 'notifications',
      access: members,
      query: ZListNotificationsQuery,
      response: ZNotificationsPage,
      handler: async ({ actor, query }) => {
        const page = await notifications.listNotifications(actor, query);
        return {
          items: page.items.map((doc) => presentNotification(doc, actor.userId)),
          nextCursor: page.nextCursor,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/notifications/unread-count',
      summary: 'How many of my notices are unread (the bell)',
      tag: 'notifications',
      access: members,
      response: ZUnreadNotifications,
      handler: async ({ actor }) => ({ unread: await notifications.countUnread(actor) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:notificationId/read',
      summary: 'Mark one notice read',
      tag: 'notifications',
      access: members,
      params: ZNotificationParams,
      response: ZNotification,
      handler: async ({ actor, params }) =>
        presentNotification(await notifications.markRead(actor, params.notificationId), actor.userId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/read-all',
      summary: 'Mark all my notices read',
      tag: 'notifications',
      access: members,
      response: null,
      handler: async ({ actor }) => notifications.markAllRead(actor),
    }),
  ];
}
