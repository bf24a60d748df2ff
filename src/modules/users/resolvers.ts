import { requireScope } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { changeUserRole, createUser, deactivateUser, inviteUser, listUsers, updateUser, viewerUser } from './service.js';

export const userResolvers: Resolvers = {
  Query: {
    me: (_, __, ctx) => viewerUser(requireScope(ctx)),
    users: (_, args, ctx) => listUsers(requireScope(ctx), args),
    user: (_, { id }, ctx) => requireScope(ctx).loaders.users.byId.load(id),
  },
  Mutation: {
    createUser: (_, { input }, ctx) => createUser(requireScope(ctx), input),
    inviteUser: (_, { input }, ctx) => inviteUser(requireScope(ctx), input),
    updateUser: (_, { id, input }, ctx) => updateUser(requireScope(ctx), id, input),
    changeUserRole: (_, { id, role }, ctx) => changeUserRole(requireScope(ctx), id, role),
    deactivateUser: (_, { id }, ctx) => deactivateUser(requireScope(ctx), id),
  },
  User: {
    department: (user, _, ctx) => (user.departmentId ? requireScope(ctx).loaders.departments.byId.load(user.departmentId) : null),
    assignedTasks: (user, args, ctx) => requireScope(ctx).loaders.tasks.ofAssignee(args).load(user.id),
  },
};
