import { requireScope } from '../../context/context.js';
import { UnauthenticatedError } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';

export const authResolvers: Resolvers = {
  Mutation: {
    login: (_, args, ctx) => ctx.deps.auth.login({ ...args, ip: ctx.clientIp }),
    refreshSession: (_, { refreshToken }, ctx) => ctx.deps.auth.refresh(refreshToken),
    logout: async (_, { refreshToken }, ctx) => {
      if (refreshToken) await ctx.deps.auth.logout(refreshToken);
      else if (ctx.viewer) await ctx.deps.auth.revokeSession(requireScope(ctx).viewer);
      else throw ctx.authError ?? new UnauthenticatedError('Sign in, or pass the refresh token of the session to end');
      return true;
    },
  },
};
