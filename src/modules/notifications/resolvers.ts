import type { Resolvers } from '../../generated/graphql.js';

// TODO(helper): replace with the module's resolvers.
export const notificationResolvers: Resolvers = {};
