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
