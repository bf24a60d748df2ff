import { domainModule } from '../module.js';
import { createProjectLoaders } from './loaders.js';
import { projectResolvers } from './resolvers.js';

export const projectsModule = domainModule({ name: 'projects', resolvers: projectResolvers, createLoaders: createProjectLoaders });
