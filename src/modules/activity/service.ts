/** The tenant's activity feed: what changed, newest first (written by recordActivity in record.ts). */
import type { TenantScope } from '../../context/context.js';
import { Prisma } from '../../generated/prisma/client.js';
import { pageOf, parsePage, type Connection, type PageArgs } from '../common/pagination.js';
import type { ActivityEvent } from '../models.js';

export interface ActivityFilter {
  subjectType?: string | null;
  subjectId?: string | null;
  actorId?: string | null;
}

export function listActivity(scope: TenantScope, args: PageArgs & { filter?: ActivityFilter | null }): Promise<Connection<ActivityEvent>> {
  const f = args.filter ?? {};
  const conditions = [
    ...(f.subjectType ? [Prisma.sql`t.subject_type = ${f.subjectType}`] : []),
    ...(f.subjectId ? [Prisma.sql`t.subject_id = ${f.subjectId}::uuid`] : []),
    ...(f.actorId ? [Prisma.sql`t.actor_id = ${f.actorId}::uuid`] : []),
  ];
  return pageOf(scope.db, { table: 'activity_events', conditions }, parsePage(args));
}

/** One event by id (null when it is not visible in the scope's tenant): what a live event names. */
export async function findActivityEvent(scope: TenantScope, id: string): Promise<ActivityEvent | null> {
  const [event] = await scope.db.query<ActivityEvent>(Prisma.sql`SELECT * FROM activity_events WHERE id = ${id}::uuid`);
  return event ?? null;
}
