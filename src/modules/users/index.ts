import { domainModule } from '../module.js';
import { createUserLoaders } from './loaders.js';
import { userResolvers } from './resolvers.js';

export const usersModule = domainModule({ name: 'users', resolvers: userResolvers, createLoaders: createUserLoaders });
