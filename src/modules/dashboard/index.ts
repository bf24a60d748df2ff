import { domainModule } from '../module.js';
import { createDashboardLoaders } from './loaders.js';
import { dashboardResolvers } from './resolvers.js';

export const dashboardModule = domainModule({ name: 'dashboard', resolvers: dashboardResolvers, createLoaders: createDashboardLoaders });
