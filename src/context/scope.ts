/**
 * A TenantScope: what every service and loader of one authenticated request (or one subscription
 * event) works with — the viewer, the request's tenant-bound database handle and its DataLoaders.
 *
 * Scopes are opened and finished through this one pair of functions, and each opener owns the
 * finish: the HTTP handler finishes the scopes of its request when Apollo has produced the
 * response (whatever happened: an error, a refusal, a client that went away), and the subscription
 * executor finishes each event's scope when the event's result is ready. Opening costs nothing in
 * the database: the shared read transaction begins on the first read (db/request-db.ts).
 */
import type { Viewer } from '../auth/viewer.js';
import { invalidateForEvents } from '../cache/invalidation.js';
import { createRequestDb, type RequestDb } from '../db/request-db.js';
import { createTenantDb } from '../db/tenant-db.js';
import type { PubSub } from '../pubsub/pubsub.js';
import type { QueuedEvent } from '../pubsub/topics.js';
import type { Dependencies } from './dependencies.js';
import type { Loaders } from './loaders.js';

/**
 * The earliest moment any cached value a result was built from expires (epoch ms): a result
 * cached whole must not outlive its shortest-lived part (see cache/response-cache.ts).
 */
export class ExpiryBound {
  until = Number.POSITIVE_INFINITY;
  atMost(expiresAt: number): void {
    if (expiresAt < this.until) this.until = expiresAt;
  }
}

export interface TenantScope {
  readonly viewer: Viewer;
  readonly db: RequestDb;
  readonly loaders: Loaders;
  readonly deps: Dependencies;
  /** Narrowed by every cached value the request reads. */
  readonly expiry: ExpiryBound;
}

/**
 * How long a write's answer waits for Redis to hand its events to every subscribed pod
 * (`PubSub.delivered`), so that once the mutation has answered, every pod has been sent its
 * invalidation (docs/caching.md, "Read-your-own-writes across pods"); a frozen
 * Redis must not hold the answer longer than this (the event is then late, the 5 s bound holds).
 */
export const EVENT_DELIVERY_WAIT_MS = 250;

async function publishAll(pubsub: PubSub, tenantId: string, events: QueuedEvent[]): Promise<void> {
  await Promise.all(events.map((event) => pubsub.publish(tenantId, event)));
  await pubsub.delivered();
}

function atMost(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function openTenantScope(deps: Dependencies, viewer: Viewer, expiry = new ExpiryBound()): TenantScope {
  const db = createRequestDb(createTenantDb(deps.database, viewer.tenantId), {
    publish: (tenantId, events) => atMost(publishAll(deps.pubsub, tenantId, events), EVENT_DELIVERY_WAIT_MS),
    // The cache forgets what the write changed, on every pod, before anyone hears of it.
    beforePublish: (tenantId, events, position) => invalidateForEvents(deps.cache, tenantId, events, position),
  });
  return { viewer, db, loaders: deps.createLoaders(db), deps, expiry };
}

/**
 * Ends the scope's shared read transaction. Never rejects: a read-only transaction that fails to
 * COMMIT has changed nothing, and the response is already computed.
 */
export async function finishTenantScope(scope: TenantScope | null | undefined): Promise<void> {
  if (!scope) return;
  await scope.db.finish().catch(() => {});
}
