/**
 * The dashboard of each tenant equals what direct SQL over that tenant's rows says, so no other
 * tenant's rows leak into any number or list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const CREATE_PROJECT = graphql(`mutation DashboardCreateProject { createProject(input: { code: "DASH-1", name: "Dashboard check", status: ACTIVE, dueOn: "2000-01-01" }) { id } }`);
const OVERDUE_COUNT = graphql(`query DashboardOverdueCount { dashboard { overdueCount } }`);

const DASHBOARD = graphql(`query DashboardOfTenant($first: Int, $top: Int) {
  dashboard {
    generatedAt
    taskCountsByStatus { status count }
    overdueCount
    overdueTasks(first: $first) { id status dueAt }
    openTasksByAssignee(top: $top) { openCount assignee { id displayName } }
    projectsByStatus { status count }
    projectProgress(first: $first) { project { id code status dueOn } progress { done total ratio } }
    recentActivity(first: $first) { id verb actor { id } }
  }
}`);

const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'];
const PROJECT_STATUSES = ['PLANNED', 'ACTIVE', 'ON_HOLD', 'DONE', 'ARCHIVED'];

describe('dashboard over HTTP', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const slug of ['sakura-kensetsu', 'fuji-logistics', 'minato-design']) {
      tokens[slug] = (await server.login(slug, `viewer@${slug}.example`)).accessToken;
    }
  });
  afterAll(() => server?.close());

  const sql = <T>(query: TemplateStringsArray, ...values: unknown[]) => server.database.writer.$queryRaw<T[]>(query, ...values);

  /** The dashboard computed by hand, as the owner connection sees the tables (all tenants), filtered to one. */
  async function expectedDashboard(tenantId: string, asOf: Date, first: number, top: number) {
    const byStatus = await sql<{ status: string; n: number }>`
      SELECT status::text, count(*)::int AS n FROM tasks WHERE tenant_id = ${tenantId}::uuid GROUP BY 1`;
    const overdue = await sql<{ id: string; status: string; dueAt: Date }>`
      SELECT id::text, status::text, due_at AS "dueAt" FROM tasks
       WHERE tenant_id = ${tenantId}::uuid AND status <> 'DONE' AND due_at < ${asOf}
       ORDER BY due_at, id`;
    const loads = await sql<{ id: string; name: string; n: number }>`
      SELECT t.assignee_id::text AS id, u.display_name AS name, count(*)::int AS n
        FROM tasks t JOIN users u ON u.id = t.assignee_id
       WHERE t.tenant_id = ${tenantId}::uuid AND t.status <> 'DONE'
       GROUP BY t.assignee_id, u.display_name ORDER BY n DESC, t.assignee_id LIMIT ${top}`;
    const projects = await sql<{ status: string; n: number }>`
      SELECT status::text, count(*)::int AS n FROM projects WHERE tenant_id = ${tenantId}::uuid GROUP BY 1`;
    const followed = await sql<{ id: string; code: string; status: string; dueOn: Date | null; done: number; total: number }>`
      SELECT p.id::text, p.code, p.status::text, p.due_on AS "dueOn",
             (SELECT count(*)::int FROM tasks t WHERE t.project_id = p.id AND t.status = 'DONE') AS done,
             (SELECT count(*)::int FROM tasks t WHERE t.project_id = p.id) AS total
        FROM projects p WHERE p.tenant_id = ${tenantId}::uuid AND p.status IN ('ACTIVE', 'PLANNED')
       ORDER BY p.due_on NULLS LAST, p.created_at, p.id LIMIT ${first}`;
    const recent = await sql<{ id: string; verb: string; actorId: string | null }>`
      SELECT id::text, verb, actor_id::text AS "actorId" FROM activity_events
       WHERE tenant_id = ${tenantId}::uuid ORDER BY created_at DESC, id DESC LIMIT ${first}`;
    const count = (rows: { status: string; n: number }[], status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    return {
      generatedAt: asOf.toISOString(),
      taskCountsByStatus: TASK_STATUSES.map((status) => ({ status, count: count(byStatus, status) })),
      overdueCount: overdue.length,
      overdueTasks: overdue.slice(0, first).map((t) => ({ id: t.id, status: t.status, dueAt: t.dueAt.toISOString() })),
      openTasksByAssignee: loads.map((l) => ({ openCount: l.n, assignee: { id: l.id, displayName: l.name } })),
      projectsByStatus: PROJECT_STATUSES.map((status) => ({ status, count: count(projects, status) })),
      projectProgress: followed.map((p) => ({
        project: { id: p.id, code: p.code, status: p.status, dueOn: p.dueOn?.toISOString().slice(0, 10) ?? null },
        progress: { done: p.done, total: p.total, ratio: p.total === 0 ? 0 : p.done / p.total },
      })),
      recentActivity: recent.map((e) => ({ id: e.id, verb: e.verb, actor: e.actorId ? { id: e.actorId } : null })),
    };
  }

  async function dashboardOf(slug: string, first = 10, top = 5) {
    const result = await server.graphql(DASHBOARD, { first, top }, tokens[slug]);
    expect(result.errors).toBeUndefined();
    return result.data!.dashboard;
  }

  it.each(['sakura-kensetsu', 'fuji-logistics'])('matches direct SQL over the %s rows only', async (slug) => {
    const dashboard = await dashboardOf(slug);
    const expected = await expectedDashboard(server.tenantIds[slug]!, new Date(dashboard.generatedAt), 10, 5);
    expect(dashboard).toEqual(expected);
    // The seed gives every tenant something to show: otherwise the comparison proves little.
    expect(dashboard.overdueCount).toBeGreaterThan(0);
    expect(dashboard.openTasksByAssignee).toHaveLength(5);
    expect(dashboard.projectProgress.length).toBeGreaterThan(0);
  });

  it('differs between tenants and honours first and top', async () => {
    const sakura = await dashboardOf('sakura-kensetsu', 2, 1);
    const fuji = await dashboardOf('fuji-logistics', 2, 1);
    expect(sakura.overdueTasks).toHaveLength(2);
    expect(sakura.recentActivity).toHaveLength(2);
    expect(sakura.openTasksByAssignee).toHaveLength(1);
    expect(sakura.projectProgress.length).toBeLessThanOrEqual(2);
    expect(sakura.openTasksByAssignee[0]!.assignee.id).not.toBe(fuji.openTasksByAssignee[0]!.assignee.id);
    expect(await expectedDashboard(server.tenantIds['sakura-kensetsu']!, new Date(sakura.generatedAt), 2, 1)).toEqual(sakura);
  });

  it('lists every status, including those with no rows', async () => {
    const tenantId = server.tenantIds['minato-design']!;
    await server.database.writer.$executeRaw`DELETE FROM tasks WHERE tenant_id = ${tenantId}::uuid AND status = 'BLOCKED'`;
    await server.database.writer.$executeRaw`UPDATE projects SET status = 'ACTIVE' WHERE tenant_id = ${tenantId}::uuid AND status = 'ON_HOLD'`;
    const dashboard = await dashboardOf('minato-design');
    expect(dashboard.taskCountsByStatus.map((c) => c.status)).toEqual(TASK_STATUSES);
    expect(dashboard.taskCountsByStatus.find((c) => c.status === 'BLOCKED')).toEqual({ status: 'BLOCKED', count: 0 });
    expect(dashboard.projectsByStatus.find((c) => c.status === 'ON_HOLD')).toEqual({ status: 'ON_HOLD', count: 0 });
    expect(dashboard).toEqual(await expectedDashboard(tenantId, new Date(dashboard.generatedAt), 10, 5));
  });

  it('sees a change made through the API', async () => {
    const admin = (await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example')).accessToken;
    const before = await dashboardOf('sakura-kensetsu');
    const created = await server.graphql(CREATE_PROJECT, {}, admin);
    const after = await dashboardOf('sakura-kensetsu');
    const count = (d: typeof before, status: string) => d.projectsByStatus.find((c) => c.status === status)!.count;
    expect(count(after, 'ACTIVE')).toBe(count(before, 'ACTIVE') + 1);
    // Due long ago: the nearest due of the followed projects, with no tasks yet.
    expect(after.projectProgress[0]).toEqual({
      project: { id: created.data!.createProject.id, code: 'DASH-1', status: 'ACTIVE', dueOn: '2000-01-01' },
      progress: { done: 0, total: 0, ratio: 0 },
    });
    expect(after.recentActivity[0]).toMatchObject({ verb: 'project.created' });
  });

  it('refuses list sizes out of 1..100', async () => {
    const token = tokens['sakura-kensetsu'];
    const cases: [string, Record<string, string>][] = [
      ['{ dashboard { overdueTasks(first: 0) { id } } }', { first: 'must be between 1 and 100' }],
      ['{ dashboard { recentActivity(first: 101) { id } } }', { first: 'must be between 1 and 100' }],
      ['{ dashboard { projectProgress(first: -1) { progress { done } } } }', { first: 'must be between 1 and 100' }],
      ['{ dashboard { openTasksByAssignee(top: 0) { openCount } } }', { top: 'must be between 1 and 100' }],
    ];
    for (const [query, fields] of cases) {
      const result = await server.graphql(query, {}, token);
      expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields });
    }
  });

  it('requires a signed-in user', async () => {
    const result = await server.graphql(OVERDUE_COUNT);
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
