/** The tenant's activity feed: what changed, newest first (written by recordActivity in record.ts). */
import type { TenantScope } from '../../context/context.js';
import { Prisma } from '../../generated/prisma/client.js';
import { BadUserInputError, LimitExceededError } from '../../errors.js';
import { allOf, decodeCursor, orderOf, pageOf, parsePage, positionAfter, type Connection, type PageArgs, type Position } from '../common/pagination.js';
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

/**
 * The event a live message names. It was published after its commit, so a miss on a replica that
 * has not applied that commit yet is asked again on the writer (free without a replica).
 */
export async function findLiveActivityEvent(scope: TenantScope, id: string): Promise<ActivityEvent | null> {
  const found = await findActivityEvent(scope, id);
  if (found) return found;
  await scope.db.requirePosition(await scope.deps.database.writerPosition());
  return findActivityEvent(scope, id);
}

/**
 * The position an `after` cursor names, refused unless it is an event of the scope's tenant (RLS
 * hides the others): a garbage cursor, or one from another organisation, is BAD_USER_INPUT.
 */
export async function replayPosition(scope: TenantScope, cursor: string): Promise<Position> {
  const position = decodeCursor(cursor);
  const [known] = await scope.db.query<{ id: string }>(
    Prisma.sql`SELECT id FROM activity_events WHERE id = ${position.id}::uuid AND created_at = ${position.createdAt}::timestamptz`,
  );
  if (!known) {
    throw new BadUserInputError('after: not the cursor of an event of your organisation', { after: 'not an event of this organisation' });
  }
  return position;
}

/**
 * Every event after `position`, oldest first in the cursor's order ((createdAt, id)), for a
 * subscription resumed with `after`; `conditions` narrow it (on alias `t`). More than `max` is
 * LIMIT_EXCEEDED: the client refetches the current state and subscribes again.
 */
export async function activitySince(scope: TenantScope, position: Position, max: number, conditions: Prisma.Sql[] = []): Promise<ActivityEvent[]> {
  const rows = await scope.db.query<ActivityEvent>(Prisma.sql`
    SELECT t.* FROM activity_events t
     WHERE ${allOf([...conditions, ...positionAfter(position, 'oldest')])}
     ORDER BY ${orderOf('oldest')}
     LIMIT ${max + 1}`);
  if (rows.length > max) {
    throw new LimitExceededError(
      'replay',
      max,
      `More than ${max} events happened since this cursor: fetch the current state, then subscribe again (with the newest cursor, or without after)`,
    );
  }
  return rows;
}
