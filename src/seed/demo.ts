/**
 * seedDemo: fills a migrated database with demo data, in one of two modes.
 *
 *  - Demo (no options): the hand-written companies of demo-companies.ts, every role, every status.
 *  - Scale (any of tenants/users/tasks): N generated tenants with M users and K tasks EACH, for
 *    load tests; rows are generated server-side (scale-sql.ts).
 *
 * Rules both modes keep:
 *  - tenants are registry rows written by the owner connection; every row INSIDE a tenant is
 *    written through createTenantDb, i.e. as the RLS-restricted app role with the tenant set;
 *  - idempotent per tenant: a slug that already exists is skipped and reported, never touched;
 *  - one password for every demo login, hashed once (scrypt is deliberately slow).
 */
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/database.js';
import { DEMO_COMPANIES, DEMO_PASSWORD, demoEmail } from './demo-companies.js';
import { seedDemoCompany } from './demo-tenant.js';
import { isScaleMode, planScale, scaleLogins, scaleTenantSpecs, type ScalePlan } from './scale-plan.js';
import { seedScaleTenant } from './scale-tenant.js';
import { claimTenants, type ClaimResult } from './tenant-registry.js';
import { addCounts, emptyCounts, type DemoLogin, type SeedOptions, type SeedResult, type SeededTenant } from './types.js';

export type { DemoLogin, SeedCounts, SeedOptions, SeedResult, SeededTenant } from './types.js';
export { DEMO_PASSWORD } from './demo-companies.js';

export async function seedDemo(database: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  // PGlite runs the same SQL several times slower; smaller batches keep each transaction well
  // inside the default 10 s timeout there.
  const taskBatchSize = options.taskBatchSize ?? (database.kind === 'pglite' ? 10_000 : 25_000);
  const result = isScaleMode(options)
    ? await seedScale(database, planScale({ ...options, taskBatchSize }), options)
    : await seedCompanies(database, options);
  return { ...result, elapsedMs: Math.round(performance.now() - started) };
}

type ModeResult = Omit<SeedResult, 'elapsedMs'>;

async function seedCompanies(database: Database, options: SeedOptions): Promise<ModeResult> {
  const claim = await claimTenants(database, DEMO_COMPANIES.map(({ slug, name, plan }) => ({ slug, name, plan })), 'demo');
  const created = claim.tenants.filter((t) => t.outcome === 'created');
  const counts = emptyCounts();
  if (created.length > 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const now = new Date();
    let done = 0;
    for (const tenant of created) {
      const company = DEMO_COMPANIES.find((c) => c.slug === tenant.slug)!;
      addCounts(counts, await seedDemoCompany(database, tenant.id, company, passwordHash, now));
      counts.tenants += 1;
      options.onProgress?.(++done, created.length, tenant.slug);
    }
  }
  const logins = loginsOf(claim, (slug) =>
    DEMO_COMPANIES.find((c) => c.slug === slug)!.people.map((p) => ({ tenantSlug: slug, email: demoEmail(p, slug), password: DEMO_PASSWORD, role: p.role })),
  );
  return { mode: 'demo', tenants: claim.tenants, logins, counts };
}

async function seedScale(database: Database, plan: ScalePlan, options: SeedOptions): Promise<ModeResult> {
  const claim = await claimTenants(database, scaleTenantSpecs(plan), 'scale');
  const created = claim.tenants.filter((t) => t.outcome === 'created');
  const counts = emptyCounts();
  if (created.length > 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const total = created.length * (plan.users + plan.tasks);
    let done = 0;
    const progress = (units: number, label: string) => options.onProgress?.((done += units), total, label);
    const concurrency = options.concurrency ?? (database.kind === 'pglite' ? 1 : 2);
    await forEachConcurrently(created, concurrency, async (tenant) => {
      addCounts(counts, await seedScaleTenant(database, tenant, plan, passwordHash, progress));
    });
  }
  return { mode: 'scale', tenants: claim.tenants, logins: loginsOf(claim, (slug) => scaleLogins(plan, slug)), counts };
}

/** Logins of tenants created now or completed by an earlier run of the same mode. */
function loginsOf(claim: ClaimResult, loginsFor: (slug: string) => DemoLogin[]): DemoLogin[] {
  return claim.tenants
    .filter((t: SeededTenant) => t.outcome === 'created' || claim.completeSlugs.has(t.slug))
    .flatMap((t) => loginsFor(t.slug));
}

/**
 * Runs `work` over `items` with at most `limit` in flight. On the first failure no new item is
 * started; the ones in flight finish (so the database is not closed under them), then it throws.
 */
async function forEachConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`concurrency: expected a whole number >= 1, got ${limit}`);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
