import { domainModule } from '../module.js';
import { activityResolvers } from './resolvers.js';

export const activityModule = domainModule({ name: 'activity', resolvers: activityResolvers });
