import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';
import type { CreateProjectInput } from '../generated/graphql.js';

graphql(`fragment ProjectsFields on Project { id code name description status startsOn dueOn owner { id } progress { done total ratio } }`);
const CREATE = graphql(`mutation ProjectsCreate($i: CreateProjectInput!) { createProject(input: $i) { ...ProjectsFields } }`);
const UPDATE = graphql(`mutation ProjectsUpdate($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { ...ProjectsFields } }`);
const ARCHIVE = graphql(`mutation ProjectsArchive($id: UUID!) { archiveProject(id: $id) { id status } }`);
const ALL = graphql(`query ProjectsAll { projects(first: 100) { totalCount nodes { id status } } }`);
const ACTIVE = graphql(`query ProjectsActive { projects(status: ACTIVE) { totalCount nodes { id status } } }`);
const FIRST_PAGE = graphql(`query ProjectsFirstPage { projects(first: 2) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }`);
const NEXT_PAGE = graphql(`query ProjectsNextPage($a: String) { projects(first: 2, after: $a) { pageInfo { hasPreviousPage } nodes { id } } }`);
const WITH_TASKS = graphql(`
  query ProjectsWithTasks($id: UUID!) { project(id: $id) { code owner { id } progress { done total ratio }
    tasks(first: 3) { totalCount nodes { id } } doneTasks: tasks(status: DONE) { totalCount nodes { id status } } } }
`);
const ONE = graphql(`query ProjectsOne($id: UUID!) { project(id: $id) { id } }`);
const IDS = graphql(`query ProjectsIds { projects(first: 100) { totalCount nodes { id } } }`);
const TOO_MANY = graphql(`query ProjectsTooMany { projects(first: 101) { nodes { id } } }`);
const uniqueCode = () => `T-${randomUUID().slice(0, 8)}`;

