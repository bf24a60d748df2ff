import { domainModule } from '../module.js';
import { notificationResolvers } from './resolvers.js';

export const notificationsModule = domainModule({ name: 'notifications', resolvers: notificationResolvers });
