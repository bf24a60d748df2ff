/**
 * Every DataLoader of one request, created together per request (never shared across requests
 * or tenants: a loader's cache is only as safe as the scope it was made in).
 */
import type { RequestDb } from '../db/request-db.js';
import { createAttachmentLoaders } from '../modules/attachments/loaders.js';
import { createCommentLoaders } from '../modules/comments/loaders.js';
import { createDashboardLoaders } from '../modules/dashboard/loaders.js';
import { createDepartmentLoaders } from '../modules/departments/loaders.js';
import { createProjectLoaders } from '../modules/projects/loaders.js';
import { createTaskLoaders } from '../modules/tasks/loaders.js';
import { createUserLoaders } from '../modules/users/loaders.js';

export function createLoaders(db: RequestDb) {
  return {
    users: createUserLoaders(db),
    departments: createDepartmentLoaders(db),
    projects: createProjectLoaders(db),
    tasks: createTaskLoaders(db),
    comments: createCommentLoaders(db),
    attachments: createAttachmentLoaders(db),
    dashboard: createDashboardLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
