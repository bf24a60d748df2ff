/**
 * The executable schema: every SDL file in schema/ (the contract), merged, with every module's
 * resolvers. Built once at start-up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeResolvers } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { activityResolvers } from '../modules/activity/resolvers.js';
import { attachmentResolvers } from '../modules/attachments/resolvers.js';
import { authResolvers } from '../modules/auth/resolvers.js';
import { commentResolvers } from '../modules/comments/resolvers.js';
import { dashboardResolvers } from '../modules/dashboard/resolvers.js';
import { departmentResolvers } from '../modules/departments/resolvers.js';
import { notificationResolvers } from '../modules/notifications/resolvers.js';
import { projectResolvers } from '../modules/projects/resolvers.js';
import { taskResolvers } from '../modules/tasks/resolvers.js';
import { tenantResolvers } from '../modules/tenant/resolvers.js';
import { userResolvers } from '../modules/users/resolvers.js';
import { projectRoot } from '../paths.js';
import { scalarResolvers } from './scalars.js';

export const schemaDir = join(projectRoot, 'schema');

export function loadTypeDefs(dir = schemaDir): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'));
}

export const resolvers = mergeResolvers([
  scalarResolvers,
  tenantResolvers,
  authResolvers,
  userResolvers,
  departmentResolvers,
  projectResolvers,
  taskResolvers,
  commentResolvers,
  attachmentResolvers,
  notificationResolvers,
  activityResolvers,
  dashboardResolvers,
]);

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as never });
}
