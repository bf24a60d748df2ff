import { requireScope, type Context } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { mapStream, SKIP } from '../../pubsub/streams.js';
import { skipDelivery, subscribeToTenant } from '../../pubsub/subscriptions.js';
import type { TopicPayloads } from '../../pubsub/topics.js';
import { findOwnNotification, listNotifications, markAllNotificationsRead, markNotificationRead } from './service.js';

export const notificationResolvers: Resolvers = {
  Query: {
    notifications: (_, args, ctx) => listNotifications(requireScope(ctx), args),
  },
  Mutation: {
    markNotificationRead: (_, { id }, ctx) => markNotificationRead(requireScope(ctx), id),
    markAllNotificationsRead: (_, __, ctx) => markAllNotificationsRead(requireScope(ctx)),
  },
  Subscription: {
    notificationReceived: {
      // Topics are per tenant: other users' notifications are dropped here, before any work is done.
      subscribe: async (_, __, ctx) => {
        const userId = ctx.viewer!.userId; // subscribeToTenant refuses a connection without a viewer
        return mapStream(await subscribeToTenant(ctx, 'NOTIFICATION_CREATED'), (e) => (e.userId === userId ? e : SKIP));
      },
      // And loaded as the viewer's own only, so even a stray event could never show another user's.
      resolve: async (event: TopicPayloads['NOTIFICATION_CREATED'], _: unknown, ctx: Context) =>
        (await findOwnNotification(requireScope(ctx), event.notificationId)) ?? skipDelivery(),
    },
  },
};
