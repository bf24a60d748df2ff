import { domainModule } from '../module.js';
import { authResolvers } from './resolvers.js';

export const authModule = domainModule({ name: 'auth', resolvers: authResolvers });
