import { requireScope } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { getTenant, updateTenant } from './service.js';

export const tenantResolvers: Resolvers = {
  Query: {
    tenant: (_, __, ctx) => getTenant(requireScope(ctx)),
  },
  Mutation: {
    updateTenant: (_, { input }, ctx) => updateTenant(requireScope(ctx), input),
  },
};
