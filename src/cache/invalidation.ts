/**
 * What a write invalidates, on every pod (docs/architecture.md, "Caching"). Every committed
 * write records an ActivityEvent and publishes ACTIVITY_RECORDED for
 * its tenant (modules/activity/record.ts), so that event is the invalidation signal:
 *  - the writing pod bumps the generations in Redis and here BEFORE the event is published and
 *    before the mutation answers (`invalidateForEvents`, called by the request's db after commit),
 *    so its own next read, and any pod re-reading Redis, gets fresh data;
 *  - every pod listens to the event for all tenants (`listenForInvalidations`) and forgets its
 *    copy of those generations, so its in-process entries of that tenant are dropped too.
 */
import type { PubSub } from '../pubsub/pubsub.js';
import type { QueuedEvent, TopicPayloads } from '../pubsub/topics.js';
import type { Logger } from '../observability/logger.js';
import type { Cache, CachedClass } from './cache.js';

/**
 * The classes a recorded activity changes: the dashboard always (it shows the latest activity);
 * master data for tenant and department writes; the user lists for user writes (names, roles,
 * departments, deactivation). Every field's class in cache/sharing-table.ts must be bumped by
 * the writes that change it — this is where that promise is kept.
 */
export function classesChangedBy(activity: TopicPayloads['ACTIVITY_RECORDED']): CachedClass[] {
  switch (activity.subjectType) {
    case 'Tenant':
    case 'Department':
      return ['dashboard', 'master'];
    case 'User':
      return ['dashboard', 'user_list'];
    default:
      return ['dashboard'];
  }
}

function changedClasses(events: QueuedEvent[]): Set<CachedClass> {
  const classes = new Set<CachedClass>();
  for (const event of events) if (event.name === 'ACTIVITY_RECORDED') for (const c of classesChangedBy(event.payload)) classes.add(c);
  return classes;
}

/**
 * The writer's side: awaited after commit, before the events are published, with the writer's
 * log position after that commit (the new generations carry it). Never rejects.
 */
export async function invalidateForEvents(cache: Cache, tenantId: string, events: QueuedEvent[], position = 0): Promise<void> {
  await Promise.all([...changedClasses(events)].map((cacheClass) => cache.invalidate(tenantId, cacheClass, position)));
}

/** Every pod's side: resolves once listening; the returned function stops it. */
export async function listenForInvalidations(cache: Cache, pubsub: PubSub, logger: Logger): Promise<() => void> {
  return pubsub.subscribeAllTenants('ACTIVITY_RECORDED', (tenantId, payload) => {
    try {
      for (const cacheClass of classesChangedBy(payload)) cache.forgetGeneration(tenantId, cacheClass);
    } catch (err) {
      logger.warn({ err, tenantId }, 'cache: invalidation event not applied');
    }
  });
}
