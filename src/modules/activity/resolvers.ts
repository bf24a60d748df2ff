import { requireScope, type Context } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { skipDelivery, subscribeToTenant } from '../../pubsub/subscriptions.js';
import type { TopicPayloads } from '../../pubsub/topics.js';
import { findActivityEvent, listActivity } from './service.js';

export const activityResolvers: Resolvers = {
  Query: {
    activity: (_, args, ctx) => listActivity(requireScope(ctx), args),
  },
  Subscription: {
    activityRecorded: {
      subscribe: (_, __, ctx) => subscribeToTenant(ctx, 'ACTIVITY_RECORDED'),
      resolve: async (event: TopicPayloads['ACTIVITY_RECORDED'], _: unknown, ctx: Context) =>
        (await findActivityEvent(requireScope(ctx), event.activityEventId)) ?? skipDelivery(),
    },
  },
  ActivityEvent: {
    // System events have no actor.
    actor: (event, _, ctx) => (event.actorId ? requireScope(ctx).loaders.users.byId.load(event.actorId) : null),
  },
};
