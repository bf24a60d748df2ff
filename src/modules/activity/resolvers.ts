import { requireScope } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { listActivity } from './service.js';

export const activityResolvers: Resolvers = {
  Query: {
    activity: (_, args, ctx) => listActivity(requireScope(ctx), args),
  },
  ActivityEvent: {
    // System events have no actor.
    actor: (event, _, ctx) => (event.actorId ? requireScope(ctx).loaders.users.byId.load(event.actorId) : null),
  },
};
