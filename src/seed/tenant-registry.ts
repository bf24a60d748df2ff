/**
 * The tenants registry side of the seed. `tenants` is the one table above the tenants, written by
 * the owner connection (database.writer); everything inside a tenant goes through createTenantDb.
 *
 * A tenant's settings record its seed: `seed.status` is 'in-progress' from the moment the row is
 * created until the last batch of its data commits ('complete'). That is how a rerun tells a
 * finished tenant (skip quietly) from one an interrupted run left half-written (skip, and say so).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { TenantTx } from '../db/tenant-db.js';
import type { SeededTenant } from './types.js';

export interface TenantSpec {
  slug: string;
  name: string;
  plan: string;
}

type SeedKind = 'demo' | 'scale';

interface SeedMark {
  kind?: SeedKind;
  status?: 'in-progress' | 'complete';
}

export interface ClaimResult {
  tenants: SeededTenant[];
  /** Slugs whose data an earlier seed run finished: their demo logins are valid. */
  completeSlugs: Set<string>;
}

/**
 * Creates the registry rows of every spec whose slug is free, and reports the others as skipped.
 * Safe against a concurrent run: slugs are unique, so of two runs creating the same slug one wins
 * and the other finds that slug taken by a row it did not create, and skips it.
 */
export async function claimTenants(database: Database, specs: TenantSpec[], kind: SeedKind): Promise<ClaimResult> {
  const slugs = specs.map((s) => s.slug);
  const existing = await database.writer.tenant.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, name: true, settings: true },
  });
  const taken = new Set(existing.map((t) => t.slug));
  const fresh = specs.filter((s) => !taken.has(s.slug)).map((s) => ({ ...s, id: randomUUID() }));
  if (fresh.length > 0) {
    await database.writer.tenant.createMany({
      data: fresh.map((t) => ({
        id: t.id,
        slug: t.slug,
        name: t.name,
        plan: t.plan,
        settings: { locale: 'ja-JP', timeZone: 'Asia/Tokyo', seed: { kind, status: 'in-progress' } },
      })),
      skipDuplicates: true,
    });
  }
  const createdIds = new Set(
    (await database.writer.tenant.findMany({ where: { id: { in: fresh.map((t) => t.id) } }, select: { id: true } })).map((t) => t.id),
  );
  const lostRace = fresh.filter((t) => !createdIds.has(t.id)).map((t) => t.slug);
  const latecomers = lostRace.length
    ? await database.writer.tenant.findMany({ where: { slug: { in: lostRace } }, select: { id: true, slug: true, name: true, settings: true } })
    : [];

  const bySlug = new Map<string, SeededTenant>();
  const completeSlugs = new Set<string>();
  for (const row of [...existing, ...latecomers]) {
    const mark = seedMarkOf(row.settings);
    bySlug.set(row.slug, { slug: row.slug, name: row.name, id: row.id, outcome: mark.status === 'in-progress' ? 'skipped-incomplete' : 'skipped' });
    if (mark.status === 'complete' && mark.kind === kind) completeSlugs.add(row.slug);
  }
  for (const t of fresh) {
    if (createdIds.has(t.id)) bySlug.set(t.slug, { slug: t.slug, name: t.name, id: t.id, outcome: 'created' });
  }
  return { tenants: slugs.map((slug) => bySlug.get(slug)!), completeSlugs };
}

/** Marks the tenant's seed complete; run it inside the tenant's last data transaction. */
export async function markSeedComplete(tx: TenantTx, tenantId: string): Promise<void> {
  // The app role may update its own tenant row (RLS policy on tenants); jsonb_set keeps any other settings.
  await tx.$executeRawUnsafe(
    `UPDATE tenants SET settings = jsonb_set(settings, '{seed,status}', '"complete"'), updated_at = now() WHERE id = $1::uuid`,
    tenantId,
  );
}

function seedMarkOf(settings: unknown): SeedMark {
  if (typeof settings !== 'object' || settings === null || !('seed' in settings)) return {};
  const seed = (settings as { seed: unknown }).seed;
  return typeof seed === 'object' && seed !== null ? (seed as SeedMark) : {};
}
