import { requireScope } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './service.js';

export const notificationResolvers: Resolvers = {
  Query: {
    notifications: (_, args, ctx) => listNotifications(requireScope(ctx), args),
  },
  Mutation: {
    markNotificationRead: (_, { id }, ctx) => markNotificationRead(requireScope(ctx), id),
    markAllNotificationsRead: (_, __, ctx) => markAllNotificationsRead(requireScope(ctx)),
  },
};
