/**
 * What an authenticated GraphQL request must pass before it is served, from the cache or not:
 * its tenant's rate limit (tenant-rate-limit.ts), against `Tenant.rateLimitPerMinute` from the
 * cached master data (a hit costs no SQL; a miss reads the row in a transaction of its own, so
 * no request scope is opened and none can be left open by a refusal). Anonymous requests (login,
 * refresh) are not counted here; login has its own throttle. Throws RATE_LIMITED (429).
 *
 * A service of its own, below both callers: the HTTP front door (server/http.ts) and every
 * subscribe over WebSocket (realtime/limits.ts) admit through this one function.
 */
import type { Viewer } from '../auth/viewer.js';
import type { Cache } from '../cache/cache.js';
import type { Database } from '../db/database.js';
import type { TenantRateLimiter } from './tenant-rate-limit.js';
import { getTenantOutsideRequest } from './tenant-row.js';

export interface AdmissionDeps {
  cache: Cache;
  database: Database;
  rateLimiter: TenantRateLimiter;
}

export async function admitRequest(deps: AdmissionDeps, viewer: Viewer): Promise<void> {
  const tenant = await getTenantOutsideRequest(deps, viewer.tenantId);
  await deps.rateLimiter.consume(tenant.id, tenant.rateLimitPerMinute);
}
