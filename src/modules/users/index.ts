import { domainModule } from '../module.js';
import { createUserLoaders } from './loaders.js';
import { userResolvers } from './resolvers.js';

export const usersModule = domainModule({ name: 'users', resolvers: userResolvers, createLoaders: createUserLoaders });

declare module '../../context/loaders.js' {
  interface Loaders {
    /** `scope.loaders.users`: created per request by the composition root (src/modules/index.ts). */
    users: ReturnType<typeof createUserLoaders>;
  }
}
