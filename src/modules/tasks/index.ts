import { domainModule } from '../module.js';
import { createTaskLoaders } from './loaders.js';
import { taskResolvers } from './resolvers.js';

export const tasksModule = domainModule({ name: 'tasks', resolvers: taskResolvers, createLoaders: createTaskLoaders });

declare module '../../context/loaders.js' {
  interface Loaders {
    /** `scope.loaders.tasks`: created per request by the composition root (src/modules/index.ts). */
    tasks: ReturnType<typeof createTaskLoaders>;
  }
}
