import { requireScope, type Context } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { Prisma } from '../../generated/prisma/client.js';
import { skipDelivery } from '../../pubsub/subscriptions.js';
import type { TopicPayloads } from '../../pubsub/topics.js';
import { subscribeToActivity, type ActivitySelection } from '../activity/live.js';
import { assignTask, changeTaskStatus, createTask, deleteTask, listTasks, updateTask } from './service.js';

/** What taskChanged is made of: the events of tasks, but deletions (a deleted task has nothing left to load). */
const TASK_CHANGES: ActivitySelection = {
  live: (e) => e.subjectType === 'Task' && e.verb !== 'task.deleted',
  replay: [Prisma.sql`t.subject_type = 'Task'`, Prisma.sql`t.verb <> 'task.deleted'`],
};

export const taskResolvers: Resolvers = {
  Query: {
    tasks: (_, args, ctx) => listTasks(requireScope(ctx), args),
    task: (_, { id }, ctx) => requireScope(ctx).loaders.tasks.byId.load(id),
  },
  Mutation: {
    createTask: (_, { input }, ctx) => createTask(requireScope(ctx), input),
    updateTask: (_, { id, input }, ctx) => updateTask(requireScope(ctx), id, input),
    assignTask: (_, { id, assigneeId }, ctx) => assignTask(requireScope(ctx), id, assigneeId ?? null),
    changeTaskStatus: (_, { id, status }, ctx) => changeTaskStatus(requireScope(ctx), id, status),
    deleteTask: (_, { id }, ctx) => deleteTask(requireScope(ctx), id),
  },
  Subscription: {
    taskChanged: {
      // Only task events reach `resolve`; a deleted task has nothing left to load.
      subscribe: (_, { after }, ctx) => subscribeToActivity(ctx, after, TASK_CHANGES),
      resolve: async (event: TopicPayloads['ACTIVITY_RECORDED'], { projectId }: { projectId?: string | null }, ctx: Context) => {
        const task = await requireScope(ctx).loaders.tasks.byId.load(event.subjectId);
        return task && (!projectId || task.projectId === projectId) ? task : skipDelivery();
      },
    },
  },
  Task: {
    project: async (task, _, ctx) => (await requireScope(ctx).loaders.projects.byId.load(task.projectId))!,
    assignee: (task, _, ctx) => (task.assigneeId ? requireScope(ctx).loaders.users.byId.load(task.assigneeId) : null),
    comments: (task, args, ctx) => requireScope(ctx).loaders.comments.ofTask(args).load(task.id),
    attachments: (task, _, ctx) => requireScope(ctx).loaders.attachments.ofTask.load(task.id),
  },
};
