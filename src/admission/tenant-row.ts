/**
 * The tenant's row as master data (cached an hour, src/cache/): read by the tenant module for the
 * `tenant` field and, before any request scope exists, by admission for `rateLimitPerMinute`.
 * Both read it under the same cache key and codec, so one write (updateTenant's activity)
 * invalidates it for both on every pod.
 */
import type { Cache } from '../cache/cache.js';
import { dateFields } from '../cache/cache.js';
import type { Database } from '../db/database.js';
import { createTenantDb } from '../db/tenant-db.js';
import type { Tenant } from '../generated/prisma/client.js';

export const TENANT_ROW_KEY = 'tenant';
export const tenantRowCodec = dateFields<Tenant>('createdAt', 'updatedAt');

/**
 * The cached row, for the request pipeline (no request scope): a miss reads it in a short
 * transaction of its own — on the replica only if it has applied the writes of the generation
 * the row is stored under, else on the writer (so `rateLimitPerMinute` is never refilled stale).
 */
export function getTenantOutsideRequest(deps: { cache: Cache; database: Database }, tenantId: string): Promise<Tenant> {
  return deps.cache.getOrLoad(
    tenantId,
    'master',
    TENANT_ROW_KEY,
    (position) => createTenantDb(deps.database, tenantId).readSince(position, (tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } })),
    { codec: tenantRowCodec },
  );
}
