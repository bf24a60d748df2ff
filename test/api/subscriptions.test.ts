/**
 * Subscriptions over a real WebSocket on the server's own /graphql: live events reach only the
 * writer's tenant, are resolved with fresh loaders per event, need a valid token, travel between
 * pods through Redis, and end with 1001 when the server shuts down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectWs, sleep, until, type TestWsClient } from '../support/ws-client.js';

const ACTIVITY = 'subscription { activityRecorded { id verb subjectType subjectId actor { id } } }';
const DASHBOARD = `subscription {
  dashboardUpdated { generatedAt taskCountsByStatus { status count } recentActivity(first: 1) { verb subjectId } }
}`;
const CREATE_TASK = 'mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function createTask(server: TestServer, token: string, projectId: string, title: string): Promise<string> {
  const created = await server.graphql(CREATE_TASK, { i: { projectId, title } }, token);
  expect(created.errors).toBeUndefined();
  return created.data!.createTask.id;
}

async function openProjects(server: TestServer, token: string): Promise<string[]> {
  const result = await server.graphql('{ projects(first: 20) { nodes { id status } } }', {}, token);
  const open = result.data!.projects.nodes.filter((p: { status: string }) => p.status !== 'ARCHIVED'); // archived ones refuse tasks
  return open.map((p: { id: string }) => p.id);
}

/** Waits until the server has `count` live subscriptions (each subscribed on the pub/sub). */
const subscribed = (server: TestServer, count: number) =>
  until(() => server.app.websocket.stats().subscriptions === count, 10_000, () => `${count} subscriptions: ${JSON.stringify(server.app.websocket.stats())}`);

