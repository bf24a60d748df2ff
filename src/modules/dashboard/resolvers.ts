import { requireScope, type Context } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { subscribeToTenant } from '../../pubsub/subscriptions.js';
import * as dashboard from './service.js';

export const dashboardResolvers: Resolvers = {
  Query: {
    dashboard: (_, __, ctx) => {
      // Signed-in only; nothing is read until a field asks (see service.ts).
      return dashboard.openDashboard(requireScope(ctx));
    },
  },
  Subscription: {
    dashboardUpdated: {
      subscribe: async (_, __, ctx) => dashboard.dashboardChanges(ctx, await subscribeToTenant(ctx, 'ACTIVITY_RECORDED')),
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
