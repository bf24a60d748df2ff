/**
 * Task rules: who may change tasks, what a valid task is, and what each change records
 * (an ActivityEvent always; a Notification for the assignee when someone else acts).
 */
import { z } from 'zod';
import { assertCan } from '../../auth/permissions.js';
import type { TenantScope } from '../../context/context.js';
import { ConflictError } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { TaskPriority, TaskStatus } from '../../generated/prisma/enums.js';
import { recordActivity } from '../activity/record.js';
import { assertActiveUser, findOrThrow } from '../common/lookups.js';
import { pageOf, parsePage, type Connection, type PageArgs } from '../common/pagination.js';
import { longText, parseInput } from '../common/validation.js';
import type { Task } from '../models.js';
import { notify } from '../notifications/notify.js';

export interface TaskFilter {
  projectId?: string | null;
  status?: TaskStatus[] | null;
  assigneeId?: string | null;
  dueBefore?: Date | null;
}

export function listTasks(scope: TenantScope, args: PageArgs & { filter?: TaskFilter | null }): Promise<Connection<Task>> {
  const page = parsePage(args);
  const f = args.filter ?? {};
  const conditions = [
    ...(f.projectId ? [Prisma.sql`t.project_id = ${f.projectId}::uuid`] : []),
    // Bound as text[], then cast: PGlite serializes an array parameter only for built-in types
    // (an enum array arrived there as "TODO,IN_PROGRESS", a malformed literal).
    ...(f.status?.length ? [Prisma.sql`t.status = ANY(${f.status}::text[]::task_status[])`] : []),
    ...(f.assigneeId ? [Prisma.sql`t.assignee_id = ${f.assigneeId}::uuid`] : []),
    ...(f.dueBefore ? [Prisma.sql`t.due_at < ${f.dueBefore}::timestamptz`] : []),
  ];
  return pageOf(scope.db, { table: 'tasks', conditions }, page);
}

const title = z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters');
const priority = z.enum(['LOW', 'NORMAL', 'HIGH', 'URGENT']);

const createInput = z.object({
  projectId: z.string().uuid('expected a UUID'),
  title,
  description: longText.nullish(),
  priority: priority.nullish(),
  assigneeId: z.string().uuid('expected a UUID').nullish(),
  dueAt: z.date().nullish(),
});

export async function createTask(scope: TenantScope, rawInput: unknown): Promise<Task> {
  assertCan(scope.viewer, 'task:write');
  const input = parseInput(createInput, rawInput, 'input');
  return scope.db.write(async (tx) => {
    const project = await findOrThrow(tx.project, 'Project', input.projectId);
    if (project.status === 'ARCHIVED') throw new ConflictError('Project is archived; tasks cannot be added');
    if (input.assigneeId) await assertActiveUser(tx, input.assigneeId, 'input.assigneeId');
    const task = await tx.task.create({
      data: {
        tenantId: scope.viewer.tenantId,
        projectId: project.id,
        title: input.title,
        description: input.description ?? '',
        priority: (input.priority ?? 'NORMAL') as TaskPriority,
        assigneeId: input.assigneeId ?? null,
        dueAt: input.dueAt ?? null,
      },
    });
    await recordActivity(tx, scope, { verb: 'task.created', subjectType: 'Task', subjectId: task.id, summary: `created task "${task.title}"` });
    await notify(tx, scope, { userId: task.assigneeId, kind: 'task.assigned', payload: { taskId: task.id, title: task.title } });
    return task;
  });
}

const updateInput = z.object({
  title: title.nullish(),
  description: longText.nullish(),
  priority: priority.nullish(),
  dueAt: z.date().nullish(),
});

export async function updateTask(scope: TenantScope, id: string, rawInput: unknown): Promise<Task> {
  assertCan(scope.viewer, 'task:write');
  const input = parseInput(updateInput, rawInput, 'input');
  return scope.db.write(async (tx) => {
    await findOrThrow(tx.task, 'Task', id);
    const task = await tx.task.update({
      where: { id },
      data: {
        ...(input.title != null && { title: input.title }),
        ...(input.description != null && { description: input.description }),
        ...(input.priority != null && { priority: input.priority }),
        // An explicit null clears the due time; an absent field leaves it.
        ...(input.dueAt !== undefined && { dueAt: input.dueAt }),
      },
    });
    await recordActivity(tx, scope, { verb: 'task.updated', subjectType: 'Task', subjectId: id, summary: `updated task "${task.title}"` });
    return task;
  });
}

export async function assignTask(scope: TenantScope, id: string, assigneeId: string | null): Promise<Task> {
  assertCan(scope.viewer, 'task:write');
  return scope.db.write(async (tx) => {
    await findOrThrow(tx.task, 'Task', id);
    if (assigneeId) await assertActiveUser(tx, assigneeId, 'assigneeId');
    const task = await tx.task.update({ where: { id }, data: { assigneeId } });
    await recordActivity(tx, scope, {
      verb: assigneeId ? 'task.assigned' : 'task.unassigned',
      subjectType: 'Task',
      subjectId: id,
      summary: assigneeId ? `assigned task "${task.title}"` : `unassigned task "${task.title}"`,
    });
    await notify(tx, scope, { userId: assigneeId, kind: 'task.assigned', payload: { taskId: id, title: task.title } });
    return task;
  });
}

export async function changeTaskStatus(scope: TenantScope, id: string, status: TaskStatus): Promise<Task> {
  assertCan(scope.viewer, 'task:write');
  return scope.db.write(async (tx) => {
    const before = await findOrThrow(tx.task, 'Task', id);
    const task = await tx.task.update({
      where: { id },
      data: { status, completedAt: status === 'DONE' ? (before.completedAt ?? new Date()) : null },
    });
    await recordActivity(tx, scope, {
      verb: 'task.status_changed',
      subjectType: 'Task',
      subjectId: id,
      summary: `moved "${task.title}" from ${before.status} to ${status}`,
    });
    await notify(tx, scope, { userId: task.assigneeId, kind: 'task.status_changed', payload: { taskId: id, from: before.status, to: status } });
    return task;
  });
}

export async function deleteTask(scope: TenantScope, id: string): Promise<{ id: string }> {
  assertCan(scope.viewer, 'task:write');
  return scope.db.write(async (tx) => {
    const task = await findOrThrow(tx.task, 'Task', id);
    await tx.task.delete({ where: { id } });
    await recordActivity(tx, scope, { verb: 'task.deleted', subjectType: 'Task', subjectId: id, summary: `deleted task "${task.title}"` });
    return { id };
  });
}
