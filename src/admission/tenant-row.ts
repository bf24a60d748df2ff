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

/** The cached row, for the request pipeline (no request scope): a miss reads it in a short transaction of its own. */
export function getTenantOutsideRequest(deps: { cache: Cache; database: Database }, tenantId: string): Promise<Tenant> {
  return deps.cache.getOrLoad(
    tenantId,
    'master',
    TENANT_ROW_KEY,
    () => createTenantDb(deps.database, tenantId).read((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } })),
    { codec: tenantRowCodec },
  );
}