describe('projects over HTTP', () => {
  let server: TestServer;
  let admin: { accessToken: string; userId: string };
  let member: { accessToken: string; userId: string };
  let viewer: string;
  let otherTenant: { accessToken: string; userId: string };
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example');
    member = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    viewer = (await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example')).accessToken;
    otherTenant = await server.login('fuji-logistics', 'owner@fuji-logistics.example');
    tenantId = server.tenantIds['sakura-kensetsu']!;
  });
  afterAll(() => server?.close());

  const sql = <T>(query: TemplateStringsArray, ...values: unknown[]) => server.database.writer.$queryRaw<T[]>(query, ...values);
  const create = async (input: Partial<CreateProjectInput>) => {
    const result = await server.graphql(CREATE, { i: { code: uniqueCode(), name: 'Test project', ...input } }, admin.accessToken);
    expect(result.errors).toBeUndefined();
    return result.data!.createProject;
  };
  const verbsOf = async (subjectId: string) =>
    (await sql<{ verb: string }>`SELECT verb FROM activity_events WHERE subject_id = ${subjectId}::uuid ORDER BY created_at, verb`).map((e) => e.verb);

  it('lists the tenant\'s projects newest first, filters by status, pages with cursors and counts', async () => {
    const expected = await sql<{ id: string; status: string }>`
      SELECT id::text, status::text FROM projects WHERE tenant_id = ${tenantId}::uuid ORDER BY created_at DESC, id DESC`;
    const all = await server.graphql(ALL, {}, viewer);
    expect(all.errors).toBeUndefined();
    expect(all.data!.projects).toEqual({ totalCount: expected.length, nodes: expected });

    const active = await server.graphql(ACTIVE, {}, viewer);
    const activeRows = expected.filter((p) => p.status === 'ACTIVE');
    expect(active.data!.projects).toEqual({ totalCount: activeRows.length, nodes: activeRows });

    const page1 = await server.graphql(FIRST_PAGE, {}, viewer);
    expect(page1.data!.projects.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = await server.graphql(NEXT_PAGE, { a: page1.data!.projects.pageInfo.endCursor }, viewer);
    expect([...page1.data!.projects.nodes, ...page2.data!.projects.nodes]).toEqual(expected.slice(0, 4).map(({ id }) => ({ id })));
    expect(page2.data!.projects.pageInfo.hasPreviousPage).toBe(true);
  });

  it('reads one project with its owner, filtered tasks and progress', async () => {
    const [row] = await sql<{ id: string; owner_id: string }>`
      SELECT id::text, owner_id::text FROM projects WHERE tenant_id = ${tenantId}::uuid AND code = 'SK-001'`;
    const tasks = await sql<{ id: string; status: string }>`
      SELECT id::text, status::text FROM tasks WHERE project_id = ${row!.id}::uuid ORDER BY created_at DESC, id DESC`;
    const done = tasks.filter((t) => t.status === 'DONE');
    const result = await server.graphql(WITH_TASKS, { id: row!.id }, viewer);
    expect(result.errors).toBeUndefined();
    expect(result.data!.project).toEqual({
      code: 'SK-001',
      owner: { id: row!.owner_id },
      progress: { done: done.length, total: tasks.length, ratio: done.length / tasks.length },
      tasks: { totalCount: tasks.length, nodes: tasks.slice(0, 3).map(({ id }) => ({ id })) },
      doneTasks: { totalCount: done.length, nodes: done },
    });
    const missing = await server.graphql(ONE, { id: randomUUID() }, viewer);
    expect(missing.data).toEqual({ project: null });
  });

  it('creates a project (ADMIN) with defaults and records project.created', async () => {
    const code = uniqueCode();
    const result = await server.graphql(CREATE, { i: { code, name: '  New depot  ', startsOn: '2026-12-01', dueOn: '2027-03-31' } }, admin.accessToken);
    expect(result.errors).toBeUndefined();
    const project = result.data!.createProject;
    expect(project).toEqual({
      id: expect.any(String),
      code,
      name: 'New depot',
      description: '',
      status: 'PLANNED',
      startsOn: '2026-12-01',
      dueOn: '2027-03-31',
      owner: { id: admin.userId },
      progress: { done: 0, total: 0, ratio: 0 },
    });
    expect(await verbsOf(project.id)).toEqual(['project.created']);
    const [event] = await sql<{ actor_id: string; subject_type: string; tenant_id: string }>`
      SELECT actor_id::text, subject_type, tenant_id::text FROM activity_events WHERE subject_id = ${project.id}::uuid`;
    expect(event).toEqual({ actor_id: admin.userId, subject_type: 'Project', tenant_id: tenantId });
  });

  it('names every bad field of an input', async () => {
    const result = await server.graphql(CREATE, { i: { code: 'has space', name: ' ', startsOn: '2027-01-10', dueOn: '2027-01-09' } }, admin.accessToken);
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { 'input.code': "use 1-32 letters, digits, '-' or '_'", 'input.name': 'must not be empty', 'input.dueOn': 'must not be before startsOn' },
    });
  });

  it('refuses a taken code with CONFLICT and an unusable owner with BAD_USER_INPUT', async () => {
    const taken = await server.graphql(CREATE, { i: { code: 'SK-001', name: 'Duplicate' } }, admin.accessToken);
    expect(taken.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(taken.errors![0]!.message).toContain('SK-001');

    // A user of another tenant does not exist here; an inactive user cannot own a project.
    const foreignOwner = await server.graphql(CREATE, { i: { code: uniqueCode(), name: 'X', ownerId: otherTenant.userId } }, admin.accessToken);
    expect(foreignOwner.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { 'input.ownerId': 'no such active user' } });
    const [inactive] = await sql<{ id: string }>`
      INSERT INTO users (id, tenant_id, email, display_name, role, password_hash, active, updated_at)
      VALUES (gen_random_uuid(), ${tenantId}::uuid, ${`gone-${randomUUID()}@sakura-kensetsu.example`}, 'Gone', 'MEMBER', 'x', false, now())
      RETURNING id::text`;
    const inactiveOwner = await server.graphql(CREATE, { i: { code: uniqueCode(), name: 'X', ownerId: inactive!.id } }, admin.accessToken);
    expect(inactiveOwner.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { 'input.ownerId': 'no such active user' } });

    // The same code in another tenant is fine: codes are unique per tenant.
    const elsewhere = await server.graphql(CREATE, { i: { code: 'SK-001', name: 'Fuji copy' } }, otherTenant.accessToken);
    expect(elsewhere.errors).toBeUndefined();
  });

  it('refuses project management to MEMBERs and VIEWERs', async () => {
    const { id } = await create({});
    for (const token of [member.accessToken, viewer]) {
      const created = await server.graphql(CREATE, { i: { code: uniqueCode(), name: 'Nope' } }, token);
      expect(created.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const updated = await server.graphql(UPDATE, { id, i: { name: 'Nope' } }, token);
      expect(updated.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const archived = await server.graphql(ARCHIVE, { id }, token);
      expect(archived.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
    expect(await verbsOf(id)).toEqual(['project.created']);
  });

  it('updates a project, keeping the date rule across fields, and archives it once', async () => {
    const { id } = await create({ startsOn: '2027-01-01', dueOn: '2027-06-30', description: 'first' });
    const code = uniqueCode();
    const updated = await server.graphql(UPDATE, { id, i: { code, name: 'Renamed', status: 'ACTIVE', ownerId: member.userId, dueOn: null } }, admin.accessToken);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateProject).toEqual({
      id, code, name: 'Renamed', description: 'first', status: 'ACTIVE', startsOn: '2027-01-01', dueOn: null,
      owner: { id: member.userId }, progress: { done: 0, total: 0, ratio: 0 },
    });

    await server.graphql(UPDATE, { id, i: { dueOn: '2027-02-01' } }, admin.accessToken);
    const dueTooEarly = await server.graphql(UPDATE, { id, i: { dueOn: '2026-12-31' } }, admin.accessToken);
    expect(dueTooEarly.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { 'input.dueOn': 'must not be before startsOn' } });
    const startTooLate = await server.graphql(UPDATE, { id, i: { startsOn: '2027-03-01' } }, admin.accessToken);
    expect(startTooLate.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { 'input.startsOn': 'must not be after dueOn' } });
    const takenCode = await server.graphql(UPDATE, { id, i: { code: 'SK-002' } }, admin.accessToken);
    expect(takenCode.errors![0]!.extensions!.code).toBe('CONFLICT');

    const archived = await server.graphql(ARCHIVE, { id }, admin.accessToken);
    expect(archived.data).toEqual({ archiveProject: { id, status: 'ARCHIVED' } });
    const again = await server.graphql(ARCHIVE, { id }, admin.accessToken);
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(await verbsOf(id)).toEqual(['project.created', 'project.updated', 'project.updated', 'project.archived']);
  });

  it('hides projects from another tenant and refuses to change them', async () => {
    const { id, code } = await create({});
    const read = await server.graphql(ONE, { id }, otherTenant.accessToken);
    expect(read.data).toEqual({ project: null });
    const list = await server.graphql(IDS, {}, otherTenant.accessToken);
    const sakuraIds = new Set((await sql<{ id: string }>`SELECT id::text FROM projects WHERE tenant_id = ${tenantId}::uuid`).map((p) => p.id));
    expect(sakuraIds.has(id)).toBe(true);
    expect(list.data!.projects.nodes.filter((p) => sakuraIds.has(p.id))).toEqual([]);
    const [fuji] = await sql<{ n: number }>`SELECT count(*)::int AS n FROM projects WHERE tenant_id = ${server.tenantIds['fuji-logistics']}::uuid`;
    expect(list.data!.projects.totalCount).toBe(fuji!.n);

    const updated = await server.graphql(UPDATE, { id, i: { name: 'Hijacked' } }, otherTenant.accessToken);
    expect(updated.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', type: 'Project', id });
    const archived = await server.graphql(ARCHIVE, { id }, otherTenant.accessToken);
    expect(archived.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const [row] = await sql<{ name: string; status: string }>`SELECT name, status::text FROM projects WHERE id = ${id}::uuid`;
    expect(row).toEqual({ name: 'Test project', status: 'PLANNED' });
    expect(await verbsOf(id)).toEqual(['project.created']);
    expect(code).toMatch(/^T-/);
  });

  it('refuses page sizes out of range', async () => {
    const result = await server.graphql(TOO_MANY, {}, viewer);
    expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { first: 'must be between 1 and 100' } });
  });
});
