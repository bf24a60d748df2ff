/**
 * The number of SQL statements one request runs must not depend on how much data the tenant has:
 * relation fields are batched per type and level by DataLoaders, and the dashboard is a fixed
 * set of aggregates. We record the statements of one request, grow the tenant tenfold, and
 * record again.
 *
 * The statements themselves are committed as SQL snapshots (test/api/__sql__/*.sql, placeholders
 * only, never values), so a reviewer sees the tenant preamble and every statement a change adds
 * or alters — not only a count. `npx vitest run test/api/query-count.test.ts -u` rewrites them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantDb } from '../../src/db/tenant-db.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { ResultOf } from '../support/operations.js';
import { FULL_DASHBOARD, type FullDashboard } from '../support/queries.js';
import { graphql } from '../generated/index.js';

const ME = graphql(`query QueryCountMe { me { id } }`);
const A_PROJECT = graphql(`query QueryCountAProject { projects(first: 1) { nodes { id } } }`);

const NESTED_PROJECTS = `{
  projects(first: 50) { nodes { id tasks(first: 20) { nodes { id
    assignee { id department { id name } }
    comments { nodes { id author { id } } }
  } } } }
}`;

/**
 * Statements of one request, measured before and after growth (see docs/architecture.md: one tenant
 * transaction logs set_config, the statements, COMMIT):
 *  nested projects: set_config, projects, tasks of all projects, assignees (users), comments of
 *    all tasks, departments of the assignees, authors not already loaded (users), COMMIT;
 *  dashboard: set_config, six aggregates (task stats incl. overdue count, overdue tasks, open tasks
 *    per assignee, projects per status, followed projects, recent activity), users (assignees
 *    and actors), progress of the followed projects, COMMIT.
 */
const MAX_NESTED_PROJECT_STATEMENTS = 8;
/** The dashboard's cold path: every count here is of a cache MISS (see `countColdDashboard`). */
const MAX_DASHBOARD_STATEMENTS = 10;

