import { requireScope } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { addComment, deleteComment, editComment } from './service.js';

export const commentResolvers: Resolvers = {
  Mutation: {
    addComment: (_, { taskId, body }, ctx) => addComment(requireScope(ctx), taskId, body),
    editComment: (_, { id, body }, ctx) => editComment(requireScope(ctx), id, body),
    deleteComment: (_, { id }, ctx) => deleteComment(requireScope(ctx), id),
  },
  Comment: {
    // Author and task are required foreign keys in the same tenant (and a task's deletion
    // cascades to its comments), so the loaders always find them.
    author: async (comment, _, ctx) => (await requireScope(ctx).loaders.users.byId.load(comment.authorId))!,
    task: async (comment, _, ctx) => (await requireScope(ctx).loaders.tasks.byId.load(comment.taskId))!,
  },
};
