/**
 * Fan-out under a small database pool: many groups (every subscriber's document differs, so every
 * event is executed once per subscriber — the worst case for the database) and steady HTTP traffic
 * on a pool of 4 with 1 permit for live updates. Before group execution and permits, fan-out took
 * every pooled connection and both sides failed with SERVICE_UNAVAILABLE. Now every delivery
 * arrives, no HTTP request fails, and the metrics account for every event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { find, parseSamples, valueOf } from '../support/prometheus-text.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectWs, until, type TestWsClient } from '../support/ws-client.js';

const SUBSCRIBERS = 40;
const MUTATIONS = 5;

describe('fan-out under pool pressure', () => {
  let server: TestServer;
  const clients: TestWsClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { DB_POOL_MAX: '4', DB_CONNECT_TIMEOUT_MS: '1000', SUBSCRIPTION_DB_CONCURRENCY: '1', WS_MAX_CONNECTIONS_PER_USER: '100' } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.close();
  });

  it('loses no delivery and fails no HTTP request', async () => {
    const member = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    const viewer = await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example');
    const projects = await server.graphql('{ projects(first: 20) { nodes { id status } } }', {}, member.accessToken);
    const projectId = projects.data!.projects.nodes.find((p: { status: string }) => p.status !== 'ARCHIVED').id;

    const subs = Array.from({ length: SUBSCRIBERS }, (_, i) => {
      const client = connectWs(server.url, `Bearer ${viewer.accessToken}`);
      clients.push(client);
      // A distinct alias per subscriber: forty groups, forty executions per event.
      return client.subscribe<{ activityRecorded: { subjectId: string } }>(`subscription { activityRecorded { subjectId actor { displayName } n${i}: summary } }`);
    });
    await until(() => server.app.websocket.stats().subscriptions === SUBSCRIBERS, 30_000);
    expect(valueOf(parseSamples(await server.app.metrics.render()), 'dandori_subscription_groups', { field: 'activityRecorded' })).toBe(SUBSCRIBERS);

    // HTTP traffic throughout: 8 requests at a time, each a read transaction of its own.
    let stop = false;
    const statuses: number[] = [];
    const traffic = Array.from({ length: 8 }, async () => {
      while (!stop) statuses.push((await server.graphql('{ tasks(first: 10) { nodes { id title } } }', {}, member.accessToken)).status);
    });
    const taskIds: string[] = [];
    for (let m = 0; m < MUTATIONS; m++) {
      const created = await server.graphql('mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', { i: { projectId, title: `Pressure ${m}` } }, member.accessToken);
      expect(created.errors).toBeUndefined();
      taskIds.push(created.data!.createTask.id);
    }
    await Promise.all(subs.map((s) => s.waitFor(MUTATIONS, 60_000)));
    stop = true;
    await Promise.all(traffic);

    for (const sub of subs) {
      expect(sub.results.map((r) => r.errors ?? r.data!.activityRecorded.subjectId)).toEqual(taskIds);
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const samples = parseSamples(await server.app.metrics.render());
    expect(valueOf(samples, 'dandori_subscription_deliveries_total', { field: 'activityRecorded' })).toBe(SUBSCRIBERS * MUTATIONS);
    expect(find(samples, 'dandori_subscription_delivery_failures_total').filter((s) => s.value > 0)).toEqual([]);
    expect(valueOf(samples, 'dandori_subscription_executions_total', { field: 'activityRecorded', outcome: 'delivered' })).toBe(SUBSCRIBERS * MUTATIONS);
    expect(valueOf(samples, 'dandori_subscription_queue_depth')).toBe(0);
  });
});
