/**
 * Comment rules: MEMBERs comment on tasks; an author edits and deletes their own comments, and
 * only a moderator (ADMIN) may touch someone else's. Adding a comment notifies the task's
 * assignee. Every change records an ActivityEvent in its own transaction.
 */
import { z } from 'zod';
import { assertCan } from '../../auth/permissions.js';
import type { TenantScope } from '../../context/context.js';
import type { TenantTx } from '../../db/tenant-db.js';
import { recordActivity } from '../activity/record.js';
import { findOrThrow } from '../common/lookups.js';
import { parseInput } from '../common/validation.js';
import type { Comment } from '../models.js';
import { notify } from '../notifications/notify.js';

export const MAX_COMMENT_LENGTH = 10_000;

const body = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_COMMENT_LENGTH, `at most ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters`);

export async function addComment(scope: TenantScope, taskId: string, rawBody: string): Promise<Comment> {
  assertCan(scope.viewer, 'comment:write');
  // `body` is an argument, not an input object: the field in errors is "body". (taskId is a UUID scalar.)
  const text = parseInput(body, rawBody, 'body');
  return scope.db.write(async (tx) => {
    const task = await findOrThrow(tx.task, 'Task', taskId);
    const comment = await tx.comment.create({
      data: { tenantId: scope.viewer.tenantId, taskId: task.id, authorId: scope.viewer.userId, body: text },
    });
    await recordActivity(tx, scope, { verb: 'comment.added', subjectType: 'Comment', subjectId: comment.id, summary: `commented on "${task.title}"` });
    await notify(tx, scope, { userId: task.assigneeId, kind: 'comment.added', payload: { taskId: task.id, commentId: comment.id, title: task.title } });
    return comment;
  });
}

export async function editComment(scope: TenantScope, id: string, rawBody: string): Promise<Comment> {
  assertCan(scope.viewer, 'comment:write');
  const text = parseInput(body, rawBody, 'body');
  return scope.db.write(async (tx) => {
    await findOwnOrModerated(tx, scope, id);
    const comment = await tx.comment.update({ where: { id }, data: { body: text } });
    await recordActivity(tx, scope, { verb: 'comment.edited', subjectType: 'Comment', subjectId: id, summary: 'edited a comment' });
    return comment;
  });
}

export async function deleteComment(scope: TenantScope, id: string): Promise<{ id: string }> {
  assertCan(scope.viewer, 'comment:write');
  return scope.db.write(async (tx) => {
    await findOwnOrModerated(tx, scope, id);
    await tx.comment.delete({ where: { id } });
    await recordActivity(tx, scope, { verb: 'comment.deleted', subjectType: 'Comment', subjectId: id, summary: 'deleted a comment' });
    return { id };
  });
}

/** NOT_FOUND when absent (or in another tenant); FORBIDDEN when it is someone else's and the viewer is no moderator. */
async function findOwnOrModerated(tx: TenantTx, scope: TenantScope, id: string): Promise<Comment> {
  const comment = await findOrThrow(tx.comment, 'Comment', id);
  if (comment.authorId !== scope.viewer.userId) assertCan(scope.viewer, 'comment:moderate');
  return comment;
}
