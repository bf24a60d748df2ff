/**
 * The viewer's own tenant: anyone signed in reads it, only an OWNER changes it. The tenant id
 * always comes from the verified token, never from input, and RLS lets the app role see only
 * that one row of `tenants` anyway.
 */
import { z } from 'zod';
import { assertCan } from '../../auth/permissions.js';
import type { TenantScope } from '../../context/context.js';
import { TENANT_ROW_KEY, tenantRowCodec } from '../../admission/tenant-row.js';
import { Prisma } from '../../generated/prisma/client.js';
import { recordActivity } from '../activity/record.js';
import { name, parseInput } from '../common/validation.js';
import type { Tenant } from '../models.js';

/** Settings are loaded with the tenant on many requests: keep them small (16 KiB serialized). */
export const MAX_SETTINGS_BYTES = 16 * 1024;

/** Master data (cached an hour, src/cache/): updateTenant's activity invalidates it on every pod. */
export function getTenant(scope: TenantScope): Promise<Tenant> {
  return scope.deps.cache.getOrLoad(
    scope.viewer.tenantId,
    'master',
    TENANT_ROW_KEY,
    async (position) => {
      await scope.db.requirePosition(position); // never fill from a replica behind the generation's writes
      return (await scope.db.query<Tenant>(Prisma.sql`SELECT * FROM tenants WHERE id = ${scope.viewer.tenantId}::uuid`))[0]!;
    },
    { codec: tenantRowCodec, onExpiry: (at) => scope.expiry.atMost(at) },
  );
}

const isJsonObject = (value: unknown): value is Prisma.InputJsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const settings = z
  .custom<Prisma.InputJsonObject>(isJsonObject, 'must be a JSON object (send {} to clear the settings)')
  .superRefine((value, ctx) => {
    const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (bytes > MAX_SETTINGS_BYTES) ctx.addIssue({ code: 'custom', message: `is ${bytes} bytes of JSON; at most ${MAX_SETTINGS_BYTES} (16 KiB)` });
  });

// `settings: null` is refused rather than ignored: a client sending it most likely meant "clear".
const updateInput = z.object({ name: name.nullish(), settings: settings.optional() });

export async function updateTenant(scope: TenantScope, rawInput: unknown): Promise<Tenant> {
  assertCan(scope.viewer, 'tenant:manage');
  const input = parseInput(updateInput, rawInput, 'input');
  const changed = [...(input.name != null ? ['name'] : []), ...(input.settings !== undefined ? ['settings'] : [])];
  return scope.db.write(async (tx) => {
    const tenant = await tx.tenant.update({
      where: { id: scope.viewer.tenantId },
      data: {
        ...(input.name != null && { name: input.name }),
        ...(input.settings !== undefined && { settings: input.settings }),
      },
    });
    await recordActivity(tx, scope, {
      verb: 'tenant.updated',
      subjectType: 'Tenant',
      subjectId: tenant.id,
      summary: changed.length ? `updated the tenant's ${changed.join(' and ')}` : 'updated the tenant (no changes)',
    });
    return tenant;
  });
}
