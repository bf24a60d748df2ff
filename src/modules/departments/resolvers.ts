import { requireScope } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { createDepartment, listDepartments, updateDepartment } from './service.js';

export const departmentResolvers: Resolvers = {
  Query: {
    departments: (_, args, ctx) => listDepartments(requireScope(ctx), args),
    department: (_, { id }, ctx) => requireScope(ctx).loaders.departments.byId.load(id),
  },
  Mutation: {
    createDepartment: (_, { input }, ctx) => createDepartment(requireScope(ctx), input),
    updateDepartment: (_, { id, input }, ctx) => updateDepartment(requireScope(ctx), id, input),
  },
  Department: {
    members: (department, args, ctx) => requireScope(ctx).loaders.users.membersOfDepartment(args).load(department.id),
  },
};
