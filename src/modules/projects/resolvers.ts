import { requireScope } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { archiveProject, createProject, listProjects, updateProject } from './service.js';

export const projectResolvers: Resolvers = {
  Query: {
    projects: (_, args, ctx) => listProjects(requireScope(ctx), args),
    project: (_, { id }, ctx) => requireScope(ctx).loaders.projects.byId.load(id),
  },
  Mutation: {
    createProject: (_, { input }, ctx) => createProject(requireScope(ctx), input),
    updateProject: (_, { id, input }, ctx) => updateProject(requireScope(ctx), id, input),
    archiveProject: (_, { id }, ctx) => archiveProject(requireScope(ctx), id),
  },
  Project: {
    // The owner is a required foreign key in the same tenant, so the loader always finds it.
    owner: async (project, _, ctx) => (await requireScope(ctx).loaders.users.byId.load(project.ownerId))!,
    tasks: (project, args, ctx) => requireScope(ctx).loaders.tasks.ofProject(args).load(project.id),
    progress: (project, _, ctx) => requireScope(ctx).loaders.projects.progress.load(project.id),
  },
};
