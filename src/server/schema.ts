/**
 * The executable schema: every SDL file in schema/ (the contract), merged, with the resolvers of
 * every module in src/modules/index.ts. Built once at start-up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeResolvers } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { domainModules } from '../modules/index.js';
import { projectRoot } from '../paths.js';
import { scalarResolvers } from './scalars.js';

export const schemaDir = join(projectRoot, 'schema');

export function loadTypeDefs(dir = schemaDir): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'));
}

export const resolvers = mergeResolvers([scalarResolvers, ...domainModules.map((module) => module.resolvers)]);

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as never });
}
