/**
 * The demo logins as seeded (demo-companies.ts), for the demo companies that exist in a database:
 * what the start-up banner lists on every start, not only on the one that seeded them.
 */
import type { Database } from '../db/database.js';
import { DEMO_COMPANIES, DEMO_PASSWORD, demoEmail } from './demo-companies.js';
import type { DemoLogin } from './types.js';

/**
 * Every login of every demo company present in `database` (tenants looked up by slug, in plain SQL
 * on the admin session: the banner should not wait for Prisma's query compiler to load).
 */
export async function findDemoLogins(database: Database): Promise<DemoLogin[]> {
  const demoSlugs = DEMO_COMPANIES.map((c) => c.slug);
  const session = await database.openAdminSession();
  let present: { slug: string }[];
  try {
    present = await session.query<{ slug: string }>(`SELECT slug FROM tenants WHERE slug IN (${demoSlugs.map((_, i) => `$${i + 1}`).join(', ')})`, demoSlugs);
  } finally {
    await session.close();
  }
  const slugs = new Set(present.map((t) => t.slug));
  return DEMO_COMPANIES.filter((c) => slugs.has(c.slug)).flatMap((company) =>
    company.people.map((p) => ({ tenantSlug: company.slug, email: demoEmail(p, company.slug), password: DEMO_PASSWORD, role: p.role })),
  );
}
