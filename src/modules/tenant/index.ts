import { domainModule } from '../module.js';
import { tenantResolvers } from './resolvers.js';

export const tenantModule = domainModule({ name: 'tenant', resolvers: tenantResolvers });
