/**
 * Seeds one generated load tenant (`load-001`, ...) in short tenant transactions: departments and
 * users, then projects, then tasks in batches of plan.taskBatchSize, then the completion mark.
 * Short transactions keep every one well under the transaction timeout and let the progress bar
 * move; the price is that an interrupted run leaves a partial tenant, which the 'in-progress'
 * seed mark makes visible to the next run (see tenant-registry.ts).
 */
import type { Database } from '../db/database.js';
import { createTenantDb } from '../db/tenant-db.js';
import { batches, type ScalePlan } from './scale-plan.js';
import { INSERT_DEPARTMENTS, INSERT_PROJECTS, INSERT_TASK_BATCH, INSERT_USERS } from './scale-sql.js';
import { markSeedComplete } from './tenant-registry.js';
import { addCounts, emptyCounts, type SeedCounts } from './types.js';

interface TaskBatchCounts {
  tasks: number;
  comments: number;
  attachments: number;
  activityEvents: number;
  notifications: number;
}

/** `progress(units, label)`: units are user and task rows just committed. */
export async function seedScaleTenant(
  database: Database,
  tenant: { id: string; slug: string },
  plan: ScalePlan,
  passwordHash: string,
  progress: (units: number, label: string) => void,
): Promise<SeedCounts> {
  const db = createTenantDb(database, tenant.id);
  const counts = emptyCounts();

  for (const [first, last] of batches(plan.users, plan.userBatchSize)) {
    await db.transaction(async (tx) => {
      if (first === 1) counts.departments += await tx.$executeRawUnsafe(INSERT_DEPARTMENTS, tenant.id, plan.departments);
      counts.users += await tx.$executeRawUnsafe(INSERT_USERS, tenant.id, first, last, plan.userDigits, tenant.slug, passwordHash);
    });
    progress(last - first + 1, `${tenant.slug} users`);
  }

  await db.transaction(async (tx) => {
    // One project.created event per project: the statement's row count serves both tables.
    const projects = await tx.$executeRawUnsafe(INSERT_PROJECTS, tenant.id, plan.projects);
    addCounts(counts, { projects, activityEvents: projects });
  });

  const { comment, attachment, activity, notification } = plan.every;
  const tenantNumber = Number(/\d+$/.exec(tenant.slug)?.[0] ?? 0);
  for (const [first, last] of batches(plan.tasks, plan.taskBatchSize)) {
    const [written] = await db.transaction((tx) =>
      tx.$queryRawUnsafe<TaskBatchCounts[]>(INSERT_TASK_BATCH, tenant.id, first, last, comment, attachment, activity, notification, plan.tasks, tenantNumber),
    );
    if (!written || written.tasks !== last - first + 1) {
      throw new Error(`${tenant.slug}: task batch ${first}..${last} wrote ${written?.tasks ?? 0} tasks`);
    }
    addCounts(counts, written);
    progress(last - first + 1, `${tenant.slug} tasks`);
  }

  await db.transaction((tx) => markSeedComplete(tx, tenant.id));
  counts.tenants = 1;
  return counts;
}
