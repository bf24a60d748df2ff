import { requireScope, type Context } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { skipDelivery } from '../../pubsub/subscriptions.js';
import { encodeCursor } from '../common/pagination.js';
import { subscribeToActivity, type ActivityRecorded } from './live.js';
import { findLiveActivityEvent, listActivity } from './service.js';

export const activityResolvers: Resolvers = {
  Query: {
    activity: (_, args, ctx) => listActivity(requireScope(ctx), args),
  },
  Subscription: {
    activityRecorded: {
      subscribe: (_, { after }, ctx) => subscribeToActivity(ctx, after),
      resolve: async (event: ActivityRecorded, _: unknown, ctx: Context) =>
        event.row ?? (await findLiveActivityEvent(requireScope(ctx), event.activityEventId)) ?? skipDelivery(),
    },
  },
  ActivityEvent: {
    cursor: (event) => encodeCursor(event),
    // System events have no actor.
    actor: (event, _, ctx) => (event.actorId ? requireScope(ctx).loaders.users.byId.load(event.actorId) : null),
  },
};
