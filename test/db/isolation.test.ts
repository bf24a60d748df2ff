/**
 * Tenant isolation at the database layer, on both backends: a handle bound to tenant A can
 * neither see, change, delete nor create rows of tenant B, even by id; and the application role
 * with no tenant set sees nothing at all.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantDb, runWithoutTenant, type TenantDb } from '../../src/db/tenant-db.js';
import { backends, openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';

const tenantTables = ['users', 'departments', 'projects', 'tasks', 'comments', 'attachments', 'notifications', 'activity_events'];

interface TenantFixture {
  id: string;
  db: TenantDb;
  userId: string;
  departmentId: string;
  projectId: string;
  taskId: string;
  commentId: string;
  attachmentId: string;
  notificationId: string;
  activityId: string;
}

async function createTenantWithData(m: MigratedDatabase, slug: string): Promise<TenantFixture> {
  const tenant = await m.database.writer.tenant.create({ data: { slug, name: slug } });
  const db = createTenantDb(m.database, tenant.id);
  return db.transaction(async (tx) => {
    const department = await tx.department.create({ data: { tenantId: tenant.id, code: 'D1', name: 'Design' } });
    const user = await tx.user.create({
      data: { tenantId: tenant.id, email: `owner@${slug}.example`, displayName: 'Owner', role: 'OWNER', passwordHash: 'x', departmentId: department.id },
    });
    const project = await tx.project.create({ data: { tenantId: tenant.id, code: 'P1', name: 'Project', ownerId: user.id } });
    const task = await tx.task.create({ data: { tenantId: tenant.id, projectId: project.id, title: 'Task', assigneeId: user.id } });
    const comment = await tx.comment.create({ data: { tenantId: tenant.id, taskId: task.id, authorId: user.id, body: 'hi' } });
    const attachment = await tx.attachment.create({
      data: { tenantId: tenant.id, taskId: task.id, uploadedById: user.id, storageKey: `${tenant.id}/${randomUUID()}`, filename: 'a.txt', contentType: 'text/plain', size: 1 },
    });
    const notification = await tx.notification.create({ data: { tenantId: tenant.id, userId: user.id, kind: 'task.assigned' } });
    const activity = await tx.activityEvent.create({
      data: { tenantId: tenant.id, actorId: user.id, verb: 'task.created', subjectType: 'Task', subjectId: task.id, summary: 'created' },
    });
    return {
      id: tenant.id, db, userId: user.id, departmentId: department.id, projectId: project.id, taskId: task.id,
      commentId: comment.id, attachmentId: attachment.id, notificationId: notification.id, activityId: activity.id,
    };
  });
}

describe.each(backends)('tenant isolation on %s', (backend) => {
  let m: MigratedDatabase;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    m = await openMigratedDatabase(backend);
    a = await createTenantWithData(m, 'tenant-a');
    b = await createTenantWithData(m, 'tenant-b');
  });
  afterAll(() => m?.close());

  it('reads only its own rows, by id or in bulk', async () => {
    const seen = await a.db.transaction(async (tx) => ({
      user: await tx.user.findUnique({ where: { id: b.userId } }),
      department: await tx.department.findUnique({ where: { id: b.departmentId } }),
      project: await tx.project.findUnique({ where: { id: b.projectId } }),
      task: await tx.task.findUnique({ where: { id: b.taskId } }),
      comment: await tx.comment.findUnique({ where: { id: b.commentId } }),
      attachment: await tx.attachment.findUnique({ where: { id: b.attachmentId } }),
      notification: await tx.notification.findUnique({ where: { id: b.notificationId } }),
      activity: await tx.activityEvent.findUnique({ where: { id: b.activityId } }),
      allTasks: await tx.task.findMany(),
      allUsers: await tx.user.findMany(),
      tenants: await tx.tenant.findMany(),
    }));
    expect(seen).toMatchObject({
      user: null, department: null, project: null, task: null, comment: null, attachment: null, notification: null, activity: null,
    });
    expect(seen.allTasks.map((t) => t.id)).toEqual([a.taskId]);
    expect(seen.allUsers.map((u) => u.id)).toEqual([a.userId]);
    expect(seen.tenants.map((t) => t.id)).toEqual([a.id]);
  });

  it("cannot update another tenant's rows by id", async () => {
    const counts = await a.db.transaction(async (tx) => ({
      task: (await tx.task.updateMany({ where: { id: b.taskId }, data: { title: 'hijacked' } })).count,
      user: (await tx.user.updateMany({ where: { id: b.userId }, data: { role: 'VIEWER' } })).count,
      project: (await tx.project.updateMany({ where: { id: b.projectId }, data: { name: 'hijacked' } })).count,
      tenant: (await tx.tenant.updateMany({ where: { id: b.id }, data: { name: 'hijacked' } })).count,
      raw: await tx.$executeRawUnsafe(`UPDATE tasks SET title = 'raw' WHERE id = $1::uuid`, b.taskId),
    }));
    expect(counts).toEqual({ task: 0, user: 0, project: 0, tenant: 0, raw: 0 });
    await expect(a.db.transaction((tx) => tx.task.update({ where: { id: b.taskId }, data: { title: 'x' } }))).rejects.toThrow();
    const untouched = await b.db.transaction((tx) => tx.task.findUniqueOrThrow({ where: { id: b.taskId } }));
    expect(untouched.title).toBe('Task');
  });

  it("cannot delete another tenant's rows by id", async () => {
    const counts = await a.db.transaction(async (tx) => ({
      comment: (await tx.comment.deleteMany({ where: { id: b.commentId } })).count,
      task: (await tx.task.deleteMany({ where: { id: b.taskId } })).count,
      raw: await tx.$executeRawUnsafe('DELETE FROM notifications WHERE id = $1::uuid', b.notificationId),
    }));
    expect(counts).toEqual({ comment: 0, task: 0, raw: 0 });
    const stillThere = await b.db.transaction(async (tx) => [
      await tx.comment.count({ where: { id: b.commentId } }),
      await tx.task.count({ where: { id: b.taskId } }),
      await tx.notification.count({ where: { id: b.notificationId } }),
    ]);
    expect(stillThere).toEqual([1, 1, 1]);
  });

  it("rejects inserting a row carrying another tenant's id", async () => {
    await expect(
      a.db.transaction((tx) => tx.department.create({ data: { tenantId: b.id, code: 'X', name: 'Intruder' } })),
    ).rejects.toThrow(/row-level security|violates/i);
    await expect(
      a.db.transaction((tx) =>
        tx.$executeRawUnsafe(`INSERT INTO departments (id, tenant_id, code, name, updated_at) VALUES (gen_random_uuid(), $1::uuid, 'Y', 'Raw', now())`, b.id),
      ),
    ).rejects.toThrow(/row-level security|violates/i);
    const bDepartments = await b.db.transaction((tx) => tx.department.findMany());
    expect(bDepartments.map((d) => d.code)).toEqual(['D1']);
  });

  it("cannot point its own rows at another tenant's rows", async () => {
    // Own tenant_id (passes RLS) but B's project: the composite foreign key refuses it.
    await expect(
      a.db.transaction((tx) => tx.task.create({ data: { tenantId: a.id, projectId: b.projectId, title: 'sneaky' } })),
    ).rejects.toThrow();
    const aTasks = await a.db.transaction((tx) => tx.task.count());
    expect(aTasks).toBe(1);
  });

  it('sees zero rows as the application role with no tenant set', async () => {
    const counts = await runWithoutTenant(m.database, async (tx) => {
      const result: Record<string, number> = {};
      for (const table of [...tenantTables, 'tenants']) {
        const [row] = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${table}`);
        result[table] = Number(row!.n);
      }
      return result;
    });
    expect(Object.values(counts)).toEqual(new Array(tenantTables.length + 1).fill(0));
  });

  it('queries as a role that is neither superuser nor BYPASSRLS and owns nothing', async () => {
    const [role] = await a.db.transaction((tx) =>
      tx.$queryRaw<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean; owned: bigint }[]>`
        SELECT current_user, r.rolsuper, r.rolbypassrls,
               (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned
          FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toMatchObject({ current_user: 'dandori_app', rolsuper: false, rolbypassrls: false });
    expect(Number(role!.owned)).toBe(0);
  });

  it('does not leak the tenant setting to the next transaction on the same connection', async () => {
    await a.db.transaction((tx) => tx.task.count());
    const leaked = await runWithoutTenant(m.database, (tx) =>
      tx.$queryRaw<{ setting: string | null }[]>`SELECT current_setting('app.current_tenant', true) AS setting`,
    );
    expect(leaked[0]?.setting ?? '').toBe('');
  });

  it('refuses a tenant id that is not a UUID before touching the database', () => {
    expect(() => createTenantDb(m.database, "x' OR true --")).toThrow(/expected a UUID/);
  });
});
