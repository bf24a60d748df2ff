/**
 * One hand-written demo company, built in memory (ids from randomUUID so relations are wired
 * without round trips) and written in ONE tenant transaction: either the whole company is there
 * and marked complete, or nothing of it is.
 *
 * The tasks cycle through every status x priority pair, and their dates are chosen so that the
 * dashboard has something to show: overdue open tasks, tasks due soon, done tasks with completedAt.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { createTenantDb } from '../db/tenant-db.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { TaskPriority, TaskStatus } from '../generated/prisma/enums.js';
import { COMMENT_BODIES, demoEmail, type DemoCompany } from './demo-companies.js';
import { dateOnly, daysFrom, seededRandom, type Random } from './random.js';
import { markSeedComplete } from './tenant-registry.js';
import type { SeedCounts } from './types.js';

const STATUSES: readonly TaskStatus[] = ['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'];
const PRIORITIES: readonly TaskPriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
/** 32 tasks on open projects: every status x priority pair twice. */
const OPEN_PROJECT_TASKS = 32;
const TASKS_PER_CLOSED_PROJECT = 3;

/** Ids and creation times are chosen here, not by the database, so rows can point at each other. */
type Row<T> = T & { id: string; createdAt: Date };

interface DemoRows {
  departments: Row<Prisma.DepartmentCreateManyInput>[];
  users: Row<Prisma.UserCreateManyInput>[];
  projects: Row<Prisma.ProjectCreateManyInput>[];
  tasks: Row<Prisma.TaskCreateManyInput>[];
  comments: Row<Prisma.CommentCreateManyInput>[];
  attachments: Row<Prisma.AttachmentCreateManyInput>[];
  notifications: Row<Prisma.NotificationCreateManyInput>[];
  activityEvents: Row<Prisma.ActivityEventCreateManyInput>[];
}

export async function seedDemoCompany(
  database: Database,
  tenantId: string,
  company: DemoCompany,
  passwordHash: string,
  now = new Date(),
): Promise<Partial<SeedCounts>> {
  const rows = buildDemoRows(tenantId, company, passwordHash, now);
  await createTenantDb(database, tenantId).transaction(async (tx) => {
    // Parents before children: the composite foreign keys are checked per statement.
    await tx.department.createMany({ data: rows.departments });
    await tx.user.createMany({ data: rows.users });
    await tx.project.createMany({ data: rows.projects });
    await tx.task.createMany({ data: rows.tasks });
    await tx.comment.createMany({ data: rows.comments });
    await tx.attachment.createMany({ data: rows.attachments });
    await tx.notification.createMany({ data: rows.notifications });
    await tx.activityEvent.createMany({ data: rows.activityEvents });
    await markSeedComplete(tx, tenantId);
  });
  return Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
}

/** Every row of one company, relations wired by the ids chosen here. */
function buildDemoRows(tenantId: string, company: DemoCompany, passwordHash: string, now: Date): DemoRows {
  const rng = seededRandom(company.slug);
  const founded = daysFrom(now, -400);
  const rows: DemoRows = { departments: [], users: [], projects: [], tasks: [], comments: [], attachments: [], notifications: [], activityEvents: [] };
  const event = (actorId: string, verb: string, subjectType: string, subjectId: string, summary: string, createdAt: Date) =>
    rows.activityEvents.push({ id: randomUUID(), tenantId, actorId, verb, subjectType, subjectId, summary, createdAt });

  rows.departments = company.departments.map((d) => ({ id: randomUUID(), tenantId, code: d.code, name: d.name, createdAt: founded }));
  rows.users = company.people.map((p, i) => ({
    id: randomUUID(),
    tenantId,
    email: demoEmail(p, company.slug),
    displayName: p.displayName,
    role: p.role,
    passwordHash,
    departmentId: rows.departments[p.department % rows.departments.length]!.id,
    lastSeenAt: daysFrom(now, -rng.next() * 3),
    createdAt: daysFrom(founded, i),
  }));
  const nameOf = new Map(rows.users.map((u) => [u.id, u.displayName]));
  const workers = rows.users.filter((u) => u.role !== 'VIEWER');

  rows.projects = company.projects.map((p, i) => {
    const createdAt = daysFrom(now, -rng.int(60, 360));
    const project = {
      id: randomUUID(),
      tenantId,
      code: p.code,
      name: p.name,
      description: p.description,
      status: p.status,
      ownerId: workers[i % Math.min(3, workers.length)]!.id,
      startsOn: dateOnly(createdAt, 7),
      dueOn: dateOnly(createdAt, rng.int(120, 420)),
      createdAt,
    };
    event(project.ownerId, 'project.created', 'Project', project.id, `${nameOf.get(project.ownerId)} がプロジェクト「${p.name}」を作成しました`, createdAt);
    return project;
  });

  const open = rows.projects.filter((p) => p.status === 'PLANNED' || p.status === 'ACTIVE' || p.status === 'ON_HOLD');
  const closed = rows.projects.filter((p) => !open.includes(p));
  const plan: { project: (typeof rows.projects)[number]; status: TaskStatus; priority: TaskPriority }[] = [];
  for (let k = 0; k < OPEN_PROJECT_TASKS; k++) {
    plan.push({ project: open[k % open.length]!, status: STATUSES[k % 4]!, priority: PRIORITIES[Math.floor(k / 4) % 4]! });
  }
  for (const project of closed) {
    for (let k = 0; k < TASKS_PER_CLOSED_PROJECT; k++) plan.push({ project, status: 'DONE', priority: PRIORITIES[k % 4]! });
  }

  plan.forEach(({ project, status, priority }, k) => {
    const { createdAt, dueAt, completedAt } = taskDates(rng, now, status, k);
    const assigneeId = k % 9 === 8 ? null : workers[k % workers.length]!.id;
    const title = company.taskTitles[k % company.taskTitles.length]!;
    const task = {
      id: randomUUID(), tenantId, projectId: project.id, title, description: `${project.name} — ${title}`,
      status, priority, assigneeId, dueAt, completedAt, createdAt,
    };
    rows.tasks.push(task);
    const creator = workers[(k + 1) % Math.min(3, workers.length)]!.id;
    event(creator, 'task.created', 'Task', task.id, `${nameOf.get(creator)} がタスク「${title}」を作成しました`, createdAt);
    if (completedAt && assigneeId) {
      event(assigneeId, 'task.completed', 'Task', task.id, `${nameOf.get(assigneeId)} がタスク「${title}」を完了しました`, completedAt);
    }
    if (assigneeId && status !== 'DONE') {
      rows.notifications.push({
        id: randomUUID(), tenantId, userId: assigneeId, kind: 'task.assigned',
        payload: { taskId: task.id, title, projectCode: project.code }, readAt: k % 2 === 0 ? daysFrom(createdAt, 1) : null, createdAt,
      });
    }
    addDiscussion(rows, rng, company, task, workers.map((w) => w.id), nameOf, now, event);
  });
  return rows;
}

