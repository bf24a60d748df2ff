/**
 * What an authenticated GraphQL request must pass before it is served, from the cache or not:
 * its tenant's rate limit (tenant-rate-limit.ts), against `Tenant.rateLimitPerMinute` from the
 * cached master data (a hit costs no SQL; a miss reads the row in a transaction of its own, so
 * no request scope is opened and none can be left open by a refusal). Anonymous requests (login,
 * refresh) are not counted here; login has its own throttle. Throws RATE_LIMITED (429).
 */
import type { Viewer } from '../auth/viewer.js';
import { getTenantOutsideRequest } from '../modules/tenant/service.js';
import type { Dependencies } from './dependencies.js';

export async function admitRequest(deps: Pick<Dependencies, 'cache' | 'database' | 'rateLimiter'>, viewer: Viewer): Promise<void> {
  const tenant = await getTenantOutsideRequest(deps, viewer.tenantId);
  await deps.rateLimiter.consume(tenant.id, tenant.rateLimitPerMinute);
}
