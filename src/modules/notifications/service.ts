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
import type { Prisma } from '../../generated/prisma/client.js';
import { afterWhere, orderBy, parsePage, toConnection, type PageArgs } from '../common/pagination.js';
import type { Notification, NotificationConnection } from '../models.js';

export function listNotifications(scope: TenantScope, args: PageArgs & { unreadOnly?: boolean | null }): Promise<NotificationConnection> {
  const page = parsePage(args);
  const mine: Prisma.NotificationWhereInput = { userId: scope.viewer.userId };
  const where: Prisma.NotificationWhereInput = args.unreadOnly ? { ...mine, readAt: null } : mine;
  return scope.db.read(async (tx) => {
    const rows = await tx.notification.findMany({ where: { ...where, ...afterWhere(page.after) }, orderBy: [...orderBy()], take: page.first + 1 });
    const connection = toConnection(rows, page, () => scope.db.read((t) => t.notification.count({ where })));
    let unread: Promise<number> | undefined;
    // Like totalCount: counted only when a client selects it, at most once. Independent of unreadOnly.
    const unreadCount = () => (unread ??= scope.db.read((t) => t.notification.count({ where: { ...mine, readAt: null } })));
    return { ...connection, unreadCount };
  });
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
