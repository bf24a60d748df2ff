import { domainModule } from '../module.js';
import { createTaskLoaders } from './loaders.js';
import { taskResolvers } from './resolvers.js';

export const tasksModule = domainModule({ name: 'tasks', resolvers: taskResolvers, createLoaders: createTaskLoaders });
