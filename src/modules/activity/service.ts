/** The tenant's activity feed: what changed, newest first (written by recordActivity in record.ts). */
import type { TenantScope } from '../../context/context.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { afterWhere, orderBy, parsePage, toConnection, type Connection, type PageArgs } from '../common/pagination.js';
import type { ActivityEvent } from '../models.js';

export interface ActivityFilter {
  subjectType?: string | null;
  subjectId?: string | null;
  actorId?: string | null;
}

export function listActivity(scope: TenantScope, args: PageArgs & { filter?: ActivityFilter | null }): Promise<Connection<ActivityEvent>> {
  const page = parsePage(args);
  const f = args.filter ?? {};
  const where: Prisma.ActivityEventWhereInput = {
    ...(f.subjectType && { subjectType: f.subjectType }),
    ...(f.subjectId && { subjectId: f.subjectId }),
    ...(f.actorId && { actorId: f.actorId }),
  };
  return scope.db.read(async (tx) => {
    const rows = await tx.activityEvent.findMany({ where: { ...where, ...afterWhere(page.after) }, orderBy: [...orderBy()], take: page.first + 1 });
    return toConnection(rows, page, () => scope.db.read((t) => t.activityEvent.count({ where })));
  });
}

/** One event by id (null when it is not visible in the scope's tenant): what a live event names. */
export function findActivityEvent(scope: TenantScope, id: string): Promise<ActivityEvent | null> {
  return scope.db.read((tx) => tx.activityEvent.findUnique({ where: { id } }));
}
