/**
 * Resuming a subscription from a cursor (docs/live-updates.md, "Resume from a cursor"): a client
 * that was away reconnects — here to another pod, as after a failover — with the cursor of the
 * last event it saw, and receives exactly the events it missed, in order and once each, then the
 * live ones; events committed while it resumes are neither lost nor doubled. A cursor that is not
 * one of the tenant's events is BAD_USER_INPUT; more than SUBSCRIPTION_REPLAY_MAX events since the
 * cursor is LIMIT_EXCEEDED. taskChanged resumes the same way, from the cursor in its frames'
 * `extensions`. Real PostgreSQL, Redis, HTTP and WebSockets; every wait is for an event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectWs, until, type TestSubscription, type TestWsClient } from '../support/ws-client.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REPLAY_MAX = 60;
const ACTIVITY = 'subscription Resume($after: String) { activityRecorded(after: $after) { id verb subjectType subjectId cursor } }';

interface Recorded {
  activityRecorded: { id: string; verb: string; subjectType: string; subjectId: string; cursor: string };
}

describe('resuming subscriptions from a cursor', () => {
  let one: TestServer;
  let two: TestServer;
  let member: { accessToken: string };
  let outsider: { accessToken: string };
  let projectId: string;
  let otherProjectId: string;
  const clients: TestWsClient[] = [];

  const connect = (server: TestServer, token: string) => {
    const client = connectWs(server.url, `Bearer ${token}`);
    clients.push(client);
    return client;
  };
  const subscriptions = (server: TestServer, count: number) =>
    until(() => server.app.websocket.stats().subscriptions === count, 20_000, () => `${count} subscriptions: ${JSON.stringify(server.app.websocket.stats())}`);
  const createTask = async (server: TestServer, title: string, inProject = projectId): Promise<string> => {
    const created = await server.graphql('mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', { i: { projectId: inProject, title } }, member.accessToken);
    expect(created.errors).toBeUndefined();
    return created.data!.createTask.id;
  };
  const createTasks = async (server: TestServer, count: number, prefix: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let n = 1; n <= count; n++) ids.push(await createTask(server, `${prefix} ${n}`));
    return ids;
  };
  /** Waits for the event of `taskId`'s creation, whatever came before it. */
  const waitForTask = (sub: TestSubscription<Recorded>, taskId: string) =>
    until(
      () => sub.results.some((r) => r.data?.activityRecorded.subjectId === taskId) || sub.error !== undefined,
      30_000,
      () => `the event of task ${taskId}; got ${sub.results.length} results, error ${JSON.stringify(sub.error)}`,
    );
  /** The cursor of the tenant's newest event, as the activity query pages it. */
  const newestCursor = async (server: TestServer, token: string): Promise<string> => {
    const page = await server.graphql('{ activity(first: 1) { edges { cursor } } }', {}, token);
    expect(page.errors).toBeUndefined();
    return page.data!.activity.edges[0].cursor;
  };
  /** A refused subscribe is answered with one result carrying the error, then `complete`. */
  const errorOf = async (sub: TestSubscription<Recorded>) => {
    await until(() => sub.error !== undefined || sub.results.length > 0, 20_000, () => 'the subscription to be refused');
    expect(sub.error).toBeUndefined();
    expect(sub.results).toHaveLength(1);
    expect(sub.results[0]!.data ?? null).toBeNull();
    return sub.results[0]!.errors![0]!;
  };

  beforeAll(async () => {
    const env = { REDIS_URL, SUBSCRIPTION_REPLAY_MAX: String(REPLAY_MAX) };
    one = await startTestServer({ env });
    two = await startTestServer({ env, databaseUrl: one.databaseUrl! });
    member = await one.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    outsider = await one.login('fuji-logistics', 'member@fuji-logistics.example');
    const projects = await one.graphql('{ projects(first: 20) { nodes { id status } } }', {}, member.accessToken);
    [projectId, otherProjectId] = projects.data!.projects.nodes.filter((p: { status: string }) => p.status !== 'ARCHIVED').map((p: { id: string }) => p.id);
    expect(otherProjectId).toBeDefined();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await two?.close();
    await one?.close(); // owns and drops the database
  });

  it('replays exactly the 50 events missed while away, in order, then live ones', async () => {
    // Live on pod one; the cursor of the last event seen comes with the event.
    const first = connect(one, member.accessToken);
    const before = first.subscribe<Recorded>(ACTIVITY);
    await subscriptions(one, 1);
    const seenTask = await createTask(one, 'Seen before the disconnect');
    await waitForTask(before, seenTask);
    const last = before.results.at(-1)!.data!.activityRecorded;
    expect(last.subjectId).toBe(seenTask);
    await first.dispose();
    await subscriptions(one, 0);

    // 50 changes while the client is away (through pod two).
    const missed = await createTasks(two, 50, 'Missed');
    const page = await two.graphql('{ activity(first: 100) { nodes { id subjectId } } }', {}, member.accessToken);
    const recorded = (page.data!.activity.nodes as { id: string; subjectId: string }[]).reverse(); // oldest first
    const sinceCursor = recorded.slice(recorded.findIndex((e) => e.id === last.id) + 1);
    expect(sinceCursor.map((e) => e.subjectId)).toEqual(missed);

    // It reconnects to pod two with its cursor.
    const resumed = connect(two, member.accessToken).subscribe<Recorded>(ACTIVITY, { after: last.cursor });
    await resumed.waitFor(50, 30_000);
    const liveTask = await createTask(one, 'Live after the resume'); // written on the other pod: through Redis
    await waitForTask(resumed, liveTask);

    const events = resumed.results.map((r) => r.data!.activityRecorded);
    expect(resumed.error).toBeUndefined();
    expect(events).toHaveLength(51);
    expect(events.slice(0, 50).map((e) => e.id)).toEqual(sinceCursor.map((e) => e.id));
    expect(events.slice(0, 50).map((e) => e.subjectId)).toEqual(missed);
    expect(events.every((e) => e.verb === 'task.created' && e.subjectType === 'Task')).toBe(true);
    expect(events[50]!.subjectId).toBe(liveTask);
    expect(new Set(events.map((e) => e.id)).size).toBe(51);
    // Each event's cursor resumes right after it: the newest one replays nothing.
    expect(events[50]!.cursor).toBe(await newestCursor(one, member.accessToken));
  });

  it('sends each event once when changes commit while the subscription resumes', async () => {
    const cursor = await newestCursor(one, member.accessToken);
    const writes = createTasks(one, 20, 'During the resume');
    const resumed = connect(two, member.accessToken).subscribe<Recorded>(ACTIVITY, { after: cursor });
    const during = await writes; // some replayed, some held while the replay is read, some live: each once
    const marker = await createTask(one, 'After the resume');
    await waitForTask(resumed, marker);
    const subjects = resumed.results.map((r) => r.data!.activityRecorded.subjectId);
    expect(resumed.error).toBeUndefined();
    expect(subjects).toEqual([...during, marker]);
  });

  it('refuses a garbage cursor, and a cursor of another organisation, with BAD_USER_INPUT', async () => {
    const foreign = await newestCursor(one, outsider.accessToken);
    const unknown = Buffer.from(JSON.stringify([new Date().toISOString(), '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const client = connect(one, member.accessToken);
    for (const after of ['garbage', 'eyJub3QiOiJhIGN1cnNvciJ9', unknown, foreign]) {
      const error = await errorOf(client.subscribe<Recorded>(ACTIVITY, { after }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { after: expect.any(String) } });
    }
    // The outsider's own cursor is fine for the outsider.
    const own = connect(one, outsider.accessToken).subscribe<Recorded>(ACTIVITY, { after: foreign });
    const mine = await one.graphql('mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', {
      i: { projectId: (await one.graphql('{ projects(first: 20) { nodes { id status } } }', {}, outsider.accessToken)).data!.projects.nodes.find((p: { status: string }) => p.status !== 'ARCHIVED').id, title: 'Fuji task' },
    }, outsider.accessToken);
    expect(mine.errors).toBeUndefined();
    await waitForTask(own, mine.data!.createTask.id);
    expect(own.error).toBeUndefined();
  });

  it(`replays up to SUBSCRIPTION_REPLAY_MAX (${REPLAY_MAX}) events, and refuses one more with LIMIT_EXCEEDED`, async () => {
    const cursor = await newestCursor(one, member.accessToken);
    const written = await createTasks(two, REPLAY_MAX, 'Up to the limit');
    const atLimit = connect(one, member.accessToken).subscribe<Recorded>(ACTIVITY, { after: cursor });
    await waitForTask(atLimit, written.at(-1)!);
    expect(atLimit.error).toBeUndefined();
    expect(atLimit.results.map((r) => r.data!.activityRecorded.subjectId)).toEqual(written);

    await createTask(two, 'One past the limit');
    const error = await errorOf(connect(one, member.accessToken).subscribe<Recorded>(ACTIVITY, { after: cursor }));
    expect(error.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'replay', maximum: REPLAY_MAX });
    // What the error says to do: fetch the current state and resume from its newest cursor.
    const fresh = connect(one, member.accessToken).subscribe<Recorded>(ACTIVITY, { after: await newestCursor(one, member.accessToken) });
    const next = await createTask(two, 'After the refetch');
    await waitForTask(fresh, next);
    expect(fresh.results.map((r) => r.data!.activityRecorded.subjectId)).toEqual([next]);
  });

  it('resumes taskChanged from the cursor its frames carry: each task event since, with the current task, then live', async () => {
    const TASKS = 'subscription Tasks($p: UUID, $after: String) { taskChanged(projectId: $p, after: $after) { id title } }';
    type Changed = { taskChanged: { id: string; title: string } };
    const open = one.app.websocket.stats().subscriptions; // the earlier tests' clients are still connected
    const first = connect(one, member.accessToken);
    const before = first.subscribe<Changed>(TASKS, { p: projectId });
    await subscriptions(one, open + 1);
    const seen = await createTask(one, 'Task seen live');
    await until(() => before.results.length === 1, 20_000, () => `the live task; got ${JSON.stringify(before.results)}`);
    const frame = before.results[0] as { data: Changed; extensions?: { cursor?: string } };
    expect(frame.data.taskChanged).toEqual({ id: seen, title: 'Task seen live' });
    const cursor = frame.extensions!.cursor!;
    expect(cursor).toBe(await newestCursor(one, member.accessToken)); // the cursor of the event it answers
    await first.dispose();
    await subscriptions(one, open);

    // Away: tasks created here and elsewhere, one renamed, one created and deleted.
    const a = await createTask(two, 'Task A');
    await createTask(two, 'Elsewhere', otherProjectId);
    const b = await createTask(two, 'Task B');
    const gone = await createTask(two, 'Gone again');
    const renamed = await two.graphql('mutation($id: UUID!) { updateTask(id: $id, input: { title: "Task A, renamed" }) { id } }', { id: a }, member.accessToken);
    expect(renamed.errors).toBeUndefined();
    const deleted = await two.graphql('mutation($id: UUID!) { deleteTask(id: $id) { __typename } }', { id: gone }, member.accessToken);
    expect(deleted.errors).toBeUndefined();

    const resumed = connect(two, member.accessToken).subscribe<Changed>(TASKS, { p: projectId, after: cursor });
    const live = await createTask(one, 'Task live after the resume');
    await until(() => resumed.results.some((r) => r.data?.taskChanged.id === live) || resumed.error !== undefined, 30_000, () => `the live task; got ${JSON.stringify(resumed.results)}`);
    expect(resumed.error).toBeUndefined();
    // One frame per task event since the cursor, oldest first, each with the task as it is now.
    expect(resumed.results.map((r) => r.data!.taskChanged)).toEqual([
      { id: a, title: 'Task A, renamed' }, // task.created
      { id: b, title: 'Task B' },
      { id: a, title: 'Task A, renamed' }, // task.updated
      { id: live, title: 'Task live after the resume' },
    ]);
    const cursors = resumed.results.map((r) => (r as { extensions?: { cursor?: string } }).extensions?.cursor);
    expect(new Set(cursors).size).toBe(4);
    expect(cursors.at(-1)).toBe(await newestCursor(one, member.accessToken));
  });
});
