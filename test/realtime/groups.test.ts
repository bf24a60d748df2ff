/**
 * Group execution through a started server and real WebSockets: identical subscriptions share
 * one execution per event and get byte-identical payloads; anything that may differ between
 * viewers — a per-user field, a field missing from the sharing table, another tenant, other
 * variables — splits the group, and one user's answer never reaches another. A member whose
 * session is revoked is dropped at once and gets nothing. Every delivery batch is one log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { parseSamples, valueOf } from '../support/prometheus-text.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectWs, sleep, until, type TestWsClient } from '../support/ws-client.js';

const ACTIVITY = 'subscription { activityRecorded { id verb subjectId actor { id } } }';
const NOTIFICATIONS = 'subscription { notificationReceived { id kind payload readAt } }';

describe('group execution of live events', () => {
  let server: TestServer;
  const logLines: Record<string, any>[] = [];
  const clients: TestWsClient[] = [];
  const people: Record<string, { accessToken: string; refreshToken: string; userId: string }> = {};
  let projectId: string;

  const connect = (who: string) => {
    const client = connectWs(server.url, `Bearer ${people[who]!.accessToken}`);
    clients.push(client);
    return client;
  };
  const samples = async () => parseSamples(await server.app.metrics.render());
  const metric = async (name: string, labels: Record<string, string>) => valueOf(await samples(), name, labels);
  const live = (count: number) =>
    until(() => server.app.websocket.stats().subscriptions === count, 10_000, () => `${count} subscriptions: ${JSON.stringify(server.app.websocket.stats())}`);
  const createTask = async (who: string, title: string, assigneeId?: string) => {
    const result = await server.graphql('mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', { i: { projectId, title, ...(assigneeId && { assigneeId }) } }, people[who]!.accessToken);
    expect(result.errors).toBeUndefined();
    return result.data!.createTask.id as string;
  };

  beforeAll(async () => {
    const logger = createLogger({ LOG_LEVEL: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    server = await startTestServer({ logger });
    for (const role of ['owner', 'admin', 'member', 'viewer']) people[role] = await server.login('sakura-kensetsu', `${role}@sakura-kensetsu.example`);
    people.member2 = await server.login('sakura-kensetsu', 'member2@sakura-kensetsu.example');
    people.fuji = await server.login('fuji-logistics', 'member@fuji-logistics.example');
    const projects = await server.graphql('{ projects(first: 20) { nodes { id status } } }', {}, people.admin!.accessToken);
    projectId = projects.data!.projects.nodes.find((p: { status: string }) => p.status !== 'ARCHIVED').id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.close();
  });

  it('runs one execution per event for viewers of every role, and sends them identical payloads', async () => {
    const roles = ['owner', 'admin', 'member', 'viewer'];
    // The same operation, written differently: whitespace and commas do not split a group.
    const subs = roles.map((role, i) => connect(role).subscribe(i % 2 ? ACTIVITY.replace(/ /g, '\n  ') : ACTIVITY));
    await live(4);
    expect(await metric('dandori_subscription_groups', { field: 'activityRecorded' })).toBe(1);
    expect(await metric('dandori_subscriptions_active', { field: 'activityRecorded' })).toBe(4);
    const executionsBefore = await metric('dandori_subscription_executions_total', { field: 'activityRecorded', outcome: 'delivered' }).catch(() => 0);
    const deliveriesBefore = await metric('dandori_subscription_deliveries_total', { field: 'activityRecorded' });

    const taskId = await createTask('admin', 'Grouped delivery');
    const results = await Promise.all(subs.map((s) => s.waitFor(1)));
    for (const [result] of results) {
      expect(result).toEqual({ data: { activityRecorded: { id: expect.any(String), verb: 'task.created', subjectId: taskId, actor: { id: people.admin!.userId } } } });
    }
    expect(new Set(results.map(([r]) => JSON.stringify(r))).size).toBe(1);
    expect(await metric('dandori_subscription_executions_total', { field: 'activityRecorded', outcome: 'delivered' })).toBe(executionsBefore + 1);
    expect(await metric('dandori_subscription_deliveries_total', { field: 'activityRecorded' })).toBe(deliveriesBefore + 4);

    // One log line for the batch, with what happened to it.
    await until(() => logLines.some((l) => l.msg === 'live event delivered' && l.field === 'activityRecorded'));
    const batch = logLines.filter((l) => l.msg === 'live event delivered' && l.field === 'activityRecorded');
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ members: 4, sent: 4, gone: 0, slowConsumers: 0, tenantId: server.tenantIds['sakura-kensetsu'], fanoutMs: expect.any(Number) });
    subs.forEach((s) => s.unsubscribe());
    await live(0);
    expect(await metric('dandori_subscription_groups', { field: 'activityRecorded' })).toBe(0);
  });

  it('splits per-user fields into one group per user: each sees only their own notifications', async () => {
    const member = connect('member').subscribe<{ notificationReceived: { id: string; kind: string; payload: any } }>(NOTIFICATIONS);
    const member2 = connect('member2').subscribe<{ notificationReceived: { id: string; kind: string; payload: any } }>(NOTIFICATIONS);
    await live(2);
    // The same document, two users: two groups, because notificationReceived depends on the user.
    expect(await metric('dandori_subscription_groups', { field: 'notificationReceived' })).toBe(2);

    const forMember = await createTask('admin', 'For the member', people.member!.userId);
    const [mine] = await member.waitFor(1);
    expect(mine!.data!.notificationReceived).toMatchObject({ kind: 'task.assigned', payload: { taskId: forMember, actorId: people.admin!.userId } });
    const forMember2 = await createTask('admin', 'For member 2', people.member2!.userId);
    const [theirs] = await member2.waitFor(1);
    expect(theirs!.data!.notificationReceived).toMatchObject({ kind: 'task.assigned', payload: { taskId: forMember2 } });

    await sleep(500);
    expect(member.results).toHaveLength(1); // never member2's notification
    expect(member2.results).toHaveLength(1); // never the member's
    // Exactly what the notifications query says is theirs.
    const listed = await server.graphql('{ notifications(first: 1) { nodes { id } } }', {}, people.member!.accessToken);
    expect(listed.data!.notifications.nodes[0].id).toBe(mine!.data!.notificationReceived.id);
    member.unsubscribe();
    member2.unsubscribe();
    await live(0);
  });

  it('treats a field missing from the sharing table as per-user', async () => {
    // Task.attachments is left out of the table (its download URLs are minted per request).
    const doc = 'subscription { taskChanged { id attachments { id } } }';
    const a = connect('member').subscribe(doc);
    const b = connect('member2').subscribe(doc);
    const c = connect('member2').subscribe(doc); // the same user again: joins that user's group
    await live(3);
    expect(await metric('dandori_subscription_groups', { field: 'taskChanged' })).toBe(2);
    const taskId = await createTask('admin', 'Per-user because unlisted');
    for (const sub of [a, b, c]) expect((await sub.waitFor(1))[0]).toEqual({ data: { taskChanged: { id: taskId, attachments: [] } }, extensions: { cursor: expect.any(String) } });
    for (const sub of [a, b, c]) sub.unsubscribe();
    await live(0);
  });

  it('keeps tenants and variables apart inside the grouping', async () => {
    const sakura = connect('member').subscribe(ACTIVITY);
    const fuji = connect('fuji').subscribe(ACTIVITY);
    const here = connect('viewer').subscribe('subscription($p: UUID) { taskChanged(projectId: $p) { id } }', { p: projectId });
    const elsewhere = connect('viewer').subscribe('subscription($p: UUID) { taskChanged(projectId: $p) { id } }', { p: '00000000-0000-4000-8000-000000000000' });
    await live(4);
    expect(await metric('dandori_subscription_groups', { field: 'activityRecorded' })).toBe(2); // one per tenant
    expect(await metric('dandori_subscription_groups', { field: 'taskChanged' })).toBe(2); // one per variables

    const taskId = await createTask('member', 'Only for sakura');
    expect((await sakura.waitFor(1))[0]!.data!.activityRecorded.subjectId).toBe(taskId);
    expect((await here.waitFor(1))[0]).toEqual({ data: { taskChanged: { id: taskId } }, extensions: { cursor: expect.any(String) } });
    await sleep(500);
    expect(fuji.results).toEqual([]);
    expect(elsewhere.results).toEqual([]);
    for (const sub of [sakura, fuji, here, elsewhere]) sub.unsubscribe();
    await live(0);
  });

  it('closes a revoked session’s socket at once, and its subscriptions get nothing more', async () => {
    const revoked = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    const doomedClient = connectWs(server.url, `Bearer ${revoked.accessToken}`);
    clients.push(doomedClient);
    const doomed = doomedClient.subscribe(ACTIVITY);
    const survivor = connect('viewer').subscribe(ACTIVITY);
    await live(2);
    expect(await metric('dandori_subscription_groups', { field: 'activityRecorded' })).toBe(1);

    // WS_SESSION_CHECK_SECONDS is 30 here: only SESSIONS_REVOKED can close it this soon.
    const logout = await server.graphql('mutation($t: String) { logout(refreshToken: $t) }', { t: revoked.refreshToken });
    expect(logout.data?.logout).toBe(true);
    await until(() => doomedClient.closes.length > 0, 5_000, () => 'the revoked socket to close');
    expect(doomedClient.closes[0]).toEqual({ code: 4401, reason: expect.stringMatching(/revoked/) });

    const taskId = await createTask('admin', 'After the revocation');
    expect((await survivor.waitFor(1))[0]!.data!.activityRecorded.subjectId).toBe(taskId);
    await sleep(300);
    expect(doomed.results).toEqual([]);
    survivor.unsubscribe();
    await live(0);
  });
});
