/** The start-up banner: time to ready, where things are, every demo login (numbered ones folded). */
import { describe, expect, it } from 'vitest';
import { formatBanner, loginRows } from '../../src/server/banner.js';
import { DEMO_COMPANIES, DEMO_PASSWORD, demoEmail } from '../../src/seed/demo-companies.js';

const allLogins = DEMO_COMPANIES.flatMap((c) => c.people.map((p) => ({ tenantSlug: c.slug, email: demoEmail(p, c.slug), password: DEMO_PASSWORD, role: p.role as string })));

describe('formatBanner', () => {
  it('prints the URL with the time to ready, the explorer, the data folder and the logins', () => {
    const text = formatBanner({ graphqlUrl: 'http://localhost:4000/graphql', readyInMs: 1234, explorer: true, dataDir: '/srv/.data/pglite', logins: allLogins });
    expect(text).toContain('Dandori Portal API: http://localhost:4000/graphql  (ready in 1.23 s)');
    expect(text).toContain('GraphiQL at http://localhost:4000/explorer');
    expect(text).toContain('Embedded PostgreSQL data: /srv/.data/pglite');
    expect(text).toMatch(/owner@sakura-kensetsu\.example\s+dandori-demo-2026\s+OWNER/);
    expect(text).toMatch(/member2…member7@sakura-kensetsu\.example\s+dandori-demo-2026\s+MEMBER \(6 logins\)/);
    expect(text).toContain('Authorization: Bearer <accessToken>');
    expect(text).not.toContain('…\n');
  });

  it('leaves out what does not apply (production: no explorer, no data folder, no logins)', () => {
    const text = formatBanner({ graphqlUrl: 'http://localhost:4000/graphql', readyInMs: 800, explorer: false, logins: [] });
    expect(text.trim()).toBe('Dandori Portal API: http://localhost:4000/graphql  (ready in 0.80 s)');
  });
});

describe('loginRows', () => {
  it('covers every login: each row is one login or a run of numbered ones', () => {
    const rows = loginRows(allLogins);
    const expanded = rows.flatMap((row) => {
      const run = /^([a-z]+)(\d+)…\1(\d+)@(.+)$/.exec(row.email);
      if (!run) return [row.email];
      const [, name, from, to, domain] = run;
      return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => `${name}${Number(from) + i}@${domain}`);
    });
    expect(expanded).toEqual(allLogins.map((l) => l.email));
    expect(rows.length).toBe(DEMO_COMPANIES.length * 5);
  });

  it('folds only consecutive numbers of one tenant and role', () => {
    const login = (email: string, role = 'MEMBER', tenantSlug = 't') => ({ tenantSlug, email, password: 'p', role });
    const rows = loginRows([login('m2@t'), login('m3@t'), login('m5@t'), login('m6@t', 'ADMIN'), login('m7@t', 'ADMIN'), login('m8@t', 'ADMIN')]);
    expect(rows.map((r) => r.email)).toEqual(['m2@t', 'm3@t', 'm5@t', 'm6…m8@t']);
  });
});
