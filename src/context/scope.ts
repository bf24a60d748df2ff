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

export function openTenantScope(deps: Dependencies, viewer: Viewer, expiry = new ExpiryBound()): TenantScope {
  const db = createRequestDb(createTenantDb(deps.database, viewer.tenantId), {
    publish: (tenantId, event) => void deps.pubsub.publish(tenantId, event),
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
