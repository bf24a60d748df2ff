/**
 * Reads a seeded tenant back through createTenantDb (app role, RLS on), as the application would.
 * Because RLS hides every other tenant's rows, a foreign key that pointed outside the tenant would
 * show up here as a reference to a missing row: `danglingReferences` counts those, per column.
 */
import type { Database } from '../../src/db/database.js';
import type { SeedCounts } from '../../src/seed/types.js';
import { createTenantDb } from '../../src/db/tenant-db.js';

/** One tenant's rows per table: the seed's own counts, less the tenants registry. */
export type TableCounts = Omit<SeedCounts, 'tenants'>;

export function tenantCounts(database: Database, tenantId: string): Promise<TableCounts> {
  return createTenantDb(database, tenantId).read(async (tx) => ({
    departments: await tx.department.count(),
    users: await tx.user.count(),
    projects: await tx.project.count(),
    tasks: await tx.task.count(),
    comments: await tx.comment.count(),
    attachments: await tx.attachment.count(),
    notifications: await tx.notification.count(),
    activityEvents: await tx.activityEvent.count(),
  }));
}

/** Each entry: rows whose reference does not resolve to a row of the same tenant. */
const DANGLING_REFERENCES: Record<string, string> = {
  'users.department_id': `SELECT count(*) FROM users x WHERE x.department_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM departments p WHERE p.id = x.department_id AND p.tenant_id = x.tenant_id)`,
  'projects.owner_id': `SELECT count(*) FROM projects x
    WHERE NOT EXISTS (SELECT 1 FROM users p WHERE p.id = x.owner_id AND p.tenant_id = x.tenant_id)`,
  'tasks.project_id': `SELECT count(*) FROM tasks x
    WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = x.project_id AND p.tenant_id = x.tenant_id)`,
  'tasks.assignee_id': `SELECT count(*) FROM tasks x WHERE x.assignee_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM users p WHERE p.id = x.assignee_id AND p.tenant_id = x.tenant_id)`,
  'comments.task_id': `SELECT count(*) FROM comments x
    WHERE NOT EXISTS (SELECT 1 FROM tasks p WHERE p.id = x.task_id AND p.tenant_id = x.tenant_id)`,
  'comments.author_id': `SELECT count(*) FROM comments x
    WHERE NOT EXISTS (SELECT 1 FROM users p WHERE p.id = x.author_id AND p.tenant_id = x.tenant_id)`,
  'attachments.task_id': `SELECT count(*) FROM attachments x
    WHERE NOT EXISTS (SELECT 1 FROM tasks p WHERE p.id = x.task_id AND p.tenant_id = x.tenant_id)`,
  'attachments.uploaded_by_id': `SELECT count(*) FROM attachments x
    WHERE NOT EXISTS (SELECT 1 FROM users p WHERE p.id = x.uploaded_by_id AND p.tenant_id = x.tenant_id)`,
  'attachments.storage_key': `SELECT count(*) FROM attachments x WHERE x.storage_key NOT LIKE x.tenant_id::text || '/%'`,
  'notifications.user_id': `SELECT count(*) FROM notifications x
    WHERE NOT EXISTS (SELECT 1 FROM users p WHERE p.id = x.user_id AND p.tenant_id = x.tenant_id)`,
  'notifications.payload.taskId': `SELECT count(*) FROM notifications x WHERE x.payload ? 'taskId'
    AND NOT EXISTS (SELECT 1 FROM tasks p WHERE p.id = (x.payload->>'taskId')::uuid AND p.tenant_id = x.tenant_id)`,
  'activity_events.actor_id': `SELECT count(*) FROM activity_events x WHERE x.actor_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM users p WHERE p.id = x.actor_id AND p.tenant_id = x.tenant_id)`,
  // No foreign key exists for the polymorphic subject: this one only the seed's own care keeps true.
  'activity_events.subject_id': `SELECT count(*) FROM activity_events x WHERE NOT EXISTS (
        SELECT 1 FROM tasks p WHERE x.subject_type = 'Task' AND p.id = x.subject_id AND p.tenant_id = x.tenant_id
        UNION ALL SELECT 1 FROM projects p WHERE x.subject_type = 'Project' AND p.id = x.subject_id AND p.tenant_id = x.tenant_id
        UNION ALL SELECT 1 FROM comments p WHERE x.subject_type = 'Comment' AND p.id = x.subject_id AND p.tenant_id = x.tenant_id
        UNION ALL SELECT 1 FROM attachments p WHERE x.subject_type = 'Attachment' AND p.id = x.subject_id AND p.tenant_id = x.tenant_id)`,
};

export function danglingReferences(database: Database, tenantId: string): Promise<Record<string, number>> {
  return createTenantDb(database, tenantId).read(async (tx) => {
    const result: Record<string, number> = {};
    for (const [column, sql] of Object.entries(DANGLING_REFERENCES)) {
      const [row] = await tx.$queryRawUnsafe<{ count: bigint }[]>(sql);
      result[column] = Number(row!.count);
    }
    return result;
  });
}

/**
 * The same question across ALL tenants at once, from the admin session (the migrating user, a
 * superuser here, sees every row): joins whose two sides belong to different tenants.
 */
export const CROSS_TENANT_JOINS = `
SELECT
  (SELECT count(*) FROM tasks)::int AS tasks_seen,
  (SELECT count(*) FROM tasks t JOIN users u ON u.id = t.assignee_id WHERE u.tenant_id <> t.tenant_id)::int AS task_assignee,
  (SELECT count(*) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.tenant_id <> t.tenant_id)::int AS task_project,
  (SELECT count(*) FROM projects p JOIN users u ON u.id = p.owner_id WHERE u.tenant_id <> p.tenant_id)::int AS project_owner,
  (SELECT count(*) FROM comments c JOIN tasks t ON t.id = c.task_id WHERE t.tenant_id <> c.tenant_id)::int AS comment_task,
  (SELECT count(*) FROM comments c JOIN users u ON u.id = c.author_id WHERE u.tenant_id <> c.tenant_id)::int AS comment_author,
  (SELECT count(*) FROM attachments a JOIN tasks t ON t.id = a.task_id WHERE t.tenant_id <> a.tenant_id)::int AS attachment_task,
  (SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.tenant_id <> n.tenant_id)::int AS notification_user,
  (SELECT count(*) FROM activity_events e JOIN tasks t ON t.id = e.subject_id WHERE t.tenant_id <> e.tenant_id)::int AS event_task,
  (SELECT count(*) FROM users u JOIN departments d ON d.id = u.department_id WHERE d.tenant_id <> u.tenant_id)::int AS user_department`;
