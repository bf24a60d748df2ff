import type { AuthResult } from '../../auth/auth-service.js';
import { requireScope, type Context } from '../../context/context.js';
import { openTenantScope } from '../../context/scope.js';
import { UnauthenticatedError } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';

/** The payload's `user` (and its relations) resolve in the scope of the session just opened. */
function signedIn(ctx: Context, result: AuthResult): AuthResult {
  const { user, sessionId } = result;
  ctx.signIn.scope = openTenantScope(ctx.deps, { userId: user.id, tenantId: user.tenantId, role: user.role, sessionId });
  return result;
}

export const authResolvers: Resolvers = {
  Mutation: {
    login: async (_, args, ctx) => signedIn(ctx, await ctx.deps.auth.login({ ...args, ip: ctx.clientIp })),
    refreshSession: async (_, { refreshToken }, ctx) => signedIn(ctx, await ctx.deps.auth.refresh(refreshToken, ctx.clientIp)),
    logout: async (_, { refreshToken }, ctx) => {
      if (refreshToken) await ctx.deps.auth.logout(refreshToken, ctx.clientIp);
      else if (ctx.viewer) await ctx.deps.auth.revokeSession(requireScope(ctx).viewer);
      else throw ctx.authError ?? new UnauthenticatedError('Sign in, or pass the refresh token of the session to end');
      return true;
    },
  },
};
