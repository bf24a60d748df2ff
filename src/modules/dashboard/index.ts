import { domainModule } from '../module.js';
import { createDashboardLoaders } from './loaders.js';
import { dashboardResolvers } from './resolvers.js';

export const dashboardModule = domainModule({ name: 'dashboard', resolvers: dashboardResolvers, createLoaders: createDashboardLoaders });

declare module '../../context/loaders.js' {
  interface Loaders {
    /** `scope.loaders.dashboard`: created per request by the composition root (src/modules/index.ts). */
    dashboard: ReturnType<typeof createDashboardLoaders>;
  }
}
