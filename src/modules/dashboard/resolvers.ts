import { requireScope, type Context } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { coalesce, mapStream } from '../../pubsub/streams.js';
import { subscribeToTenant } from '../../pubsub/subscriptions.js';
import * as dashboard from './service.js';

/** Live dashboards refresh at most this often: a burst of writes costs one recomputation. */
export const DASHBOARD_UPDATE_INTERVAL_MS = 1_000;

export const dashboardResolvers: Resolvers = {
  Query: {
    dashboard: (_, __, ctx) => {
      // Signed-in only; nothing is read until a field asks (see service.ts).
      return dashboard.openDashboard(requireScope(ctx));
    },
  },
  Subscription: {
    dashboardUpdated: {
      subscribe: async (_, __, ctx) => {
        const tenantId = ctx.viewer!.tenantId; // subscribeToTenant refuses a connection without a viewer
        const events = coalesce(await subscribeToTenant(ctx, 'ACTIVITY_RECORDED'), DASHBOARD_UPDATE_INTERVAL_MS);
        // The writer invalidated the cache before publishing; this pod may not have heard of it yet
        // (its own listener gets the same message, in no set order): re-read the generation first.
        return mapStream(events, (event) => {
          ctx.deps.cache.invalidated(tenantId, 'dashboard');
          return event;
        });
      },
      // A new `{ generatedAt }` per event, resolved through the event's fresh scope and loaders.
      resolve: (_: unknown, __: unknown, ctx: Context) => dashboard.openDashboard(requireScope(ctx)),
    },
  },
  Dashboard: {
    taskCountsByStatus: (parent, _, ctx) => dashboard.taskCountsByStatus(requireScope(ctx), parent),
    overdueCount: (parent, _, ctx) => dashboard.overdueCount(requireScope(ctx), parent),
    overdueTasks: (parent, { first }, ctx) => dashboard.overdueTasks(requireScope(ctx), parent, first),
    openTasksByAssignee: (_, { top }, ctx) => dashboard.openTasksByAssignee(requireScope(ctx), top),
    projectsByStatus: (_, __, ctx) => dashboard.projectsByStatus(requireScope(ctx)),
    projectProgress: (_, { first }, ctx) => dashboard.projectProgress(requireScope(ctx), first),
    recentActivity: (_, { first }, ctx) => dashboard.recentActivity(requireScope(ctx), first),
  },
  AssigneeLoad: {
    // Only non-null assignee ids are grouped, and assignees are same-tenant foreign keys.
    assignee: async (load, _, ctx) => (await requireScope(ctx).loaders.users.byId.load(load.assigneeId))!,
  },
  ProjectProgress: {
    progress: (item, _, ctx) => requireScope(ctx).loaders.projects.progress.load(item.project.id),
  },
};
