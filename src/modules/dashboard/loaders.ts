/**
 * The dashboard's aggregates: each is ONE query in the request's shared tenant read transaction,
 * run only when a client selects its field, and at most once per request and arguments (so
 * aliases and repeated fragments cost nothing more). The size of the answer never depends on the
 * size of the tenant: counts are aggregated in PostgreSQL and lists are LIMITed there.
 * RLS restricts every statement to the request's tenant.
 */
import { Prisma } from '../../generated/prisma/client.js';
import type { RequestDb } from '../../db/request-db.js';
import { ProjectStatus, TaskStatus } from '../../generated/prisma/enums.js';
import type { ActivityEvent, AssigneeLoad, Project, Task } from '../models.js';

/** Statuses that still need work: the index (tenant_id, status, due_at) serves `status IN (...)`. */
export const OPEN_TASK_STATUSES: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'BLOCKED'];
/** Projects whose progress the dashboard follows. */
export const FOLLOWED_PROJECT_STATUSES: ProjectStatus[] = ['ACTIVE', 'PLANNED'];

/** The same list as SQL literals (constants, never input), for raw queries. */
const OPEN_STATUS_LIST = Prisma.raw(OPEN_TASK_STATUSES.map((status) => `'${status}'`).join(', '));

export interface TaskStats {
  byStatus: { status: TaskStatus; count: number }[];
  overdue: number;
}

const FOLLOWED_STATUS_LIST = Prisma.raw(FOLLOWED_PROJECT_STATUSES.map((status) => `'${status}'`).join(', '));

export function createDashboardLoaders(db: RequestDb) {
  const once = memoizePerArgs();
  return {
    /**
     * Counts per status and the overdue count in one scan: both read the same index entries, so
     * asking for both costs what either costs.
     */
    taskStats: (asOf: Date) =>
      once(['taskStats', asOf], async (): Promise<TaskStats> => {
        const rows = await db.query<{ status: TaskStatus; count: number; overdue: number }>(Prisma.sql`
          SELECT status::text AS status, count(*)::int AS count,
                 count(*) FILTER (WHERE status IN (${OPEN_STATUS_LIST}) AND due_at < ${asOf})::int AS overdue
            FROM tasks
           GROUP BY status`);
        const counts = new Map(rows.map((r) => [r.status, r.count]));
        return {
          byStatus: Object.values(TaskStatus).map((status) => ({ status, count: counts.get(status) ?? 0 })),
          overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
        };
      }),

    /** Open tasks past due at `asOf`, the most overdue first. */
    overdueTasks: (asOf: Date, first: number) =>
      once(['overdueTasks', asOf, first], () =>
        db.query<Task>(Prisma.sql`
          SELECT * FROM tasks
           WHERE status IN (${OPEN_STATUS_LIST}) AND due_at < ${asOf}
           ORDER BY due_at, id
           LIMIT ${first}`),
      ),

    /** Who carries the most open tasks; ties broken by id so the answer is stable. */
    openTasksByAssignee: (top: number) =>
      once(['openTasksByAssignee', top], () =>
        db.query<AssigneeLoad>(Prisma.sql`
          SELECT assignee_id::text AS "assigneeId", count(*)::int AS "openCount"
            FROM tasks
           WHERE status IN (${OPEN_STATUS_LIST}) AND assignee_id IS NOT NULL
           GROUP BY assignee_id
           ORDER BY count(*) DESC, assignee_id
           LIMIT ${top}`),
      ),

    projectsByStatus: () =>
      once(['projectsByStatus'], async () => {
        const rows = await db.query<{ status: ProjectStatus; count: number }>(Prisma.sql`
          SELECT status::text AS status, count(*)::int AS count FROM projects GROUP BY status`);
        const counts = new Map(rows.map((r) => [r.status, r.count]));
        return Object.values(ProjectStatus).map((status) => ({ status, count: counts.get(status) ?? 0 }));
      }),

    /** Followed projects, the nearest due first, undated last. Their progress is batched by the projects loader. */
    followedProjects: (first: number) =>
      once(['followedProjects', first], () =>
        db.query<Project>(Prisma.sql`
          SELECT * FROM projects
           WHERE status IN (${FOLLOWED_STATUS_LIST})
           ORDER BY due_on ASC NULLS LAST, created_at, id
           LIMIT ${first}`),
      ),

    recentActivity: (first: number) =>
      once(['recentActivity', first], () =>
        db.query<ActivityEvent>(Prisma.sql`SELECT * FROM activity_events ORDER BY created_at DESC, id DESC LIMIT ${first}`),
      ),
  };
}

/** Runs `load` once per distinct argument list for the lifetime of the (per-request) loaders. */
function memoizePerArgs() {
  const results = new Map<string, Promise<unknown>>();
  return <T>(args: unknown[], load: () => Promise<T>): Promise<T> => {
    const key = JSON.stringify(args);
    let result = results.get(key) as Promise<T> | undefined;
    if (!result) results.set(key, (result = load()));
    return result;
  };
}
