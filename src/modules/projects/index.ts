import { domainModule } from '../module.js';
import { createProjectLoaders } from './loaders.js';
import { projectResolvers } from './resolvers.js';

export const projectsModule = domainModule({ name: 'projects', resolvers: projectResolvers, createLoaders: createProjectLoaders });

declare module '../../context/loaders.js' {
  interface Loaders {
    /** `scope.loaders.projects`: created per request by the composition root (src/modules/index.ts). */
    projects: ReturnType<typeof createProjectLoaders>;
  }
}