describe('subscriptions over WebSocket (in-memory pub/sub)', () => {
  let server: TestServer;
  let memberA: { accessToken: string; userId: string };
  let memberB: { accessToken: string };
  let projects: string[];
  const clients: TestWsClient[] = [];
  const connect = (authorization: string | null) => {
    const client = connectWs(server.url, authorization);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    memberA = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    memberB = await server.login('fuji-logistics', 'member@fuji-logistics.example');
    projects = await openProjects(server, memberA.accessToken);
    expect(projects.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.close();
  });

  it('delivers activity to the writer’s tenant only', async () => {
    const a = connect(`Bearer ${memberA.accessToken}`).subscribe(ACTIVITY);
    const b = connect(`Bearer ${memberB.accessToken}`).subscribe(ACTIVITY);
    await subscribed(server, 2);
    expect(server.app.websocket.stats()).toEqual({ connections: 2, subscriptions: 2 });

    const taskId = await createTask(server, memberA.accessToken, projects[0]!, 'Inspect the scaffolding');
    const [event] = await a.waitFor(1);
    expect(event).toEqual({
      data: { activityRecorded: { id: expect.any(String), verb: 'task.created', subjectType: 'Task', subjectId: taskId, actor: { id: memberA.userId } } },
    });
    await sleep(1_000);
    expect(b.results).toEqual([]);
    expect(a.results).toHaveLength(1);
    a.unsubscribe();
    b.unsubscribe();
    await subscribed(server, 0);
  });

  it('emits a freshly computed dashboard for each (coalesced) change', async () => {
    const before = await server.graphql('{ dashboard { taskCountsByStatus { status count } } }', {}, memberA.accessToken);
    const todo = (d: { taskCountsByStatus: { status: string; count: number }[] }) => d.taskCountsByStatus.find((c) => c.status === 'TODO')!.count;
    const todoBefore = todo(before.data!.dashboard);

    const dashboards = connect(`Bearer ${memberA.accessToken}`).subscribe<{ dashboardUpdated: any }>(DASHBOARD);
    await subscribed(server, 1);
    const first = await createTask(server, memberA.accessToken, projects[0]!, 'Order the rebar');
    const [one] = await dashboards.waitFor(1);
    expect(todo(one!.data!.dashboardUpdated)).toBe(todoBefore + 1);
    expect(one!.data!.dashboardUpdated.recentActivity).toEqual([{ verb: 'task.created', subjectId: first }]);

    // The second event gets new loaders: a cached recentActivity or count would repeat the first.
    const second = await createTask(server, memberA.accessToken, projects[0]!, 'Pour the slab');
    const [, two] = await dashboards.waitFor(2);
    expect(todo(two!.data!.dashboardUpdated)).toBe(todoBefore + 2);
    expect(two!.data!.dashboardUpdated.recentActivity).toEqual([{ verb: 'task.created', subjectId: second }]);
    expect(Date.parse(two!.data!.dashboardUpdated.generatedAt) - Date.parse(one!.data!.dashboardUpdated.generatedAt)).toBeGreaterThanOrEqual(500); // ~1 s apart, with room for a slow machine

    // A burst becomes one update (at most one per second per subscriber).
    await Promise.all([1, 2, 3].map((n) => createTask(server, memberA.accessToken, projects[0]!, `Burst ${n}`)));
    const latestTodo = () => todo(dashboards.results.at(-1)!.data!.dashboardUpdated);
    await until(() => latestTodo() === todoBefore + 5, 10_000, () => `the burst's dashboard: ${JSON.stringify(dashboards.results)}`);
    await sleep(1_200); // nothing more is coming
    expect(dashboards.results.length).toBeLessThanOrEqual(4);
    expect(latestTodo()).toBe(todoBefore + 5);
    dashboards.unsubscribe();
    await subscribed(server, 0);
  });

  it('filters taskChanged by project, from the event’s task', async () => {
    const changes = connect(`Bearer ${memberA.accessToken}`).subscribe('subscription($p: UUID) { taskChanged(projectId: $p) { id title project { id } } }', { p: projects[1] });
    await subscribed(server, 1);
    await createTask(server, memberA.accessToken, projects[0]!, 'Elsewhere');
    const mine = await createTask(server, memberA.accessToken, projects[1]!, 'Here');
    const [event] = await changes.waitFor(1);
    // The frame carries the cursor of the event it answers: where to resume from (taskChanged(after:)).
    expect(event).toEqual({ data: { taskChanged: { id: mine, title: 'Here', project: { id: projects[1] } } }, extensions: { cursor: expect.any(String) } });
    await sleep(300);
    expect(changes.results).toHaveLength(1);
    changes.unsubscribe();
    await subscribed(server, 0);
  });

  it('refuses connections without a valid token, and operations other than subscriptions', async () => {
    for (const authorization of [null, 'Bearer not-a-token', 'Token abc']) {
      const client = connect(authorization);
      const sub = client.subscribe(ACTIVITY);
      await until(() => sub.error !== undefined);
      expect(client.closes).toEqual([{ code: 4401, reason: expect.stringMatching(/^Unauthorized/) }]);
      expect(sub.results).toEqual([]);
    }
    expect(server.app.websocket.stats()).toEqual({ connections: 0, subscriptions: 0 });

    const query = connect(`Bearer ${memberA.accessToken}`).subscribe('{ dashboard { overdueCount } }');
    await until(() => query.error !== undefined);
    expect(query.error).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
    const tooDeep = connect(`Bearer ${memberA.accessToken}`).subscribe(
      'subscription { taskChanged { project { tasks { nodes { project { tasks { nodes { project { tasks { nodes { project { tasks { nodes { id } } } } } } } } } } } } } }',
    );
    await until(() => tooDeep.error !== undefined);
    expect(tooDeep.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
  });

  it('closes subscribed clients with 1001 when the server stops', async () => {
    const client = connect(`Bearer ${memberA.accessToken}`);
    client.subscribe(ACTIVITY);
    await subscribed(server, 1);
    await server.app.stop();
    await until(() => client.closes.length > 0);
    expect(client.closes).toEqual([{ code: 1001, reason: 'server shutting down' }]);
    expect(server.app.websocket.stats()).toEqual({ connections: 0, subscriptions: 0 });
  });
});

describe('subscriptions across pods (Redis pub/sub)', () => {
  let one: TestServer;
  let two: TestServer;

  beforeAll(async () => {
    one = await startTestServer({ env: { REDIS_URL } });
    two = await startTestServer({ env: { REDIS_URL }, databaseUrl: one.databaseUrl! });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close(); // owns and drops the database
  });

  it('delivers on one server the event of a write made through the other', async () => {
    const reader = await one.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example');
    const writer = await two.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    const outsider = await one.login('minato-design', 'member@minato-design.example');
    const client = connectWs(one.url, `Bearer ${reader.accessToken}`);
    const other = connectWs(one.url, `Bearer ${outsider.accessToken}`);
    try {
      const events = client.subscribe(ACTIVITY);
      const elsewhere = other.subscribe(ACTIVITY);
      await subscribed(one, 2);
      const [projectId] = await openProjects(two, writer.accessToken);
      const taskId = await createTask(two, writer.accessToken, projectId!, 'Cross-pod task');
      const [event] = await events.waitFor(1);
      expect(event!.data).toEqual({
        activityRecorded: { id: expect.any(String), verb: 'task.created', subjectType: 'Task', subjectId: taskId, actor: { id: writer.userId } },
      });
      await sleep(1_000);
      expect(elsewhere.results).toEqual([]);
    } finally {
      await Promise.all([client.dispose(), other.dispose()]);
    }
  });
});

describe('revoked sessions on open sockets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { WS_SESSION_CHECK_SECONDS: '1' } });
  });
  afterAll(() => server?.close());

  it('closes the socket (4401) once its session is revoked, and keeps the others', async () => {
    const revoked = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    const kept = await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example');
    const doomed = connectWs(server.url, `Bearer ${revoked.accessToken}`);
    const survivor = connectWs(server.url, `Bearer ${kept.accessToken}`);
    try {
      doomed.subscribe(ACTIVITY);
      survivor.subscribe(ACTIVITY);
      await subscribed(server, 2);
      const logout = await server.graphql('mutation($t: String) { logout(refreshToken: $t) }', { t: revoked.refreshToken });
      expect(logout.data?.logout).toBe(true);
      await until(() => doomed.closes.length > 0, 10_000, () => 'the revoked socket to close');
      expect(doomed.closes[0]).toMatchObject({ code: 4401 });
      expect(doomed.closes[0]!.reason).toMatch(/revoked/);
      expect(survivor.closes).toEqual([]);
      expect(server.app.websocket.stats()).toEqual({ connections: 1, subscriptions: 1 });
    } finally {
      await Promise.all([doomed.dispose(), survivor.dispose()]);
    }
  });
});
