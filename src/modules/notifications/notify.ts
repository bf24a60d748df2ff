/**
 * Notifications are written in the transaction of the change that causes them. Nobody is
 * notified of their own actions. Each one is announced live (NOTIFICATION_CREATED, ids only) once
 * that transaction commits, for `Subscription.notificationReceived`.
 */
import type { TenantScope } from '../../context/context.js';
import type { TenantTx } from '../../db/tenant-db.js';

export async function notify(
  tx: TenantTx,
  scope: TenantScope,
  notification: { userId: string | null | undefined; kind: string; payload: Record<string, unknown> },
): Promise<void> {
  if (!notification.userId || notification.userId === scope.viewer.userId) return;
  const created = await tx.notification.create({
    data: {
      tenantId: scope.viewer.tenantId,
      userId: notification.userId,
      kind: notification.kind,
      payload: { ...notification.payload, actorId: scope.viewer.userId },
    },
  });
  scope.db.publishAfterCommit(tx, { name: 'NOTIFICATION_CREATED', payload: { notificationId: created.id, userId: created.userId } });
}
