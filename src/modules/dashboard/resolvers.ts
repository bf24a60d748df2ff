import { requireScope, type Context } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { coalesce } from '../../pubsub/streams.js';
import { subscribeToTenant } from '../../pubsub/subscriptions.js';
import * as dashboard from './service.js';

/** Live dashboards refresh at most this often: a burst of writes costs one recomputation. */
export const DASHBOARD_UPDATE_INTERVAL_MS = 1_000;

export const dashboardResolvers: Resolvers = {
  Query: {
    dashboard: (_, __, ctx) => {
      requireScope(ctx); // signed-in only; nothing is read until a field asks (see service.ts)
      return dashboard.openDashboard();
    },
  },
  Subscription: {
    dashboardUpdated: {
      subscribe: async (_, __, ctx) => coalesce(await subscribeToTenant(ctx, 'ACTIVITY_RECORDED'), DASHBOARD_UPDATE_INTERVAL_MS),
      // A new `{ generatedAt }` per event, resolved through the event's fresh scope and loaders.
      resolve: (_: unknown, __: unknown, ctx: Context) => {
        requireScope(ctx);
        return dashboard.openDashboard();
      },
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
