/** Every domain module of the API, once (see module.ts). The server's schema and every request's loaders come from this list. */
import { activityModule } from './activity/index.js';
import { attachmentsModule } from './attachments/index.js';
import { authModule } from './auth/index.js';
import { commentsModule } from './comments/index.js';
import { dashboardModule } from './dashboard/index.js';
import { departmentsModule } from './departments/index.js';
import { notificationsModule } from './notifications/index.js';
import { projectsModule } from './projects/index.js';
import { tasksModule } from './tasks/index.js';
import { tenantModule } from './tenant/index.js';
import { usersModule } from './users/index.js';

export const domainModules = [
  tenantModule,
  authModule,
  usersModule,
  departmentsModule,
  projectsModule,
  tasksModule,
  commentsModule,
  attachmentsModule,
  notificationsModule,
  activityModule,
  dashboardModule,
] as const;
