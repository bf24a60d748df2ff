import { requireScope, type Context } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { mapStream, SKIP } from '../../pubsub/streams.js';
import { skipDelivery, subscribeToTenant } from '../../pubsub/subscriptions.js';
import type { TopicPayloads } from '../../pubsub/topics.js';
import { assignTask, changeTaskStatus, createTask, deleteTask, listTasks, updateTask } from './service.js';

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
      subscribe: async (_, __, ctx) =>
        mapStream(await subscribeToTenant(ctx, 'ACTIVITY_RECORDED'), (e) => (e.subjectType === 'Task' && e.verb !== 'task.deleted' ? e : SKIP)),
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
