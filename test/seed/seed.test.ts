/**
 * The demo seed on both backends: the default companies (every role, every entity, working
 * logins, idempotent), a small scale run with exact per-tenant counts, and every generated
 * reference staying inside its tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords.js';
import { createTenantDb } from '../../src/db/tenant-db.js';
import { seedDemo, type SeedResult } from '../../src/seed/demo.js';
import { roleOfUserNumber } from '../../src/seed/scale-plan.js';
import { backends, openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { CROSS_TENANT_JOINS, danglingReferences, tenantCounts, type TableCounts } from './tenant-checks.js';

const ROLES = ['ADMIN', 'MEMBER', 'OWNER', 'VIEWER'];
const SCALE = { tenants: 2, users: 20, tasks: 500 } as const;

describe.each(backends)('seedDemo on %s', (backend) => {
  let m: MigratedDatabase;
  let demo: SeedResult;
  let demoCountsAfterFirstRun: TableCounts[];
  let scale: SeedResult;
  const progress: [number, number][] = [];

  const tenantIdOf = (result: SeedResult, slug: string) => result.tenants.find((t) => t.slug === slug)!.id;

  beforeAll(async () => {
    m = await openMigratedDatabase(backend);
    demo = await seedDemo(m.database);
    demoCountsAfterFirstRun = await Promise.all(demo.tenants.map((t) => tenantCounts(m.database, t.id)));
    // Small batches, so the counts below also prove that batch boundaries lose or repeat nothing.
    scale = await seedDemo(m.database, { ...SCALE, taskBatchSize: 128, onProgress: (done, total) => progress.push([done, total]) });
  });
  afterAll(() => m?.close());

  describe('default (demo companies)', () => {
    it('creates at least three tenants with stable slugs', () => {
      expect(demo.mode).toBe('demo');
      expect(demo.tenants.length).toBeGreaterThanOrEqual(3);
      expect(demo.tenants.map((t) => t.slug)).toEqual(expect.arrayContaining(['sakura-kensetsu', 'fuji-logistics', 'minato-design']));
      expect(demo.tenants.every((t) => t.outcome === 'created')).toBe(true);
      expect(demo.counts.tenants).toBe(demo.tenants.length);
    });

    it('gives every tenant users of every role and a non-empty table of every entity', async () => {
      for (const tenant of demo.tenants) {
        const roles = await createTenantDb(m.database, tenant.id).read((tx) => tx.user.groupBy({ by: ['role'], orderBy: { role: 'asc' } }));
        expect(roles.map((r) => r.role).sort(), tenant.slug).toEqual(ROLES);
        const counts = await tenantCounts(m.database, tenant.id);
        for (const [table, count] of Object.entries(counts)) expect(count, `${tenant.slug} ${table}`).toBeGreaterThan(0);
      }
      const totals = demoCountsAfterFirstRun.reduce((sum, c) => sum + c.tasks, 0);
      expect(demo.counts.tasks).toBe(totals);
    });

    it('covers every task status and priority, with overdue open tasks and dated completions', async () => {
      const now = new Date();
      for (const tenant of demo.tenants) {
        const tasks = await createTenantDb(m.database, tenant.id).read((tx) => tx.task.findMany());
        expect(new Set(tasks.map((t) => `${t.status}/${t.priority}`)).size, tenant.slug).toBe(16);
        expect(tasks.some((t) => t.status !== 'DONE' && t.dueAt !== null && t.dueAt < now), `${tenant.slug} overdue`).toBe(true);
        expect(tasks.some((t) => t.assigneeId !== null)).toBe(true);
        for (const t of tasks) {
          expect(t.completedAt !== null, `${t.title} (${t.status}) completedAt`).toBe(t.status === 'DONE');
          if (t.completedAt) expect(t.completedAt.getTime()).toBeGreaterThanOrEqual(t.createdAt.getTime());
        }
      }
    });

    it('writes READY attachments under the tenant key prefix and typed activity events', async () => {
      for (const tenant of demo.tenants) {
        const { attachments, events } = await createTenantDb(m.database, tenant.id).read(async (tx) => ({
          attachments: await tx.attachment.findMany(),
          events: await tx.activityEvent.findMany(),
        }));
        for (const a of attachments) {
          expect(a.status).toBe('READY');
          expect(a.storageKey).toMatch(new RegExp(`^${tenant.id}/[0-9a-f-]{36}/${a.filename.replace('.', '\\.')}$`));
        }
        expect(new Set(events.map((e) => `${e.verb}:${e.subjectType}`))).toEqual(
          new Set(['project.created:Project', 'task.created:Task', 'task.completed:Task', 'comment.created:Comment', 'attachment.uploaded:Attachment']),
        );
      }
    });

    it('returns logins that exist with their role and verify against the stored hash', async () => {
      expect(new Set(demo.logins.map((l) => l.role))).toEqual(new Set(ROLES));
      const hashes = new Set<string>();
      for (const login of demo.logins) {
        const user = await createTenantDb(m.database, tenantIdOf(demo, login.tenantSlug)).read((tx) =>
          tx.user.findUnique({ where: { tenantId_email: { tenantId: tenantIdOf(demo, login.tenantSlug), email: login.email } } }),
        );
        expect(user?.role, login.email).toBe(login.role);
        hashes.add(user!.passwordHash);
      }
      // Hashed once and reused: scrypt is slow on purpose, so one verification covers them all.
      expect(hashes.size).toBe(1);
      expect(await verifyPassword(demo.logins[0]!.password, [...hashes][0]!)).toBe(true);
      expect(await verifyPassword('wrong-password', [...hashes][0]!)).toBe(false);
    });

    it('skips existing tenants on a second run and duplicates nothing', async () => {
      const again = await seedDemo(m.database);
      expect(again.tenants.map((t) => [t.slug, t.outcome])).toEqual(demo.tenants.map((t) => [t.slug, 'skipped']));
      expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
      // The logins of an earlier complete seed are still reported (and still valid).
      expect(again.logins).toEqual(demo.logins);
      const counts = await Promise.all(demo.tenants.map((t) => tenantCounts(m.database, t.id)));
      expect(counts).toEqual(demoCountsAfterFirstRun);
      expect(await m.database.writer.tenant.count({ where: { slug: { in: demo.tenants.map((t) => t.slug) } } })).toBe(demo.tenants.length);
    });
  });

  describe(`scale mode (${SCALE.tenants} tenants x ${SCALE.users} users x ${SCALE.tasks} tasks)`, () => {
    it('creates exactly the requested users and tasks per tenant, with bounded secondary rows', async () => {
      expect(scale.mode).toBe('scale');
      expect(scale.tenants.map((t) => [t.slug, t.outcome])).toEqual([['load-001', 'created'], ['load-002', 'created']]);
      const perTenant = await Promise.all(scale.tenants.map((t) => tenantCounts(m.database, t.id)));
      for (const counts of perTenant) {
        expect(counts).toMatchObject({
          departments: 1,
          users: SCALE.users,
          projects: 1,
          tasks: SCALE.tasks,
          comments: SCALE.tasks / 4,
          attachments: SCALE.tasks / 20,
          activityEvents: SCALE.tasks / 20 + 1, // task events + one project.created
        });
        expect(counts.notifications).toBeGreaterThan(0);
        expect(counts.notifications).toBeLessThanOrEqual(Math.floor(SCALE.tasks / 40));
      }
      const sum = (key: keyof TableCounts) => perTenant.reduce((total, c) => total + c[key], 0);
      expect(scale.counts).toEqual({
        tenants: 2, departments: sum('departments'), users: sum('users'), projects: sum('projects'), tasks: sum('tasks'),
        comments: sum('comments'), attachments: sum('attachments'), notifications: sum('notifications'), activityEvents: sum('activityEvents'),
      });
    });

    it('numbers users predictably and gives their roles by the documented rule', async () => {
      const tenantId = tenantIdOf(scale, 'load-001');
      const users = await createTenantDb(m.database, tenantId).read((tx) => tx.user.findMany({ orderBy: { email: 'asc' } }));
      expect(users.map((u) => u.email)).toEqual(Array.from({ length: SCALE.users }, (_, i) => `user-${String(i + 1).padStart(4, '0')}@load-001.example`));
      expect(users.map((u) => u.role)).toEqual(users.map((_, i) => roleOfUserNumber(i + 1)));
      expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
      expect(await verifyPassword(scale.logins[0]!.password, users[0]!.passwordHash)).toBe(true);
      expect(scale.logins.filter((l) => l.tenantSlug === 'load-001').map((l) => [l.email, l.role])).toEqual([
        ['user-0001@load-001.example', 'OWNER'],
        ['user-0002@load-001.example', 'ADMIN'],
        ['user-0003@load-001.example', 'VIEWER'],
        ['user-0004@load-001.example', 'MEMBER'],
      ]);
    });

    it('spreads tasks over statuses, priorities and the past year', async () => {
      const tasks = await createTenantDb(m.database, tenantIdOf(scale, 'load-001')).read((tx) => tx.task.findMany());
      expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE']));
      expect(new Set(tasks.map((t) => t.priority))).toEqual(new Set(['LOW', 'NORMAL', 'HIGH', 'URGENT']));
      const ages = tasks.map((t) => (Date.now() - t.createdAt.getTime()) / 86_400_000);
      expect(Math.min(...ages)).toBeLessThan(30);
      expect(Math.max(...ages)).toBeGreaterThan(300);
      expect(Math.max(...ages)).toBeLessThanOrEqual(366);
      for (const t of tasks) expect(t.completedAt !== null).toBe(t.status === 'DONE');
    });

    it('reports progress after every batch, up to its total', () => {
      expect(progress.length).toBe(SCALE.tenants * (1 + Math.ceil(SCALE.tasks / 128))); // users + task batches
      const [lastDone, total] = progress.at(-1)!;
      expect(total).toBe(SCALE.tenants * (SCALE.users + SCALE.tasks));
      expect(lastDone).toBe(total);
      expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0])).toBe(true);
    });

    it('skips the load tenants when run again', async () => {
      const again = await seedDemo(m.database, SCALE);
      expect(again.tenants.map((t) => t.outcome)).toEqual(['skipped', 'skipped']);
      expect(again.counts.tasks).toBe(0);
      expect(await tenantCounts(m.database, tenantIdOf(scale, 'load-002'))).toMatchObject({ users: SCALE.users, tasks: SCALE.tasks });
    });
  });

  it('reports a tenant an interrupted run left half-written, and leaves it alone', async () => {
    // What a Ctrl-C between two batches leaves behind: the registry row still marked in progress.
    await m.database.writer.tenant.create({
      data: { slug: 'load-003', name: 'interrupted', settings: { seed: { kind: 'scale', status: 'in-progress' } } },
    });
    const result = await seedDemo(m.database, { ...SCALE, tenants: 3 });
    expect(result.tenants.map((t) => [t.slug, t.outcome])).toEqual([
      ['load-001', 'skipped'],
      ['load-002', 'skipped'],
      ['load-003', 'skipped-incomplete'],
    ]);
    expect(result.logins.some((l) => l.tenantSlug === 'load-003')).toBe(false);
    expect(result.counts.tasks).toBe(0);
  });

  it('keeps every generated reference inside its own tenant', async () => {
    for (const tenant of [...demo.tenants, ...scale.tenants]) {
      const dangling = await danglingReferences(m.database, tenant.id);
      expect(Object.entries(dangling).filter(([, n]) => n > 0), tenant.slug).toEqual([]);
    }
    const session = await m.database.openAdminSession();
    try {
      const [joins] = await session.query<Record<string, number>>(CROSS_TENANT_JOINS);
      const { tasks_seen: tasksSeen, ...mismatches } = joins!;
      // The admin session must actually see the rows, or the zeros below would prove nothing.
      expect(tasksSeen).toBe(demo.counts.tasks + scale.counts.tasks);
      expect(Object.values(mismatches).every((n) => n === 0), JSON.stringify(mismatches)).toBe(true);
    } finally {
      await session.close();
    }
  });
});