describe('SQL statements per request do not grow with the data', () => {
  let server: TestServer;
  let owner: string;
  let tenantId: string;
  let statements: string[] = [];

  beforeAll(async () => {
    // Default limits: the nested query (cost about 67,000) must pass the production cost guard too.
    server = await startTestServer({ logQueries: true });
    owner = (await server.login('sakura-kensetsu', 'owner@sakura-kensetsu.example')).accessToken;
    tenantId = server.tenantIds['sakura-kensetsu']!;
    // The first authenticated request reads the tenant (its rate limit) into the master cache;
    // every count below is of requests after it.
    expect((await server.graphql(ME, {}, owner)).errors).toBeUndefined();
    // Without a replica, reader and writer are the same client: one subscription sees every statement.
    server.database.onStatement((event) => statements.push(event.query));
  });
  afterAll(() => server?.close());

  // The counted operations stay plain strings: their text is what is measured and snapshotted.
  async function countStatements<T = Record<string, any>>(query: string) {
    statements = [];
    const result = await server.graphql<T>(query, {}, owner);
    expect(result.errors).toBeUndefined();
    return { count: statements.length, statements: [...statements], data: result.data! };
  }

  /**
   * The dashboard is cached (test/cache/ measures hits); this measures the uncached path: the
   * tenant's dashboard cache is invalidated first, as a write would (growTenfold writes straight
   * to the tables, so nothing else would invalidate it).
   */
  async function countColdDashboard() {
    await server.app.deps.cache.invalidate(tenantId, 'dashboard');
    return countStatements<ResultOf<typeof FullDashboard>>(FULL_DASHBOARD);
  }

  /**
   * Statements as a reviewer reads them: one per paragraph, indentation and blank lines removed.
   * Between the preamble and COMMIT the reads are sorted: which of two batches that wait on the
   * same reads goes first depends on timing (db/request-db.ts), so for reads the set of
   * statements is the contract, not their order. A write transaction runs one statement after
   * another and keeps its order.
   */
  const asSql = (list: string[]) => {
    const normalised = list.map((statement) => statement.split('\n').map((line) => line.trim()).filter(Boolean).join('\n') + ';');
    const last = normalised.length - 1;
    const readOnly = !normalised.some((statement) => /^(INSERT|UPDATE|DELETE)\b/.test(statement));
    const inOrder = readOnly && normalised.length > 2 && normalised[last] === 'COMMIT;'
      ? [normalised[0]!, ...normalised.slice(1, last).sort(), normalised[last]!]
      : normalised;
    return inOrder.join('\n\n') + '\n';
  };

  it('stays the same after the tenant grows tenfold', async () => {
    const nestedBefore = await countStatements(NESTED_PROJECTS);
    const dashboardBefore = await countColdDashboard();

    await growTenfold(server, tenantId);
    const projectCount = await tenantCount('projects');
    expect(projectCount).toBeGreaterThanOrEqual(50);

    const nestedAfter = await countStatements(NESTED_PROJECTS);
    const dashboardAfter = await countColdDashboard();

    expect(nestedAfter.count, nestedAfter.statements.join('\n')).toBe(nestedBefore.count);
    expect(nestedAfter.count).toBeLessThanOrEqual(MAX_NESTED_PROJECT_STATEMENTS);
    expect(dashboardAfter.count, dashboardAfter.statements.join('\n')).toBe(dashboardBefore.count);
    expect(dashboardAfter.count).toBeLessThanOrEqual(MAX_DASHBOARD_STATEMENTS);
    await expect(asSql(nestedAfter.statements)).toMatchFileSnapshot('__sql__/nested-projects.sql');
    await expect(asSql(dashboardAfter.statements)).toMatchFileSnapshot('__sql__/dashboard-cold.sql');

    // The answers are complete, not just cheap.
    const projects = nestedAfter.data.projects.nodes as { id: string; tasks: { nodes: { comments: { nodes: unknown[] } }[] } }[];
    expect(projects).toHaveLength(50);
    const tasksPerProject = await taskCountsByProject();
    for (const project of projects) {
      expect(project.tasks.nodes).toHaveLength(Math.min(20, tasksPerProject.get(project.id) ?? 0));
    }
    const assignees = projects.flatMap((p) => p.tasks.nodes as unknown as { assignee: { department: { name: string } | null } | null }[]);
    expect(assignees.some((t) => t.assignee?.department?.name.startsWith('Load department'))).toBe(true);
    const commentsShown = projects.flatMap((p) => p.tasks.nodes).reduce((n, t) => n + t.comments.nodes.length, 0);
    expect(commentsShown).toBeGreaterThan(500);
    expect(dashboardAfter.data.dashboard.projectProgress).toHaveLength(10);
    expect(dashboardAfter.data.dashboard.recentActivity).toHaveLength(10);
    expect(dashboardAfter.data.dashboard.openTasksByAssignee).toHaveLength(5);
  });

  it('runs the statements in the snapshots for lists, filters and a write', async () => {
    const operations: [string, string][] = [
      ['tasks-page', '{ tasks(first: 20, filter: { status: [TODO, IN_PROGRESS] }) { totalCount nodes { title project { name } assignee { displayName } } } }'],
      ['users-search', '{ users(first: 5, filter: { search: "a", active: true }) { totalCount nodes { email department { name } } } }'],
      ['task-with-comments', '{ tasks(first: 1) { nodes { title comments(first: 10) { totalCount nodes { body author { displayName } } } attachments { filename } } } }'],
    ];
    for (const [name, query] of operations) {
      const { statements: run } = await countStatements(query);
      await expect(asSql(run)).toMatchFileSnapshot(`__sql__/${name}.sql`);
    }
    const projectId = (await server.graphql(A_PROJECT, {}, owner)).data!.projects.nodes[0]!.id;
    statements = [];
    const created = await server.graphql('mutation($i: CreateTaskInput!) { createTask(input: $i) { id title } }', { i: { projectId, title: 'Snapshot' } }, owner);
    expect(created.errors).toBeUndefined();
    await expect(asSql(statements)).toMatchFileSnapshot('__sql__/create-task.sql');
  });

  it('counts a connection only when the client asks for the count', async () => {
    const plain = await countStatements('{ notifications(first: 5) { nodes { id } } }');
    const counted = await countStatements('{ notifications(first: 5) { totalCount unreadCount nodes { id } } }');
    // set_config, the page, COMMIT; then one count statement for each count selected.
    expect(plain.count).toBe(3);
    expect(counted.count).toBe(5);
  });

  async function tenantCount(table: 'projects'): Promise<number> {
    const rows = await server.database.writer.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1::uuid`, tenantId);
    return rows[0]!.n;
  }

  async function taskCountsByProject(): Promise<Map<string, number>> {
    const rows = await server.database.writer.$queryRaw<{ id: string; n: number }[]>`
      SELECT project_id::text AS id, count(*)::int AS n FROM tasks WHERE tenant_id = ${tenantId}::uuid GROUP BY 1`;
    return new Map(rows.map((r) => [r.id, r.n]));
  }
});

/**
 * Ten times the tenant's departments, users, projects, tasks, comments and activity, written
 * as the tenant (RLS applies) with INSERT ... SELECT generate_series. New users 0..59 take tasks,
 * 60..89 only comment, so the authors of the new comments are never already loaded as assignees.
 */
async function growTenfold(server: TestServer, tenantId: string): Promise<void> {
  await createTenantDb(server.database, tenantId).transaction(async (tx) => {
    const t = tenantId;
    await tx.$executeRaw`
      INSERT INTO departments (id, tenant_id, code, name, updated_at)
      SELECT gen_random_uuid(), ${t}::uuid, 'LOAD-D' || i, 'Load department ' || i, now()
        FROM generate_series(0, (SELECT count(*)::int * 9 FROM departments) - 1) i`;
    await tx.$executeRaw`
      WITH d AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total FROM departments WHERE code LIKE 'LOAD-D%')
      INSERT INTO users (id, tenant_id, email, display_name, role, password_hash, department_id, updated_at, created_at)
      SELECT gen_random_uuid(), ${t}::uuid, 'load' || i || '@sakura-kensetsu.example', 'Load user ' || i, 'MEMBER', 'not-a-hash', d.id, now(), now() - i * interval '1 minute'
        FROM generate_series(0, 89) i JOIN d ON d.n = i % d.total`;
    await tx.$executeRaw`
      WITH u AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'load%')
      INSERT INTO projects (id, tenant_id, code, name, status, owner_id, starts_on, due_on, updated_at, created_at)
      SELECT gen_random_uuid(), ${t}::uuid, 'LOAD-' || i, 'Load project ' || i,
             (ARRAY['PLANNED', 'ACTIVE', 'ON_HOLD', 'DONE', 'ARCHIVED'])[1 + i % 5]::project_status, u.id,
             current_date - 30, CASE WHEN i % 4 = 0 THEN NULL ELSE current_date + (i % 40) END, now(), now() - i * interval '1 hour'
        FROM generate_series(0, (SELECT count(*)::int * 9 FROM projects) - 1) i JOIN u ON u.n = i % 90`;
    await tx.$executeRaw`
      WITH p AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total FROM projects),
           u AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'load%')
      INSERT INTO tasks (id, tenant_id, project_id, title, status, priority, assignee_id, due_at, completed_at, updated_at, created_at)
      SELECT gen_random_uuid(), ${t}::uuid, p.id, 'Load task ' || i,
             (ARRAY['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'])[1 + i % 4]::task_status, 'NORMAL',
             CASE WHEN i % 10 = 0 THEN NULL ELSE u.id END,
             now() + ((i % 30) - 15) * interval '1 day', CASE WHEN i % 4 = 3 THEN now() END, now(), now() - i * interval '1 minute'
        FROM generate_series(0, (SELECT count(*)::int * 9 FROM tasks) - 1) i JOIN p ON p.n = i % p.total JOIN u ON u.n = i % 60`;
    await tx.$executeRaw`
      WITH t AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total FROM tasks WHERE title LIKE 'Load task%'),
           u AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'load%')
      INSERT INTO comments (id, tenant_id, task_id, author_id, body, updated_at, created_at)
      SELECT gen_random_uuid(), ${t}::uuid, t.id, u.id, 'Load comment ' || i, now(), now() - i * interval '1 second'
        FROM generate_series(0, (SELECT count(*)::int * 9 FROM comments) - 1) i JOIN t ON t.n = i % t.total JOIN u ON u.n = 60 + i % 30`;
    await tx.$executeRaw`
      WITH u AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'load%')
      INSERT INTO activity_events (id, tenant_id, actor_id, verb, subject_type, subject_id, summary, updated_at, created_at)
      SELECT gen_random_uuid(), ${t}::uuid, u.id, 'load.event', 'Task', gen_random_uuid(), 'Load event ' || i, now(), now() - i * interval '1 second'
        FROM generate_series(0, (SELECT count(*)::int * 9 FROM activity_events) - 1) i JOIN u ON u.n = i % 90`;
  });
}
