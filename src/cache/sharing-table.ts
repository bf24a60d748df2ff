/**
 * What each field's answer depends on: the one place that decides which results may be shared
 * between viewers — by the whole-result cache (response-cache.ts) and by grouped subscription
 * delivery. Every field of every object type the schema can return is listed here; a field that
 * is not listed counts as per-user and live (never shared, never cached), so adding a field can
 * never put one viewer's data into another viewer's answer by accident. A test fails when a
 * listed field no longer exists, and shows that an unlisted field makes a result private.
 *
 * Two questions per field:
 *  - `depends`: what the field's value depends on beyond its parent object —
 *      'none'   nothing (a column of the parent row, or data reached from it; RLS keeps it in the
 *               parent's tenant),
 *      'tenant' the viewer's tenant (a root field reading tenant data),
 *      'role'   the viewer's role (an answer or a permission check that differs by role),
 *      'user'   the viewer themself (`me`, their notifications).
 *  - `changesWith`: the cache class whose generation a change of this value bumps (see
 *    src/cache/invalidation.ts), so a cached result is keyed by it: 'dashboard' (any write of the
 *    tenant), 'master' (tenant and department writes), 'user_list' (user writes); null when the
 *    value is derived from its parent and changes only with it; 'live' when it must never be
 *    cached across requests (tasks, comments, notifications — the design's real-time class).
 */
import type { CachedClass } from './cache.js';

export type Dependence = 'none' | 'tenant' | 'role' | 'user';

export interface FieldSharing {
  depends: Dependence;
  changesWith: CachedClass | 'live' | null;
}

export type SharingTable = Record<string, Record<string, FieldSharing>>;

const tenantWide = (changesWith: FieldSharing['changesWith']): FieldSharing => ({ depends: 'tenant', changesWith });
const perUser = (changesWith: FieldSharing['changesWith']): FieldSharing => ({ depends: 'user', changesWith });
/** A value of the parent, or read from it. */
const of = (changesWith: FieldSharing['changesWith']): FieldSharing => ({ depends: 'none', changesWith });
const derived = of(null);
const fields = (names: string[], sharing: FieldSharing) => Object.fromEntries(names.map((name) => [name, sharing]));
const connection = fields(['edges', 'nodes', 'pageInfo', 'totalCount'], derived);
const edge = fields(['cursor', 'node'], derived);

export const SHARING: SharingTable = {
  Query: {
    dashboard: tenantWide('dashboard'),
    tenant: tenantWide('master'),
    departments: tenantWide('master'),
    department: tenantWide('master'),
    users: tenantWide('user_list'),
    user: tenantWide('user_list'),
    me: perUser('user_list'),
    projects: tenantWide('live'),
    project: tenantWide('live'),
    tasks: tenantWide('live'),
    task: tenantWide('live'),
    activity: tenantWide('live'),
    notifications: perUser('live'),
  },
  Subscription: {
    dashboardUpdated: tenantWide('live'),
    activityRecorded: tenantWide('live'),
    taskChanged: tenantWide('live'),
    // The viewer's own notifications: every subscriber is a group of their own.
    notificationReceived: perUser('live'),
  },
  Dashboard: fields(
    ['taskCountsByStatus', 'overdueCount', 'overdueTasks', 'openTasksByAssignee', 'projectsByStatus', 'projectProgress', 'recentActivity', 'generatedAt'],
    of('dashboard'),
  ),
  TaskStatusCount: fields(['status', 'count'], derived),
  ProjectStatusCount: fields(['status', 'count'], derived),
  AssigneeLoad: { assignee: of('user_list'), openCount: derived },
  ProjectProgress: { project: of('dashboard'), progress: of('dashboard') },
  Progress: fields(['done', 'total', 'ratio'], derived),
  Tenant: fields(['id', 'slug', 'name', 'plan', 'rateLimitPerMinute', 'settings', 'createdAt', 'updatedAt'], derived),
  Department: { ...fields(['id', 'code', 'name', 'createdAt', 'updatedAt'], derived), members: of('user_list') },
  DepartmentConnection: connection,
  DepartmentEdge: edge,
  // lastSeenAt changes at every sign-in, which records no activity: never cached. Assigned tasks are live.
  User: {
    ...fields(['id', 'email', 'displayName', 'role', 'active', 'createdAt', 'updatedAt'], derived),
    department: of('master'),
    lastSeenAt: of('live'),
    assignedTasks: of('live'),
  },
  UserConnection: connection,
  UserEdge: edge,
  Project: {
    ...fields(['id', 'code', 'name', 'description', 'status', 'startsOn', 'dueOn', 'createdAt', 'updatedAt'], derived),
    owner: of('user_list'),
    progress: of('dashboard'),
    tasks: of('live'),
  },
  ProjectConnection: connection,
  ProjectEdge: edge,
  Task: {
    ...fields(['id', 'title', 'description', 'status', 'priority', 'dueAt', 'completedAt', 'createdAt', 'updatedAt'], derived),
    project: of('dashboard'),
    assignee: of('user_list'),
    comments: of('live'),
    // Attachments carry presigned download URLs made for one request: left out (per-user, live).
  },
  TaskConnection: connection,
  TaskEdge: edge,
  Comment: { ...fields(['id', 'body', 'createdAt', 'updatedAt'], derived), author: of('user_list'), task: of('live') },
  CommentConnection: connection,
  CommentEdge: edge,
  ActivityEvent: { ...fields(['id', 'verb', 'subjectType', 'subjectId', 'summary', 'createdAt', 'cursor'], derived), actor: of('user_list') },
  ActivityEventConnection: connection,
  ActivityEventEdge: edge,
  Notification: fields(['id', 'kind', 'payload', 'readAt', 'createdAt'], derived),
  NotificationConnection: { ...connection, unreadCount: derived },
  NotificationEdge: edge,
  PageInfo: fields(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'], derived),
};
