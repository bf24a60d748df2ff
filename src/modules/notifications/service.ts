/**
 * A viewer's notifications: every query names `userId = viewer.userId`, because RLS only
 * separates tenants — inside a tenant, one user's notifications are not another's to read or mark.
 * Any role (VIEWER included) may read and mark their own.
 *
 * Marking as read records no ActivityEvent: it is the reader's bookkeeping, not a change to the
 * tenant's work that the activity feed reports.
 */
import type { TenantScope } from '../../context/context.js';
import { NotFoundError } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import { pageOf, parsePage, type PageArgs } from '../common/pagination.js';
import type { Notification, NotificationConnection } from '../models.js';

export async function listNotifications(scope: TenantScope, args: PageArgs & { unreadOnly?: boolean | null }): Promise<NotificationConnection> {
  const mine = Prisma.sql`t.user_id = ${scope.viewer.userId}::uuid`;
  const unread = Prisma.sql`t.read_at IS NULL`;
  const connection = await pageOf<Notification>(scope.db, { table: 'notifications', conditions: args.unreadOnly ? [mine, unread] : [mine] }, parsePage(args));
  let unreadTotal: Promise<number> | undefined;
  // Like totalCount: counted only when a client selects it, at most once. Independent of unreadOnly.
  const unreadCount = () =>
    (unreadTotal ??= scope.db.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM notifications t WHERE ${mine} AND ${unread}`).then(([row]) => row!.n));
  return { ...connection, unreadCount };
}

/** One of the viewer's own notifications; null when it is someone else's or gone. */
export async function findOwnNotification(scope: TenantScope, id: string): Promise<Notification | null> {
  const [notification] = await scope.db.query<Notification>(
    Prisma.sql`SELECT * FROM notifications WHERE id = ${id}::uuid AND user_id = ${scope.viewer.userId}::uuid`,
  );
  return notification ?? null;
}

/** Idempotent: an already read notification keeps its first readAt. */
export function markNotificationRead(scope: TenantScope, id: string): Promise<Notification> {
  return scope.db.write(async (tx) => {
    const notification = await tx.notification.findFirst({ where: { id, userId: scope.viewer.userId } });
    // Someone else's notification gives the same answer as a missing one: its existence is not ours to know.
    if (!notification) throw new NotFoundError('Notification', id);
    if (notification.readAt) return notification;
    return tx.notification.update({ where: { id }, data: { readAt: new Date() } });
  });
}

/** How many of the viewer's unread notifications were marked. */
export function markAllNotificationsRead(scope: TenantScope): Promise<number> {
  return scope.db.write(async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { userId: scope.viewer.userId, readAt: null }, data: { readAt: new Date() } });
    return count;
  });
}
