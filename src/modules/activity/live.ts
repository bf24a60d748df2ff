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
import { replayThenLive, type EventStream } from '../../pubsub/streams.js';
import { subscribeToTenant } from '../../pubsub/subscriptions.js';
import type { TopicPayloads } from '../../pubsub/topics.js';
import { decodeCursor } from '../common/pagination.js';
import type { ActivityEvent } from '../models.js';
import { activitySince, replayPosition } from './service.js';

/** A live event, or a replayed one carrying the row it was read from (no second read to resolve it). */
export type ActivityRecorded = TopicPayloads['ACTIVITY_RECORDED'] & { readonly row?: ActivityEvent };

export async function subscribeToActivity(ctx: Context, after: string | null | undefined, replayConditions: Prisma.Sql[] = []): Promise<EventStream<ActivityRecorded>> {
  const viewer = ctx.viewer;
  if (!viewer) throw ctx.authError ?? new UnauthenticatedError();
  if (!after) return subscribeToTenant(ctx, 'ACTIVITY_RECORDED');
  const position = decodeCursor(after); // a malformed cursor is refused before anything is subscribed
  const live: EventStream<ActivityRecorded> = await subscribeToTenant(ctx, 'ACTIVITY_RECORDED');
  return replayThenLive(
    live,
    async () => {
      const scope = openTenantScope(ctx.deps, viewer);
      try {
        await replayPosition(scope, after);
        const rows = await activitySince(scope, position, ctx.deps.config.SUBSCRIPTION_REPLAY_MAX, replayConditions);
        return rows.map((row) => ({ activityEventId: row.id, verb: row.verb, subjectType: row.subjectType, subjectId: row.subjectId, row }));
      } finally {
        await finishTenantScope(scope);
      }
    },
    (event) => event.activityEventId,
  );
}
