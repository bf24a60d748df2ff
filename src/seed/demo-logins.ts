/**
 * The demo logins as seeded (demo-companies.ts), for the demo companies that exist in a database:
 * what the start-up banner lists on every start, not only on the one that seeded them.
 */
import type { Database } from '../db/database.js';
import { DEMO_COMPANIES, DEMO_PASSWORD, demoEmail } from './demo-companies.js';
import type { DemoLogin } from './types.js';

/** Every login of every demo company present in `database` (tenants are looked up by slug). */
export async function findDemoLogins(database: Database): Promise<DemoLogin[]> {
  const present = await database.writer.tenant.findMany({
    where: { slug: { in: DEMO_COMPANIES.map((c) => c.slug) } },
    select: { slug: true },
  });
  const slugs = new Set(present.map((t) => t.slug));
  return DEMO_COMPANIES.filter((c) => slugs.has(c.slug)).flatMap((company) =>
    company.people.map((p) => ({ tenantSlug: company.slug, email: demoEmail(p, company.slug), password: DEMO_PASSWORD, role: p.role })),
  );
}
