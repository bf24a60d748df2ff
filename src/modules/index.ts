/** Every domain module of the API, once (see module.ts). The server's schema and every request's loaders come from this list. */
import type { Loaders } from '../context/loaders.js';
import type { RequestDb } from '../db/request-db.js';
import { activityModule } from './activity/index.js';
import { attachmentsModule } from './attachments/index.js';
import { authModule } from './auth/index.js';
import { commentsModule } from './comments/index.js';
import { dashboardModule } from './dashboard/index.js';
import { departmentsModule } from './departments/index.js';
import type { DomainModule } from './module.js';
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

type Modules = (typeof domainModules)[number];

/** What the module list says the loaders are: `<module name>` for every module that has loaders. */
type ListedLoaders = {
  [M in Modules as M extends { createLoaders: (db: RequestDb) => unknown } ? M['name'] : never]: M extends { createLoaders: (db: RequestDb) => infer L } ? L : never;
};

/**
 * The context's `Loaders` are declared by each module (its index.ts); this fails to compile when
 * a module's declaration and its entry in the list above disagree (a missing, extra or renamed key).
 */
const declaredAsListed: [ListedLoaders] extends [Loaders] ? ([Loaders] extends [ListedLoaders] ? true : false) : false = true;
void declaredAsListed;

/** Every module's DataLoaders for one request (the composition root passes this to the context). */
export function createModuleLoaders(db: RequestDb): Loaders {
  const loaders: Record<string, unknown> = {};
  for (const module of domainModules as readonly DomainModule[]) if (module.createLoaders) loaders[module.name] = module.createLoaders(db);
  return loaders as unknown as Loaders;
}
