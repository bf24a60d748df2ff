/**
 * The live ACTIVITY_RECORDED stream of a subscription, resumed from the client's `after` cursor
 * when it gives one: subscribed to the tenant's topic first, then every event since the cursor is
 * read from PostgreSQL (in a tenant scope of its own, under RLS like any read) and sent before the
 * live ones, each event once (streams.ts, `replayThenLive`). At most SUBSCRIPTION_REPLAY_MAX are
 * replayed; past it the subscribe is refused with LIMIT_EXCEEDED (docs/live-updates.md).
 */
import type { Context } from '../../context/context.js';
import { finishTenantScope, openTenantScope } from '../../context/scope.js';
import { UnauthenticatedError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { mapStream, replayThenLive, SKIP, type EventStream } from '../../pubsub/streams.js';
import { subscribeToTenant } from '../../pubsub/subscriptions.js';
import type { TopicPayloads } from '../../pubsub/topics.js';
import { decodeCursor, encodeCursor } from '../common/pagination.js';
import type { ActivityEvent } from '../models.js';
import { activitySince, replayPosition } from './service.js';

/** A live event, or a replayed one carrying the row it was read from (no second read to resolve it). */
export type ActivityRecorded = TopicPayloads['ACTIVITY_RECORDED'] & { readonly row?: ActivityEvent };

/** Which events a subscription wants: `live` tests a live event, `replay` (SQL on alias `t`) says the same of a row. */
export interface ActivitySelection {
  live: (event: TopicPayloads['ACTIVITY_RECORDED']) => boolean;
  replay: Prisma.Sql[];
}

export const EVERY_EVENT: ActivitySelection = { live: () => true, replay: [] };

export async function subscribeToActivity(ctx: Context, after: string | null | undefined, selection: ActivitySelection = EVERY_EVENT): Promise<EventStream<ActivityRecorded>> {
  const viewer = ctx.viewer;
  if (!viewer) throw ctx.authError ?? new UnauthenticatedError();
  const position = after ? decodeCursor(after) : null; // a malformed cursor is refused before anything is subscribed
  const topic: EventStream<ActivityRecorded> = await subscribeToTenant(ctx, 'ACTIVITY_RECORDED');
  const live = selection === EVERY_EVENT ? topic : mapStream(topic, (event) => (selection.live(event) ? event : SKIP));
  if (!after || !position) return live;
  return replayThenLive(
    live,
    async () => {
      const scope = openTenantScope(ctx.deps, viewer);
      try {
        // Everything committed before the live topic was subscribed must be read: a replica that
        // has not applied that far would hide it, so the replay then reads on the writer.
        await scope.db.requirePosition(await ctx.deps.database.writerPosition());
        await replayPosition(scope, after);
        const rows = await activitySince(scope, position, ctx.deps.config.SUBSCRIPTION_REPLAY_MAX, selection.replay);
        return rows.map((row) => ({
          activityEventId: row.id, verb: row.verb, subjectType: row.subjectType, subjectId: row.subjectId, cursor: encodeCursor(row), row,
        }));
      } finally {
        await finishTenantScope(scope);
      }
    },
    (event) => event.activityEventId,
  );
}
