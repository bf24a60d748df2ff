/**
 * `npm run tenant -- <command>` — the operator's knobs on one tenant, for what the API does not
 * let tenants change themselves:
 *
 *   show <tenant-slug>                    the tenant's row (plan, rateLimitPerMinute, …) on the writer
 *   set-rate-limit <tenant-slug> <n>      sets Tenant.rateLimitPerMinute (requests per minute, ≥ 1)
 *
 * A change commits on the writer, then bumps the tenant's `master` cache generation in Redis with
 * the writer's log position (src/cache/cache.ts), as a write through the API does: every pod
 * re-reads its generations at least every GENERATION_TTL_MS (5 s), misses, and refills the row
 * from the writer or from a replica that has applied the change — so the new limit counts on
 * every pod within seconds, well inside one 60-second rate window. Uses DATABASE_URL,
 * DATABASE_REPLICA_URL, DB_REPLICA_POSITION and REDIS_URL like the server.
 */
import { loadConfig } from '../config.js';
import { loadEnvFile } from '../env-file.js';
import { createDatabase, type Database } from '../db/database.js';
import { createTenantDb, runWithoutTenant } from '../db/tenant-db.js';
import { createCache } from '../cache/cache.js';
import { createLogger } from '../observability/logger.js';
import { createRedis } from '../redis.js';
import { runCli } from '../cli.js';

const USAGE = 'usage: npm run tenant -- show <tenant-slug> | set-rate-limit <tenant-slug> <requests-per-minute>';

class UsageError extends Error {}

async function tenantIdOf(database: Database, slug: string): Promise<string> {
  const [row] = await runWithoutTenant(database, (tx) => tx.$queryRaw<{ id: string | null }[]>`SELECT tenant_id_for_slug(${slug})::text AS id`);
  if (!row?.id) throw new UsageError(`no tenant with slug "${slug}"`);
  return row.id;
}

runCli(async () => {
  loadEnvFile();
  const [command, slug, value] = process.argv.slice(2);
  if (!slug || (command !== 'show' && command !== 'set-rate-limit')) throw new UsageError(USAGE);
  const limit = Number(value);
  if (command === 'set-rate-limit' && !(Number.isInteger(limit) && limit >= 1 && limit <= 2_147_483_647)) {
    throw new UsageError(`requests-per-minute must be a whole number from 1 (got "${value ?? ''}")\n${USAGE}`);
  }
  const config = loadConfig();
  const database = await createDatabase(config);
  const redis = config.REDIS_URL ? createRedis(config.REDIS_URL, 'tenant-cli') : undefined;
  try {
    const tenantId = await tenantIdOf(database, slug);
    const db = createTenantDb(database, tenantId);
    if (command === 'set-rate-limit') {
      await db.transaction((tx) => tx.tenant.update({ where: { id: tenantId }, data: { rateLimitPerMinute: limit } }));
      const position = await db.writerPosition();
      const logger = createLogger({ LOG_LEVEL: 'warn' });
      const cache = createCache({ redis, metrics: { recordCacheLookup: () => {} }, logger });
      await cache.invalidate(tenantId, 'master', position);
      console.log(`${slug}: rateLimitPerMinute = ${limit}${redis ? ' (cache invalidated: every pod within 5 s)' : ' (no REDIS_URL: restart running servers to apply)'}`);
    }
    const tenant = await db.transaction((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }));
    console.log(JSON.stringify({ id: tenant.id, slug: tenant.slug, name: tenant.name, plan: tenant.plan, rateLimitPerMinute: tenant.rateLimitPerMinute }));
  } finally {
    redis?.disconnect();
    await database.close();
  }
}, [UsageError]);
