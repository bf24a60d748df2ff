import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const FIRST_PAGE = graphql(`query TasksFirstPage { tasks(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { id createdAt } } }`);
const NEXT_PAGE = graphql(`query TasksNextPage($a: String) { tasks(first: 3, after: $a) { nodes { id createdAt } } }`);
const A_PROJECT = graphql(`query TasksAProject { tasks(first: 1) { nodes { project { id } } } }`);
const CREATE = graphql(`mutation TasksCreate($i: CreateTaskInput!) { createTask(input: $i) { id title status priority project { id } } }`);
const DONE = graphql(`mutation TasksDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id status completedAt } }`);
const DELETE = graphql(`mutation TasksDelete($id: UUID!) { deleteTask(id: $id) { id } }`);
const ONE = graphql(`query TasksOne($id: UUID!) { task(id: $id) { id title } }`);
const A_TASK = graphql(`query TasksATask { tasks(first: 1) { nodes { id } } }`);

describe('tasks over HTTP', () => {
  let server: TestServer;
  let member: string;
  let viewer: string;
  let otherTenant: string;
  beforeAll(async () => {
    server = await startTestServer();
    member = (await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
    viewer = (await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example')).accessToken;
    otherTenant = (await server.login('fuji-logistics', 'owner@fuji-logistics.example')).accessToken;
  });
  afterAll(() => server?.close());

  it('lists tasks newest first with working cursors', async () => {
    const first = await server.graphql(FIRST_PAGE, {}, member);
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.tasks;
    expect(page1.nodes).toHaveLength(3);
    const times = page1.nodes.map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const second = await server.graphql(NEXT_PAGE, { a: page1.pageInfo.endCursor }, member);
    const ids = new Set(page1.nodes.map((n) => n.id));
    expect(second.data!.tasks.nodes.some((n) => ids.has(n.id))).toBe(false);
    expect(second.data!.tasks.nodes[0]!.createdAt <= times[2]!).toBe(true);
  });

  it('creates, changes and deletes a task, recording activity', async () => {
    const projects = await server.graphql(A_PROJECT, {}, member);
    const projectId = projects.data!.tasks.nodes[0]!.project.id;
    const created = await server.graphql(CREATE, { i: { projectId, title: 'Pour the foundation', priority: 'HIGH' } }, member);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTask.id;
    expect(created.data!.createTask).toMatchObject({ title: 'Pour the foundation', status: 'TODO', priority: 'HIGH', project: { id: projectId } });

    const done = await server.graphql(DONE, { id }, member);
    expect(done.data!.changeTaskStatus.status).toBe('DONE');
    expect(done.data!.changeTaskStatus.completedAt).toMatch(/^\d{4}-/);

    const deleted = await server.graphql(DELETE, { id }, member);
    expect(deleted.data!.deleteTask.id).toBe(id);
    const gone = await server.graphql(ONE, { id }, member);
    expect(gone.data!.task).toBeNull();

    const events = await server.database.writer.$queryRaw<{ verb: string }[]>`
      SELECT verb FROM activity_events WHERE subject_id = ${id}::uuid ORDER BY created_at`;
    expect(events.map((e) => e.verb)).toEqual(['task.created', 'task.status_changed', 'task.deleted']);
  });

  it('refuses writes to a VIEWER and hides tasks from another tenant', async () => {
    const some = await server.graphql(A_TASK, {}, member);
    const id = some.data!.tasks.nodes[0]!.id;
    const denied = await server.graphql(DONE, { id }, viewer);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await server.graphql(ONE, { id }, otherTenant);
    expect(foreign.data!.task).toBeNull();
    const foreignWrite = await server.graphql(DONE, { id }, otherTenant);
    expect(foreignWrite.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
