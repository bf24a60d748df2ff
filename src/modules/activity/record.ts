/**
 * Every write records what happened as an ActivityEvent inside the same transaction, so the
 * activity feed never shows a change that rolled back, nor misses one that committed. The live
 * ACTIVITY_RECORDED event (ids only) is queued on the write and published once it commits.
 */
import type { TenantTx } from '../../db/tenant-db.js';
import type { TenantScope } from '../../context/context.js';
import { encodeCursor } from '../common/pagination.js';

export interface ActivityInput {
  verb: string;
  subjectType: 'Tenant' | 'User' | 'Department' | 'Project' | 'Task' | 'Comment' | 'Attachment' | 'Notification';
  subjectId: string;
  summary: string;
}

export async function recordActivity(tx: TenantTx, scope: TenantScope, activity: ActivityInput): Promise<void> {
  const event = await tx.activityEvent.create({
    data: { tenantId: scope.viewer.tenantId, actorId: scope.viewer.userId, ...activity, summary: activity.summary.slice(0, 500) },
  });
  scope.db.publishAfterCommit(tx, {
    name: 'ACTIVITY_RECORDED',
    payload: { activityEventId: event.id, verb: event.verb, subjectType: event.subjectType, subjectId: event.subjectId, cursor: encodeCursor(event) },
  });
}