/** Open tasks: a third overdue, a third due soon, a third undated. Done tasks carry completedAt. */
function taskDates(rng: Random, now: Date, status: TaskStatus, k: number) {
  if (status === 'DONE') {
    const createdAt = daysFrom(now, -rng.int(20, 300));
    const completedAt = daysFrom(createdAt, rng.int(1, 18));
    return { createdAt, dueAt: daysFrom(createdAt, rng.int(10, 30)), completedAt };
  }
  if (k % 3 === 0) {
    const dueAt = daysFrom(now, -rng.int(1, 14));
    return { createdAt: daysFrom(dueAt, -rng.int(7, 40)), dueAt, completedAt: null };
  }
  const createdAt = daysFrom(now, -rng.int(1, 60));
  return { createdAt, dueAt: k % 3 === 1 ? daysFrom(now, rng.int(1, 30)) : null, completedAt: null };
}

/** Comments on most tasks, an attachment on every third, with their notifications and events. */
function addDiscussion(
  rows: DemoRows,
  rng: Random,
  company: DemoCompany,
  task: Row<Prisma.TaskCreateManyInput>,
  workerIds: string[],
  nameOf: Map<string, string>,
  now: Date,
  event: (actorId: string, verb: string, subjectType: string, subjectId: string, summary: string, createdAt: Date) => void,
): void {
  const tenantId = task.tenantId;
  const end = (task.completedAt as Date | null) ?? now;
  const span = Math.max(1, end.getTime() - task.createdAt.getTime());
  const commentCount = rows.tasks.length % 5 === 0 ? 0 : rng.int(1, 3);
  for (let c = 0; c < commentCount; c++) {
    const authorId = rng.pick(workerIds);
    const createdAt = new Date(task.createdAt.getTime() + span * ((c + rng.next()) / (commentCount + 1)));
    const comment = { id: randomUUID(), tenantId, taskId: task.id, authorId, body: rng.pick(COMMENT_BODIES), createdAt };
    rows.comments.push(comment);
    event(authorId, 'comment.created', 'Comment', comment.id, `${nameOf.get(authorId)} が「${task.title}」にコメントしました`, createdAt);
    if (task.assigneeId && task.assigneeId !== authorId) {
      rows.notifications.push({
        id: randomUUID(), tenantId, userId: task.assigneeId, kind: 'comment.created',
        payload: { taskId: task.id, commentId: comment.id, title: task.title }, readAt: c === 0 ? daysFrom(createdAt, 0.5) : null, createdAt,
      });
    }
  }
  if (rows.tasks.length % 3 === 1) {
    const filename = rng.pick(company.attachmentNames);
    const uploadedById = task.assigneeId ?? workerIds[0]!;
    const createdAt = new Date(task.createdAt.getTime() + span / 3);
    const attachment = {
      id: randomUUID(), tenantId, taskId: task.id, uploadedById, filename, contentType: contentTypeOf(filename),
      // The key layout the upload service uses; no object exists behind it in a demo bucket.
      storageKey: `${tenantId}/${randomUUID()}/${filename}`, size: rng.int(20_000, 4_000_000), status: 'READY' as const, createdAt,
    };
    rows.attachments.push(attachment);
    event(uploadedById, 'attachment.uploaded', 'Attachment', attachment.id, `${nameOf.get(uploadedById)} が「${filename}」を添付しました`, createdAt);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function contentTypeOf(filename: string): string {
  return CONTENT_TYPES[filename.split('.').pop() ?? ''] ?? 'application/octet-stream';
}
