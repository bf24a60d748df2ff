/**
 * Who may do what. Roles are ordered: each includes everything the roles below it may do.
 *   VIEWER reads; MEMBER also writes tasks, comments and attachments;
 *   ADMIN also manages projects, departments and users; OWNER also manages the tenant.
 * Resolvers name an action; the table below is the only place that maps actions to roles.
 */
import { ForbiddenError } from '../errors.js';
import type { Role } from '../generated/prisma/enums.js';
import type { Viewer } from './viewer.js';

const rank: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export const minimumRole = {
  read: 'VIEWER',
  'task:write': 'MEMBER',
  'comment:write': 'MEMBER',
  'attachment:write': 'MEMBER',
  'project:manage': 'ADMIN',
  'department:manage': 'ADMIN',
  'user:manage': 'ADMIN',
  /** Edit or delete someone else's comment. */
  'comment:moderate': 'ADMIN',
  /** Grant or take the OWNER role. */
  'owner:manage': 'OWNER',
  'tenant:manage': 'OWNER',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof minimumRole;

/**
 * What each action lets a role do, in the API's own words. The role table of docs/auth.md is generated
 * from this and `minimumRole` (src/auth/permission-table.ts; test/docs/readme.test.ts fails when
 * the table is stale), so a new action cannot be added without saying what it is.
 */
export const actionDescriptions: Record<Action, string> = {
  read: 'every query and subscription of the tenant; `markNotificationRead`, `markAllNotificationsRead` (own notifications)',
  'task:write': '`createTask`, `updateTask`, `assignTask`, `changeTaskStatus`, `deleteTask`',
  'comment:write': '`addComment`; `editComment`, `deleteComment` on their own comments',
  'attachment:write': '`createAttachmentUpload`, `completeAttachmentUpload`',
  'project:manage': '`createProject`, `updateProject`, `archiveProject`',
  'department:manage': '`createDepartment`, `updateDepartment`',
  'user:manage': '`createUser`, `inviteUser`, `updateUser`, `changeUserRole`, `deactivateUser`',
  'comment:moderate': "`editComment`, `deleteComment` on anyone's comment",
  'owner:manage': 'grant or take the OWNER role (`createUser`, `inviteUser`, `changeUserRole` with OWNER)',
  'tenant:manage': '`updateTenant`',
};

/** Every role, lowest first. */
export const roles = (Object.keys(rank) as Role[]).sort((a, b) => rank[a] - rank[b]);

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

export function can(viewer: Pick<Viewer, 'role'>, action: Action): boolean {
  return roleAtLeast(viewer.role, minimumRole[action]);
}

export function assertCan(viewer: Pick<Viewer, 'role'>, action: Action): void {
  if (!can(viewer, action)) {
    throw new ForbiddenError(`${action} needs the ${minimumRole[action]} role or higher; you are ${viewer.role}`);
  }
}
